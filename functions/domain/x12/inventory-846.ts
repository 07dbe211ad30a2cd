import type { InboundSet } from './read-interchange';
import { idPairs, valueAt, walk, type ElementRef, type SetMap } from './set-map';
import { problemAt, wholeQuantity, X12Refusal } from './set-problem';
import { itemIdQualifiers } from './codes';
import { isoDateOf } from './x12-date';

/** The 846 as data: BIA at the head, one LIN loop per item with its QTY and DTM. */
export const map846 = {
  set: { id: '846', name: 'Inventory inquiry/advice', anchor: 'BIA', loops: [{ id: 'LIN', starts: 'LIN' }] } satisfies SetMap,
  itemIds: { tag: 'LIN', from: 2 },
  /** QTY01 codes we read as what can be sold, best first (X12 element 673). */
  available: [
    { tag: 'QTY', element: 2, qualifier: { element: 1, values: ['33'] } },
    { tag: 'QTY', element: 2, qualifier: { element: 1, values: ['17'] } },
  ] as ElementRef[],
  restockDate: { tag: 'DTM', element: 2, qualifier: { element: 1, values: ['018', '169'] } } as ElementRef,
} as const;

/** What QTY01 codes mean, for the words of a refusal: the two we read, and ones partners send that are not stock to sell. */
export const quantityQualifiers: Record<string, string> = {
  '33': 'available for sale',
  '17': 'on hand',
  '02': 'cumulative',
  '63': 'on order',
  QH: 'on hold',
};

export interface InventoryRow {
  vendorSku?: string;
  available?: number;
  restockDate: string | null;
  /** Why the row cannot be applied when no QTY we read is there (the feed refuses it in these words). */
  problem?: string;
}

/**
 * Reads an 846: per LIN loop the vendor's part (VP, VN, VC, SK, MG; else LIN03), the quantity
 * available and the date more becomes available. Rows come back unchecked, so a bad one is reported
 * by its position like a JSON feed row.
 */
export function readInventory846(set: InboundSet): InventoryRow[] {
  const { header, loops } = walk(set.segments, map846.set);
  if (!header.some((s) => s.tag === 'BIA')) throw new X12Refusal([problemAt(undefined, 'BIA', 'BIA is missing')]);
  return loops.map((loop) => {
    const ids = idPairs(loop.segments, map846.itemIds);
    const vendorSku = ids.find((id) => itemIdQualifiers[id.qualifier] === 'VENDOR_PART')?.value ?? ids[0]?.value;
    const quantity = map846.available.map((ref) => valueAt(loop.segments, ref)).find(Boolean);
    const available = quantity ? wholeQuantity(quantity.value) : undefined;
    const sent = loop.segments.filter((s) => s.tag === 'QTY').map((s) => s.elements[0]?.trim() ?? '');
    const problem = quantity
      ? undefined
      : sent.length
        ? `no quantity we can read as stock: it sent QTY ${sent.map((code) => `${code || '(empty)'}${quantityQualifiers[code] ? ` (${quantityQualifiers[code]})` : ''}`).join(', ')}; send QTY*33 (available for sale) or QTY*17 (on hand)`
        : 'no QTY segment: send QTY*33 (available for sale) or QTY*17 (on hand)';
    return { ...(vendorSku && { vendorSku }), ...(available !== undefined && { available }), restockDate: isoDateOf(valueAt(loop.segments, map846.restockDate)?.value) ?? null, ...(problem && { problem }) };
  });
}
