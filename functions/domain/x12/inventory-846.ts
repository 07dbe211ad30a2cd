import { segmentErrors } from './functional-ack-997';
import { isoDateOf, setError, type InboundSet } from './inbound';

/**
 * Reads an 846 (inventory inquiry/advice): per item a LIN (VP the vendor SKU), QTY*33 the quantity
 * available for sale, and optionally DTM*018 the date more becomes available. Rows come back
 * unchecked, so a bad one is reported by its position like a JSON feed row.
 */
export function readInventory846(set: InboundSet): { vendorSku?: string; available?: number; restockDate: string | null }[] {
  if (!set.segments.some((s) => s.tag === 'BIA')) throw setError(undefined, 'BIA', segmentErrors.mandatoryMissing, 'BIA is missing');
  const rows: { vendorSku?: string; available?: number; restockDate: string | null }[] = [];
  for (const segment of set.segments) {
    const [e1 = '', e2 = '', e3 = ''] = segment.elements;
    if (segment.tag === 'LIN') {
      const vp = segment.elements.findIndex((value, i) => i % 2 === 1 && value === 'VP');
      rows.push({ vendorSku: vp >= 0 ? segment.elements[vp + 1] : e3 || undefined, restockDate: null });
    }
    const row = rows.at(-1);
    if (!row) continue;
    if (segment.tag === 'QTY' && e1 === '33') row.available = Number(e2);
    if (segment.tag === 'DTM' && e1 === '018') row.restockDate = isoDateOf(e2) ?? null;
  }
  return rows;
}
