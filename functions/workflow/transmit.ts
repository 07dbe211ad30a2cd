import { defaultDependencies, type Dependencies } from '../dependencies';
import { notFound } from '../domain/errors';
import { markTransmitted, wakeOutput } from '../domain/purchase-order-lifecycle';
import { logger } from '../logger';
import { changeAndWake } from '../services/change-purchase-order';
import { transmitPurchaseOrder } from '../services/vendor-channels';
import { getVendor } from '../store/catalog-store';
import { getPurchaseOrder } from '../store/purchase-order-store';
import { instrument } from '../observability';
import { withPublicHolidays } from '../domain/sla-calendar';

/** Task `Transmit`: sends a PENDING PO over its vendor's channel and marks it SENT_TO_VENDOR. */
export function createTransmitTask(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: { poNumber: string }) => {
    const deps = dependencies();
    const po = await getPurchaseOrder(deps.table, event.poNumber);
    if (!po) throw notFound('Purchase order', event.poNumber);
    if (po.status !== 'PENDING') return wakeOutput(po);
    const vendor = await getVendor(deps.table, po.vendorId);
    if (!vendor) throw notFound('Vendor', po.vendorId);

    const sentLines = await transmitPurchaseOrder(deps, vendor, po);
    // The PO just read is the one the change starts from (one Get fewer; a copy gone stale costs a retry).
    const change = await changeAndWake(
      deps,
      po.poNumber,
      (current) => ({
        // The SLA stamped on the PO carries its calendar's public holidays as dates, so no later step needs the calendar.
        next: { ...markTransmitted(current, sentLines, { by: `workflow:transmit:${vendor.channel}`, at: deps.now() }, withPublicHolidays(vendor.sla)), invoicing: vendor.invoicing?.mode ?? 'VENDOR_INVOICES' },
        response: null,
      }),
      { initial: po },
    );
    logger.info('Purchase order transmitted', { poNumber: po.poNumber, vendorId: po.vendorId, channel: vendor.channel });
    return wakeOutput(change.after);
  };
}

export const handler = instrument(createTransmitTask());
