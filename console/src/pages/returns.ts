import { useState } from 'preact/hooks';
import { get, post, query, type Page } from '../api';
import { date, dateTime, money, percent } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, StatusBadge, useLoad } from '../ui';

interface CustomerReturn {
  rmaId: string; orderId: string; poNumber: string; vendorId: string; currency: string; status: string; reason: string; comment?: string; returnless: boolean;
  lines: { lineNumber: number; sku: string; quantity: number; unitCost: number; received?: { quantity: number; condition: string } }[];
  returnTo?: 'VENDOR' | 'RETAILER'; vendorRma?: string; returnAddress?: string; label?: { carrier: string; trackingNumber: string }; parcel?: { status: string; deliveredAt?: string };
  rejection?: string; credit?: { amount: number }; deductedBy?: string; answerDueAt?: string; requestedAt: string;
}
interface ReturnFigures { returns: number; rejected: number; unitsReturned: number; unitsShipped: number; returnRate: number | null; bySku: { sku: string; unitsReturned: number; unitsShipped: number; returnRate: number | null }[]; reasons: Record<string, number>; medianDaysToCredit: number | null }

const open = ['REQUESTED', 'APPROVED'];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const words = (code: string) => code.toLowerCase().replace(/_/g, ' ');

/** Where a return stands in a line: what it waits on, or how it ended. */
function standing(r: CustomerReturn, now = Date.now()) {
  if (r.status === 'REQUESTED') return r.answerDueAt && Date.parse(r.answerDueAt) < now ? html`<${Chip}>answer overdue since ${dateTime(r.answerDueAt)}</${Chip}>` : `vendor answers by ${dateTime(r.answerDueAt)}`;
  if (r.status === 'APPROVED') return r.parcel ? `parcel ${words(r.parcel.status)}${r.parcel.deliveredAt ? ` ${date(r.parcel.deliveredAt)}: receipt due` : ''}` : r.label ? `label ${r.label.carrier} ${r.label.trackingNumber}: not scanned yet` : 'waiting for the parcel';
  if (r.status === 'REJECTED') return `rejected: ${r.rejection ?? ''}`;
  return r.credit ? `${money(r.credit.amount, r.currency)} credited${r.deductedBy ? `, deducted from ${r.deductedBy}` : ''}` : '';
}

/** The retailer's returns desk confirms what came back (a return sent to the retailer, or on the vendor's behalf). */
function DeskReceipt({ r, done }: { r: CustomerReturn; done: () => void }) {
  const [lines, setLines] = useState(r.lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity, condition: 'AS_NEW' })));
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setError(null);
    try {
      await post(`/returns/${encodeURIComponent(r.rmaId)}/receipt`, { lines });
      done();
    } catch (e) {
      setError(e);
    }
  };
  return html`<div class="decide" data-testid="desk-receipt">${error && html`<${ErrorBox} error=${error} />`}
    ${r.lines.map((l, i) => html`<label class="inline">${l.sku} received <input type="number" min="0" max=${l.quantity} size="3" value=${lines[i]?.quantity}
      onInput=${(e: Event) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: Number((e.target as HTMLInputElement).value) } : x)))} />
      <select aria-label=${`Condition of ${l.sku}`} onChange=${(e: Event) => setLines(lines.map((x, j) => (j === i ? { ...x, condition: (e.target as HTMLSelectElement).value } : x)))}>
        <option value="AS_NEW">as new</option><option value="DAMAGED">damaged</option><option value="MISSING">missing</option></select></label>`)}
    <button type="button" onClick=${send}>Received at our desk</button></div>`;
}

const ReturnRow = ({ r, reload }: { r: CustomerReturn; reload: () => void }) => html`<tr data-rma=${r.rmaId} data-status=${r.status}>
  <td><strong>${r.rmaId}</strong>${r.vendorRma && html`<div class="sub">vendor ${r.vendorRma}</div>`}</td>
  <td>${r.vendorId}</td>
  <td><a href=${`#/po/${encodeURIComponent(r.poNumber)}`}>${r.poNumber}</a></td>
  <td><${StatusBadge} status=${r.status} />${r.returnless && html` <${Chip} tone="info">returnless</${Chip}>`}</td>
  <td>${words(r.reason)}${r.comment && html`<div class="sub">“${r.comment}”</div>`}</td>
  <td>${r.lines.map((l) => html`<div>${l.quantity} × ${l.sku}${l.received ? html` <span class="sub">(${l.received.quantity} ${words(l.received.condition)})</span>` : ''}</div>`)}</td>
  <td>${date(r.requestedAt)}</td>
  <td>${standing(r)}${r.returnTo === 'RETAILER' && html`<div class="sub">to our returns desk</div>`}
    ${r.status === 'APPROVED' && !r.returnless && r.returnTo === 'RETAILER' && html`<${DeskReceipt} r=${r} done=${reload} />`}</td>
</tr>`;

/** Return figures per vendor for the period (from the scorecards): rate, reasons, days to credit, the SKUs sent back most. */
function ReturnFiguresTable({ from, to }: { from: string; to: string }) {
  const cards = useLoad(() => get<{ items: { vendorId: string; returns: ReturnFigures }[] }>(`/analytics/vendors${query({ from, to })}`), [from, to]);
  if (cards.loading) return html`<${Loading} what="Loading return figures" />`;
  if (cards.error) return html`<${ErrorBox} error=${cards.error} retry=${cards.reload} />`;
  const items = cards.data?.items ?? [];
  return html`<div class="table-wrap"><table data-testid="return-figures"><thead><tr><th scope="col">Vendor</th><th scope="col">Returns</th><th scope="col">Units returned / shipped</th><th scope="col">Return rate</th><th scope="col">Rejected</th><th scope="col">Reasons</th><th scope="col">Median days to credit</th><th scope="col">Most returned</th></tr></thead>
    <tbody>${items.map(({ vendorId, returns: f }) => html`<tr data-vendor=${vendorId}>
      <td>${vendorId}</td><td>${f.returns}</td><td>${f.unitsReturned} / ${f.unitsShipped}</td><td data-value=${String(f.returnRate)}>${percent(f.returnRate)}</td><td>${f.rejected}</td>
      <td>${Object.entries(f.reasons).sort((a, b) => b[1] - a[1]).map(([reason, n]) => html`<${Chip} tone="info">${words(reason)} ${n}</${Chip}> `)}</td>
      <td>${f.medianDaysToCredit ?? '—'}</td>
      <td>${f.bySku.slice(0, 3).map((s) => html`<div>${s.sku} <span class="sub">${s.unitsReturned} of ${s.unitsShipped} (${percent(s.returnRate)})</span></div>`)}</td>
    </tr>`)}</tbody></table></div>`;
}

/** Customer returns: the open ones first (waiting on the vendor's answer or the parcel), then the latest closed, by vendor; the period's figures. */
export function ReturnsPage() {
  const today = new Date();
  const [vendorId, setVendorId] = useState('');
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const list = useLoad(async () => {
    const pages = await Promise.all([...open, undefined].map((status) => get<Page<CustomerReturn>>(`/returns${query({ status, vendorId: vendorId || undefined, limit: 50 })}`)));
    const openOnes = pages.slice(0, open.length).flatMap((p) => p.items);
    const closed = (pages.at(-1)?.items ?? []).filter((r) => !open.includes(r.status));
    const byVendor = (a: CustomerReturn, b: CustomerReturn) => a.vendorId.localeCompare(b.vendorId) || b.requestedAt.localeCompare(a.requestedAt);
    return { open: openOnes.sort(byVendor), closed: closed.sort(byVendor) };
  }, [vendorId]);
  return html`<section aria-labelledby="returns-title">
    <div class="page-head"><h1 id="returns-title">Returns</h1>
      <div class="filters"><label class="inline">Vendor <input value=${vendorId} placeholder="all" size="10" onChange=${(e: Event) => setVendorId((e.target as HTMLInputElement).value.trim())} /></label></div>
    </div>
    ${list.loading ? html`<${Loading} what="Loading returns" />`
      : list.error ? html`<${ErrorBox} error=${list.error} retry=${list.reload} />`
      : list.data && html`
        <h2>Open <span class="sub">(${list.data.open.length})</span></h2>
        ${list.data.open.length === 0 ? html`<${Empty}>No return waits on a vendor.</${Empty}>` : html`<div class="table-wrap"><table data-testid="open-returns"><thead><tr><th scope="col">RMA</th><th scope="col">Vendor</th><th scope="col">PO</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Lines</th><th scope="col">Requested</th><th scope="col">Where it stands</th></tr></thead><tbody>${list.data.open.map((r) => html`<${ReturnRow} r=${r} reload=${list.reload} />`)}</tbody></table></div>`}
        <h2>Latest closed</h2>
        ${list.data.closed.length === 0 ? html`<${Empty}>None yet.</${Empty}>` : html`<div class="table-wrap"><table data-testid="closed-returns"><thead><tr><th scope="col">RMA</th><th scope="col">Vendor</th><th scope="col">PO</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Lines</th><th scope="col">Requested</th><th scope="col">Outcome</th></tr></thead><tbody>${list.data.closed.map((r) => html`<${ReturnRow} r=${r} reload=${list.reload} />`)}</tbody></table></div>`}`}
    <div class="page-head"><h2>Figures</h2>
      <div class="filters">
        <label class="inline">From <input type="date" value=${from} max=${to} onChange=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label class="inline">To <input type="date" value=${to} min=${from} onChange=${(e: Event) => setTo((e.target as HTMLInputElement).value)} /></label>
      </div></div>
    <${ReturnFiguresTable} from=${from} to=${to} />
  </section>`;
}
