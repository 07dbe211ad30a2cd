import type { PurchaseOrderLine } from '../orders';
import { itemIdQualifiers } from './codes';

/** How a partner names a PO line: its line-number element (PO1-01, LIN01) and the item ids it sends. */
export interface LineReference {
  lineNumber?: string;
  ids: { qualifier: string; value: string }[];
}

export type LineMatch = { line: PurchaseOrderLine } | { reason: string };

/** GTIN-8/12/13/14 compared as GTIN-14: a UPC-A and its EAN-13 with a leading zero are one item. */
export const gtin14 = (value: string) => (/^\d{8}$|^\d{12,14}$/.test(value) ? value.padStart(14, '0') : undefined);

const names: Record<string, string> = { VENDOR_PART: 'vendor part', OUR_SKU: 'buyer part (SKU)', GTIN: 'GTIN/UPC' };

function matches(line: PurchaseOrderLine, id: { qualifier: string; value: string }): boolean {
  const kind = itemIdQualifiers[id.qualifier];
  const value = id.value.trim().toUpperCase();
  if (kind === 'VENDOR_PART') return line.vendorSku.toUpperCase() === value;
  if (kind === 'OUR_SKU') return line.sku.toUpperCase() === value;
  if (kind === 'GTIN') return line.gtin !== undefined && gtin14(line.gtin) === gtin14(value);
  return false;
}

/**
 * Finds the PO line a partner means. Its line number wins when it names one of our lines and its
 * ids (if any) agree; otherwise the ids decide, and only when they name exactly one line. Never a
 * guess: no match, or two lines matching, is a reason to refuse.
 *
 * @example matchLine(po.lines, { lineNumber: '', ids: [{ qualifier: 'VP', value: 'AC-100' }] })
 */
export function matchLine(lines: readonly PurchaseOrderLine[], reference: LineReference): LineMatch {
  const known = reference.ids.filter((id) => itemIdQualifiers[id.qualifier]);
  const numbered = /^\d+$/.test(reference.lineNumber?.trim() ?? '') ? lines.find((l) => l.lineNumber === Number(reference.lineNumber)) : undefined;
  const byIds = known.length ? lines.filter((line) => known.some((id) => matches(line, id))) : [];
  if (numbered && (known.length === 0 || byIds.includes(numbered))) return { line: numbered };
  if (byIds.length === 1 && byIds[0]) return { line: byIds[0] };
  const described = known.map((id) => `${names[itemIdQualifiers[id.qualifier] ?? ''] ?? id.qualifier} ${id.value}`).join(', ');
  if (byIds.length > 1) {
    return { reason: `${described} matches lines ${byIds.map((l) => l.lineNumber).join(' and ')}; send our line number to say which` };
  }
  if (known.length) return { reason: `no line has ${described}${numbered ? ` (line ${numbered.lineNumber} is ${numbered.vendorSku})` : ''}` };
  const number = reference.lineNumber?.trim();
  return { reason: number ? `no line ${number} on this PO, and no item id (VP, BP, UP …) to find it by` : 'no line number and no item id (VP, BP, UP …) to find the line by' };
}
