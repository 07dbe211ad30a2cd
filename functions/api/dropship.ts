import { DomainError } from '../domain/errors';
import { changeAndWake } from '../services/change-purchase-order';
import { exceptionKeys } from '../store/keys';
import { listPurchaseOrders } from '../store/purchase-order-store';
import { getItem } from '../store/table';
import type { ExceptionRecord } from '../store/exception-store';
import { exceptionToItem } from '../store/exception-store';
import { createApiHandler, type Operations } from './http/api-handler';
import { toDropshipRow, toPurchaseOrderView } from './order-views';

export const operations: Operations<'dropship'> = {
  async listDropshipOrders({ query }, { table }) {
    const { status, vendorId, limit, cursor } = query;
    const page = await listPurchaseOrders(table, { status, vendorId }, { limit, cursor });
    return { body: { items: page.items.map(toDropshipRow), nextCursor: page.nextCursor } };
  },

  async retryTransmission({ params, principal }, dependencies) {
    const { table, now } = dependencies;
    const failure = await getItem<ExceptionRecord>(table, exceptionKeys.item(params.poNumber, 'TRANSMISSION_FAILED'));
    const change = await changeAndWake(dependencies, params.poNumber, (po) => {
      if (po.status !== 'PENDING' || !po.taskToken || failure?.status !== 'OPEN') {
        throw new DomainError('INVALID_TRANSITION', `Purchase order ${po.poNumber} is not waiting for a transmission retry`, [
          { field: 'status', rule: 'transition', message: `current status ${po.status}; a retry needs a failed transmission` },
        ]);
      }
      const at = now().toISOString();
      return {
        // Taking the token wakes the workflow, which routes the PENDING PO back to Transmit.
        next: { ...po, taskToken: undefined, version: po.version + 1, history: [...po.history, { at, status: po.status, by: `ops:${principal.keyId}`, note: 'transmission retried' }] },
        response: null,
        items: [exceptionToItem({ ...failure, status: 'RESOLVED', resolvedAt: at })],
      };
    });
    return { status: 202, body: toPurchaseOrderView(change.after) };
  },
};

export const handler = createApiHandler(operations);
