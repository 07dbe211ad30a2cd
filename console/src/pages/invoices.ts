import { useState } from 'preact/hooks';
import { get, post, query } from '../api';
import { date, money } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, StatusBadge, useLoad } from '../ui';

interface Comparison { lineNumber: number; sku?: string; ordered: number; shipped: number; invoicedBefore: number; invoiced: number; poUnitCost?: number; unitCost: number; amount: number }
interface Invoice {
  invoiceNumber: string; revision: number; vendorId: string; poNumber: string; invoiceDate: string; currency: string; status: string; source: string; total: number;
  charges: { type: string; amount: number; description?: string }[];
  match: { lines: Comparison[]; linesTotal: number; chargesTotal: number; computedTotal: number; disputes: { code: string; message: string; lineNumber?: number }[] };
  approvedAmount?: number; decision?: { action: string; reason: string; by: string }; paidBy?: { reference: string; paymentDate: string };
}
interface Payables {
  vendorId: string; currency: string; period: { from: string; to: string };
  invoices: { invoiceNumber: string; poNumber: string; invoiceDate: string; amount: number }[]; invoicesTotal: number;
  deductions: { rule: string; description: string; amount: number; poNumbers: string[] }[]; deductionsTotal: number; net: number; carryForward: number;
}
interface Remittance extends Payables { reference: string; paymentDate: string; amount: number; delivery?: { channel: string; status: string; detail?: string } }

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The three-way comparison of one invoice: each line ordered, shipped, billed before and now, at the PO's cost and the invoice's. */
function InvoiceDetail({ invoice, decided }: { invoice: Invoice; decided: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = async (action: 'APPROVE' | 'REJECT') => {
    setError(null);
    try {
      await post(`/invoices/${encodeURIComponent(invoice.vendorId)}/${encodeURIComponent(invoice.invoiceNumber)}/decision`, { action, reason });
      decided();
    } catch (e) {
      setError(e);
    }
  };
  const m = (n: number | undefined) => (n === undefined ? '—' : money(n, invoice.currency));
  const disputedLines = new Set(invoice.match.disputes.flatMap((d) => (d.lineNumber ? [d.lineNumber] : [])));
  return html`<div class="invoice-detail" data-testid="invoice-detail">
    <div class="table-wrap"><table data-testid="three-way"><thead><tr><th scope="col">Line</th><th scope="col">Ordered</th><th scope="col">Shipped</th><th scope="col">Billed before</th><th scope="col">Billed now</th><th scope="col">PO cost</th><th scope="col">Invoice cost</th><th scope="col">Amount</th></tr></thead>
      <tbody>${invoice.match.lines.map((l) => html`<tr data-line=${l.lineNumber} class=${disputedLines.has(l.lineNumber) ? 'disputed' : ''}><td>${l.lineNumber} <span class="sub">${l.sku ?? ''}</span></td><td>${l.ordered}</td><td>${l.shipped}</td><td>${l.invoicedBefore}</td><td>${l.invoiced}</td><td>${m(l.poUnitCost)}</td><td>${m(l.unitCost)}</td><td>${m(l.amount)}</td></tr>`)}
        ${invoice.charges.map((c) => html`<tr><td colspan="7">${c.type.toLowerCase()}${c.description ? ` (${c.description})` : ''}</td><td>${c.type === 'ALLOWANCE' ? '−' : ''}${m(c.amount)}</td></tr>`)}
        <tr><th scope="row" colspan="7">Lines and charges</th><td>${m(invoice.match.computedTotal)}</td></tr>
        <tr><th scope="row" colspan="7">The invoice's total</th><td>${m(invoice.total)}</td></tr></tbody></table></div>
    ${invoice.match.disputes.length > 0 && html`<ul class="plain" data-testid="disputes">${invoice.match.disputes.map((d) => html`<li><${Chip}>${d.code}</${Chip}> ${d.message}</li>`)}</ul>`}
    ${invoice.decision && html`<p class="sub">${invoice.decision.action === 'APPROVE' ? 'Approved' : 'Rejected'} by ${invoice.decision.by}: ${invoice.decision.reason}</p>`}
    ${invoice.status === 'DISPUTED' && html`<div class="decide">
      ${error && html`<${ErrorBox} error=${error} />`}
      <label>Reason <input value=${reason} onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} placeholder="price rise agreed with the buyer…" data-testid="decision-reason" /></label>
      <button type="button" onClick=${() => decide('APPROVE')} disabled=${reason.trim().length < 3}>Approve as sent (${m(invoice.total)})</button>
      <button type="button" class="secondary" onClick=${() => decide('REJECT')} disabled=${reason.trim().length < 3}>Reject</button>
      <p class="sub">Or wait for the vendor's corrected invoice under the same number.</p></div>`}
  </div>`;
}

/** A vendor's payables for a period and the payments made: record one, idempotent by its reference. */
function Payables({ vendorId, refresh }: { vendorId: string; refresh: number }) {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const payables = useLoad(() => get<Payables>(`/payables${query({ vendorId, from, to })}`), [vendorId, from, to, refresh]);
  const remittances = useLoad(() => get<{ items: Remittance[] }>(`/remittances${query({ vendorId })}`), [vendorId]);
  const pay = async () => {
    setError(null);
    try {
      await post('/remittances', { vendorId, reference, paymentDate: isoDay(new Date()), from, to });
      setReference('');
      payables.reload();
      remittances.reload();
    } catch (e) {
      setError(e);
    }
  };
  const p = payables.data;
  return html`<section class="card" aria-labelledby="payables-title" data-testid="payables">
    <h2 id="payables-title">Payables: ${vendorId}</h2>
    <div class="filters">
      <label class="inline">From <input type="date" value=${from} max=${to} onChange=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} /></label>
      <label class="inline">To <input type="date" value=${to} min=${from} onChange=${(e: Event) => setTo((e.target as HTMLInputElement).value)} /></label>
    </div>
    ${payables.loading ? html`<${Loading} what="Loading payables" />` : payables.error ? html`<${ErrorBox} error=${payables.error} retry=${payables.reload} />` : p && html`
      <div class="table-wrap"><table><tbody>
        ${p.invoices.map((i) => html`<tr><td>Invoice ${i.invoiceNumber} <span class="sub">PO <a href=${`#/po/${encodeURIComponent(i.poNumber)}`}>${i.poNumber}</a>, ${date(i.invoiceDate)}</span></td><td>${money(i.amount, p.currency)}</td></tr>`)}
        ${p.deductions.map((d) => html`<tr><td>Less ${d.description} <span class="sub">${d.poNumbers.slice(0, 5).join(', ')}${d.poNumbers.length > 5 ? ' …' : ''}</span></td><td>−${money(d.amount, p.currency)}</td></tr>`)}
        <tr><th scope="row">To pay</th><td data-testid="net" data-value=${String(p.net)}><strong>${money(p.net, p.currency)}</strong>${p.carryForward > 0 ? html`<div class="sub">${money(p.carryForward, p.currency)} carried to the next payment</div>` : ''}</td></tr>
      </tbody></table></div>
      ${error && html`<${ErrorBox} error=${error} />`}
      <label class="inline">Payment reference <input value=${reference} onInput=${(e: Event) => setReference((e.target as HTMLInputElement).value)} placeholder="ACH trace or check number" data-testid="payment-reference" /></label>
      <button type="button" onClick=${pay} disabled=${!reference.trim()}>Record payment of ${money(p.net, p.currency)}</button>`}
    <h3>Payments</h3>
    ${remittances.data?.items.length === 0 ? html`<${Empty}>No payment yet.</${Empty}>` : html`<ul class="plain" data-testid="remittances">${(remittances.data?.items ?? []).map((r) => html`<li><strong>${r.reference}</strong> ${money(r.amount, r.currency)} on ${date(r.paymentDate)} for ${r.invoices.length} invoice${r.invoices.length === 1 ? '' : 's'}, ${r.deductions.length} deduction${r.deductions.length === 1 ? '' : 's'} <span class="sub">${r.delivery ? `${r.delivery.channel} ${r.delivery.status.toLowerCase()}${r.delivery.detail ? `: ${r.delivery.detail}` : ''}` : ''}</span></li>`)}</ul>`}
  </section>`;
}

/** Vendor invoices, disputed first: each with its three-way comparison and ops' decision; a vendor's payables beside. */
export function InvoicesPage() {
  const [status, setStatus] = useState('DISPUTED');
  const [open, setOpen] = useState<string | null>(null);
  const [vendorId, setVendorId] = useState<string | null>(null);
  // A decision changes what is payable: the payables below read again.
  const [decisions, setDecisions] = useState(0);
  const list = useLoad(() => get<{ items: Invoice[] }>(`/invoices${query({ status: status || undefined, limit: 50 })}`), [status]);
  const vendors = useLoad(() => get<{ items: { vendorId: string }[] }>('/vendors?limit=100'), []);
  const items = list.data?.items ?? [];
  const payee = vendorId ?? items[0]?.vendorId ?? vendors.data?.items[0]?.vendorId;
  return html`<section aria-labelledby="invoices-title">
    <div class="page-head"><h1 id="invoices-title">Invoices</h1>
      <div class="filters"><label class="inline">Payables of <select value=${payee ?? ''} onChange=${(e: Event) => setVendorId((e.target as HTMLSelectElement).value)} data-testid="payables-vendor">
        ${(vendors.data?.items ?? []).map((v) => html`<option value=${v.vendorId}>${v.vendorId}</option>`)}</select></label>
        <label class="inline">Status <select value=${status} onChange=${(e: Event) => setStatus((e.target as HTMLSelectElement).value)} data-testid="invoice-status">
        ${['DISPUTED', 'APPROVED', 'PAID', 'REJECTED', ''].map((s) => html`<option value=${s}>${s ? s.toLowerCase() : 'all'}</option>`)}</select></label></div>
    </div>
    ${list.loading ? html`<${Loading} what="Loading invoices" />`
      : list.error ? html`<${ErrorBox} error=${list.error} retry=${list.reload} />`
      : items.length === 0 ? html`<${Empty}>${status === 'DISPUTED' ? 'No disputed invoice: every invoice matched or was decided.' : 'No invoices.'}</${Empty}>`
      : html`<div class="table-wrap"><table data-testid="invoices"><thead><tr><th scope="col">Invoice</th><th scope="col">Vendor</th><th scope="col">PO</th><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Total</th><th scope="col">Why</th></tr></thead>
        <tbody>${items.map((i) => {
          const key = `${i.vendorId}/${i.invoiceNumber}`;
          return html`<tr data-invoice=${i.invoiceNumber}>
            <td><button type="button" class="link" aria-expanded=${open === key} onClick=${() => setOpen(open === key ? null : key)}>${i.invoiceNumber}</button>${i.revision > 1 ? html` <span class="sub">rev. ${i.revision}</span>` : ''}</td>
            <td><button type="button" class="link" onClick=${() => setVendorId(i.vendorId)}>${i.vendorId}</button></td><td><a href=${`#/po/${encodeURIComponent(i.poNumber)}`}>${i.poNumber}</a></td>
            <td>${date(i.invoiceDate)}</td><td><${StatusBadge} status=${i.status} /> <span class="sub">${i.source.toLowerCase().replaceAll('_', ' ')}</span></td><td>${money(i.total, i.currency)}</td>
            <td>${i.match.disputes.map((d) => html`<${Chip}>${d.code}</${Chip}> `)}</td>
          </tr>${open === key && html`<tr><td colspan="7"><${InvoiceDetail} invoice=${i} decided=${() => { setOpen(null); setDecisions(decisions + 1); list.reload(); }} /></td></tr>`}`;
        })}</tbody></table></div>`}
    ${payee && html`<${Payables} vendorId=${payee} refresh=${decisions} />`}
  </section>`;
}
