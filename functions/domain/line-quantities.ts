/**
 * What each PO line has on the records a PO keeps by id (its invoices, its returns): the quantities
 * of those that count, besides the one `except` names (the record being decided now).
 */
export function lineQuantities<S>(records: Record<string, { status: S; quantities: Record<number, number> }> | undefined, counts: (status: S) => boolean, except?: string): Map<number, number> {
  const quantities = new Map<number, number>();
  for (const [id, record] of Object.entries(records ?? {})) {
    if (id === except || !counts(record.status)) continue;
    for (const [line, quantity] of Object.entries(record.quantities)) quantities.set(Number(line), (quantities.get(Number(line)) ?? 0) + quantity);
  }
  return quantities;
}
