import { DomainError, notFound } from '../domain/errors';
import { parseExceptionId, type ExceptionRecord } from '../domain/exceptions';
import { advance } from '../domain/purchase-order-lifecycle';
import { changeAndWake } from '../services/change-purchase-order';
import { cancelPurchaseOrder, extendDueDate, retryTransmission } from '../services/purchase-order-actions';
import { getException, listExceptions } from '../store/exception-store';
import { listNotificationsByStatus } from '../store/notification-store';
import { resolveVendorException } from '../store/vendor-exception-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { exceptionsRoutes } from './routes/exceptions';

const toView = ({ ...record }: ExceptionRecord) => record;

export const operations = operationsOf(exceptionsRoutes, {
  async listExceptions({ query }, { table }) {
    const { status, type, vendorId, limit, cursor } = query;
    const page = await listExceptions(table, { status: status === 'open' ? 'OPEN' : 'RESOLVED', type, vendorId }, { limit, cursor });
    return { body: { items: page.items.map(toView), nextCursor: page.nextCursor } };
  },

  async listFailedNotifications({ query }, { table }) {
    return { body: await listNotificationsByStatus(table, query.status, { limit: query.limit, cursor: query.cursor }) };
  },

  async getException({ params }, { table }) {
    const record = await getException(table, params.exceptionId);
    if (!record) throw notFound('Exception', params.exceptionId);
    return { body: toView(record) };
  },

  async resolveException({ params, body, principal }, dependencies) {
    const key = parseExceptionId(params.exceptionId);
    const record = key && (await getException(dependencies.table, params.exceptionId));
    if (!key || !record) throw notFound('Exception', params.exceptionId);
    if (record.status !== 'OPEN') throw new DomainError('INVALID_TRANSITION', `Exception ${params.exceptionId} is already resolved`);
    const by = `ops:${principal.keyId}`;
    const resolution = { by, note: body.note, ...(body.action && { action: body.action }) };
    const wrongType = (allowed: string) =>
      new DomainError('VALIDATION_FAILED', `${body.action} does not apply to ${record.type}`, [{ field: 'action', rule: 'applies_to', message: `only for ${allowed}` }]);

    if (!record.poNumber) {
      // A vendor-wide exception: resolving it records the note; there is no PO to act on.
      if (body.action) throw wrongType('exceptions about one purchase order');
      if (!(await resolveVendorException(dependencies.table, record, resolution, dependencies.now()))) throw new DomainError('INVALID_TRANSITION', `Exception ${params.exceptionId} is already resolved`);
      return { body: toView((await getException(dependencies.table, params.exceptionId)) ?? record) };
    }
    const { poNumber } = record;

    if (body.action === 'RETRY_TRANSMISSION') {
      if (record.type !== 'TRANSMISSION_FAILED') throw wrongType('TRANSMISSION_FAILED');
      await retryTransmission(dependencies, poNumber, by, resolution);
    } else if (body.action === 'CANCEL_PO') {
      await cancelPurchaseOrder(dependencies, poNumber, by, resolution);
    } else if (body.action === 'EXTEND_DUE_DATE') {
      if (record.type !== 'ACK_OVERDUE' && record.type !== 'SHIP_OVERDUE') throw wrongType('ACK_OVERDUE and SHIP_OVERDUE');
      await extendDueDate(dependencies, poNumber, record.type, body.extendHours ?? 0, by, resolution);
    } else {
      await changeAndWake(dependencies, poNumber, (po) => {
        const open = po.openExceptions?.[record.type];
        if (open?.exceptionId !== record.exceptionId) throw new DomainError('INVALID_TRANSITION', `Exception ${params.exceptionId} is already resolved`);
        const { [record.type]: _resolved, ...stillOpen } = po.openExceptions ?? {};
        return { next: advance(po, { openExceptions: stillOpen }, { by, at: dependencies.now() }, `${record.type} resolved: ${body.note}`), response: null, resolution };
      });
    }
    const resolved = await getException(dependencies.table, params.exceptionId);
    return { body: toView(resolved ?? record) };
  },
});

export const handler = createApiHandler(operations);
