import { chargePeriod, chargesCsv, chargesFor, csvContentType } from '../services/compliance-charges';
import { getVendor } from '../store/catalog-store';
import { changeAndWake } from '../services/change-purchase-order';
import { confirmCancellation } from '../domain/purchase-order-lifecycle';
import { certificationReportOf } from '../services/certification';
import type { Principal } from '../contracts/api-keys';
import { DomainError } from '../domain/errors';
import { getPurchaseOrder, listPurchaseOrders } from '../store/purchase-order-store';
import { fingerprint } from '../domain/fingerprint';
import { acknowledgeAsVendor, ownedBy, shipAsVendor } from '../services/vendor-events';
import { scorecard } from '../services/vendor-scorecard';
import { listExceptions } from '../store/exception-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { vendorPortalRoutes } from './routes/vendor-portal';
import { toPurchaseOrderView } from '../services/order-views';

const vendorOf = (principal: Principal): string => {
  if (!principal.vendorId) throw new DomainError('FORBIDDEN', 'This key is not bound to a vendor');
  return principal.vendorId;
};

export const operations = operationsOf(vendorPortalRoutes, {
  async getOwnScorecard({ query, principal }, { table, now }) {
    const vendorId = vendorOf(principal);
    return { body: await scorecard(table, (await getVendor(table, vendorId)) ?? { vendorId }, query, now()) };
  },

  async getOwnComplianceCharges({ query, principal }, { table, now }) {
    const [charges] = await chargesFor(table, [vendorOf(principal)], chargePeriod(query, now()));
    return query.format === 'csv' ? { contentType: csvContentType, body: chargesCsv(charges ? [charges] : []) } : { body: charges };
  },

  async getOwnCertification({ principal }, dependencies) {
    return { body: await certificationReportOf(dependencies, vendorOf(principal)) };
  },

  async listOwnExceptions({ query, principal }, { table }) {
    const page = await listExceptions(table, { status: 'OPEN', vendorId: vendorOf(principal) }, { limit: query.limit, cursor: query.cursor });
    return { body: { items: page.items, nextCursor: page.nextCursor } };
  },

  async listVendorPurchaseOrders({ query, principal }, { table }) {
    const { status, limit, cursor } = query;
    const page = await listPurchaseOrders(table, { status, vendorId: vendorOf(principal) }, { limit, cursor });
    return { body: { items: page.items.map(toPurchaseOrderView), nextCursor: page.nextCursor } };
  },

  async getVendorPurchaseOrder({ params, principal }, { table }) {
    const po = ownedBy(await getPurchaseOrder(table, params.poNumber), vendorOf(principal), params.poNumber);
    return { body: toPurchaseOrderView(po) };
  },

  async acknowledgePurchaseOrder({ params, body, principal }, dependencies) {
    const { messageId, ...acknowledgment } = body;
    const messageKey = `API#${messageId ?? `ACK#${params.poNumber}#${fingerprint(acknowledgment)}`}`;
    const change = await acknowledgeAsVendor(dependencies, vendorOf(principal), params.poNumber, messageKey, () => acknowledgment);
    return { body: change.response };
  },

  async confirmCancellation({ params, principal }, dependencies) {
    const vendorId = vendorOf(principal);
    const change = await changeAndWake(dependencies, params.poNumber, (po) => {
      const next = confirmCancellation(ownedBy(po, vendorId, params.poNumber), { by: `vendor:${vendorId}`, at: dependencies.now() });
      return { next, response: toPurchaseOrderView(next ?? po) };
    });
    return { body: change.response };
  },

  async shipPurchaseOrder({ params, body, principal }, dependencies) {
    const { messageId, shipmentId, ...shipment } = body;
    const key = messageId ?? `SHIPMENT#${params.poNumber}#${fingerprint({ shipmentId, ...shipment })}`;
    const notice = { ...shipment, shipmentId: shipmentId ?? `${params.poNumber}-${key.slice(-8)}`, source: 'API' as const };
    const change = await shipAsVendor(dependencies, vendorOf(principal), params.poNumber, `API#${key}`, notice);
    return { status: change.duplicate ? 200 : 201, body: change.response };
  },
});

export const handler = createApiHandler(operations);
