import { answerRerouteApproval, retryTransmission } from '../services/purchase-order-actions';
import { countByStatus, getPurchaseOrderDetail, listPurchaseOrderSummaries } from '../store/purchase-order-store';
import { listOrderNotifications } from '../store/notification-store';
import { purchaseOrderStatuses } from '../domain/purchase-order-status';
import { deliveryEstimate } from '../domain/delivery-estimate';
import { notFound } from '../domain/errors';
import { getEdiDocument, listEdiDocuments } from '../store/edi-log-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { dropshipRoutes } from './routes/dropship';
import { toPurchaseOrderView } from '../services/order-views';

/** Badge counts stop here: counting costs what it reads, and "1,000+" says enough. */
const summaryCap = 1000;

export const operations = operationsOf(dropshipRoutes, {
  async getDropshipSummary({ query }, { table }) {
    const counts = await Promise.all(purchaseOrderStatuses.map(async (status) => [status, await countByStatus(table, status, summaryCap, query.vendorId)] as const));
    return { body: { counts: Object.fromEntries(counts), cap: summaryCap } };
  },

  async getDropshipOrder({ params }, { table }) {
    const detail = await getPurchaseOrderDetail(table, params.poNumber);
    if (!detail) throw notFound('Purchase order', params.poNumber);
    const notifications = (await listOrderNotifications(table, detail.po.orderId)).filter((n) => !n.poNumber || n.poNumber === params.poNumber);
    return {
      body: {
        purchaseOrder: { ...toPurchaseOrderView(detail.po), ...deliveryEstimate(detail.po) },
        exceptions: detail.exceptions.sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
        documents: detail.documents.sort((a, b) => a.at.localeCompare(b.at)),
        notifications,
      },
    };
  },

  async listDropshipOrders({ query }, { table }) {
    const { status, vendorId, rerouted, limit, cursor } = query;
    const page = await listPurchaseOrderSummaries(table, { status, vendorId, rerouted: rerouted === 'true' }, { limit, cursor });
    return { body: { items: page.items, nextCursor: page.nextCursor } };
  },

  async listEdiDocuments({ query }, { table }) {
    const { limit, cursor, ...filter } = query;
    return { body: await listEdiDocuments(table, filter, { limit, cursor }) };
  },

  async getEdiDocument({ params }, { table }) {
    const document = await getEdiDocument(table, params.documentId);
    if (!document) throw notFound('EDI document', params.documentId);
    return { body: document };
  },

  async answerRerouteApproval({ params, body, principal }, dependencies) {
    return { body: toPurchaseOrderView(await answerRerouteApproval(dependencies, params.poNumber, body, `ops:${principal.keyId}`)) };
  },

  async retryTransmission({ params, principal }, dependencies) {
    const change = await retryTransmission(dependencies, params.poNumber, `ops:${principal.keyId}`);
    return { status: 202, body: toPurchaseOrderView(change.after) };
  },
});

export const handler = createApiHandler(operations);
