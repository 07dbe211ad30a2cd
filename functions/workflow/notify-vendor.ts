import { defaultDependencies, type Dependencies } from '../dependencies';
import { notFound } from '../domain/errors';
import { wakeOutput } from '../domain/purchase-order-lifecycle';
import { changeAndWake } from '../services/change-purchase-order';
import { sendVendorNotice } from '../services/vendor-channels';
import { getVendor } from '../store/catalog-store';
import { getPurchaseOrder } from '../store/purchase-order-store';
import { instrument } from '../observability';

/** Task `NotifyVendor`: sends the PO's pending vendor notice (an 860 or a webhook), then clears it. */
export function createNotifyVendorTask(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: { poNumber: string }) => {
    const deps = dependencies();
    const po = await getPurchaseOrder(deps.table, event.poNumber);
    if (!po) throw notFound('Purchase order', event.poNumber);
    const notice = po.vendorNotice;
    if (!notice) return wakeOutput(po);
    const vendor = await getVendor(deps.table, po.vendorId);
    if (!vendor) throw notFound('Vendor', po.vendorId);
    await sendVendorNotice(deps, vendor, po, notice);

    const change = await changeAndWake(deps, po.poNumber, (current) => {
      // Lines cancelled while this notice was out stay due, for the next round.
      const remaining = (current.vendorNotice?.lineNumbers ?? []).filter((line) => !notice.lineNumbers.includes(line));
      const vendorNotice = remaining.length > 0 && current.vendorNotice ? { ...current.vendorNotice, lineNumbers: remaining } : undefined;
      return { next: { ...current, vendorNotice, version: current.version + 1 }, response: null };
    });
    return wakeOutput(change.after);
  };
}

export const handler = instrument(createNotifyVendorTask());
