import { useState } from 'preact/hooks';
import { get, getText, query } from '../api';
import { money } from '../format';
import { Empty, ErrorBox, html, Loading, useLoad } from '../ui';

type Rule = 'LATE_SHIPMENT' | 'VENDOR_CANCELLATION' | 'INVALID_ASN' | 'NO_CARRIER_SCAN';
interface Charge { rule: Rule; violations: number; allowed: number; charged: number; unitAmount: number; amount: number; poNumbers: string[] }
interface VendorCharges { vendorId: string; period: { from: string; to: string }; currency: string; posSent: number; charges: Charge[]; total: number; demoData: boolean }
interface Rules { currency: string; rules: Partial<Record<Rule, { amount: number; allowance: number; lateAfterHours?: number }>> }

const ruleLabel: Record<Rule, string> = {
  LATE_SHIPMENT: 'Late shipment (per PO)',
  VENDOR_CANCELLATION: 'Cancelled by vendor (per line)',
  INVALID_ASN: 'Invalid or late ship notice',
  NO_CARRIER_SCAN: 'No carrier scan (per PO)',
};
const rulesInOrder = Object.keys(ruleLabel) as Rule[];
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Saves the CSV export through the API with the session's key (a plain link could not send it). */
async function downloadCsv(path: string, name: string) {
  const text = await getText(path);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** The period's compliance charges: by vendor (each rule, the POs behind it) and by rule, with the rules in force. */
export function CompliancePage() {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [open, setOpen] = useState<string | null>(null);
  const charges = useLoad(() => get<{ items: VendorCharges[] }>(`/compliance/charges${query({ from, to })}`), [from, to]);
  const rules = useLoad(() => get<Rules>('/compliance/rules'), []);
  const items = charges.data?.items ?? [];
  const currency = items[0]?.currency ?? rules.data?.currency ?? 'USD';
  const byRule = rulesInOrder.map((rule) => ({ rule, amount: items.reduce((t, v) => t + (v.charges.find((c) => c.rule === rule)?.amount ?? 0), 0), violations: items.reduce((t, v) => t + (v.charges.find((c) => c.rule === rule)?.violations ?? 0), 0) }));
  return html`<section aria-labelledby="compliance-title">
    <div class="page-head"><h1 id="compliance-title">Compliance charges</h1>
      <div class="filters">
        <label class="inline">From <input type="date" value=${from} max=${to} onChange=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label class="inline">To <input type="date" value=${to} min=${from} onChange=${(e: Event) => setTo((e.target as HTMLInputElement).value)} /></label>
        <button type="button" class="secondary" onClick=${() => downloadCsv(`/compliance/charges${query({ from, to, format: 'csv' })}`, `charges-${from}-${to}.csv`)}>Export CSV</button>
      </div>
    </div>
    ${items.some((v) => v.demoData) && html`<p class="state info" data-testid="demo-data">This period includes demo history seeded by <code>npm start -- --reset</code>: not live data.</p>`}
    ${rules.data && html`<p class="sub" data-testid="rules-in-force">Rules: ${rulesInOrder.filter((r) => rules.data?.rules[r]).map((r) => {
      const rule = rules.data?.rules[r];
      return `${ruleLabel[r]} ${money(rule?.amount ?? 0, rules.data?.currency ?? 'USD')} beyond ${((rule?.allowance ?? 0) * 100).toFixed(1)} % of POs${rule?.lateAfterHours ? ` (late after ${rule.lateAfterHours} h)` : ''}`;
    }).join(' · ')}. Days are each vendor's own.</p>`}
    ${charges.loading ? html`<${Loading} what="Loading charges" />`
      : charges.error ? html`<${ErrorBox} error=${charges.error} retry=${charges.reload} />`
      : items.length === 0 ? html`<${Empty}>No vendors.</${Empty}>`
      : html`<h2>By vendor</h2><div class="table-wrap"><table data-testid="charges-by-vendor"><thead><tr><th scope="col">Vendor</th><th scope="col">POs sent</th>${rulesInOrder.map((r) => html`<th scope="col">${ruleLabel[r]}</th>`)}<th scope="col">Total</th></tr></thead>
        <tbody>${items.map((v) => html`<tr data-vendor=${v.vendorId}>
          <td><button type="button" class="link" aria-expanded=${open === v.vendorId} onClick=${() => setOpen(open === v.vendorId ? null : v.vendorId)}>${v.vendorId}</button></td><td>${v.posSent}</td>
          ${rulesInOrder.map((r) => {
            const c = v.charges.find((x) => x.rule === r);
            return html`<td data-rule=${r} data-value=${c ? String(c.amount) : ''}>${c ? html`${money(c.amount, v.currency)}<div class="sub">${c.charged} of ${c.violations} charged</div>` : '—'}</td>`;
          })}
          <td data-testid="vendor-total" data-value=${String(v.total)}><strong>${money(v.total, v.currency)}</strong></td>
        </tr>
        ${open === v.vendorId && html`<tr><td colspan=${rulesInOrder.length + 3}><ul class="plain">${v.charges.filter((c) => c.violations > 0).map((c) => html`<li><strong>${ruleLabel[c.rule]}</strong>: ${c.violations} violation${c.violations === 1 ? '' : 's'}, ${c.allowed} within the allowance, ${c.charged} × ${money(c.unitAmount, v.currency)}. POs: ${c.poNumbers.map((po) => html`<a href=${`#/po/${encodeURIComponent(po)}`}>${po}</a> `)}</li>`)}</ul></td></tr>`}`)}</tbody></table></div>
        <h2>By rule</h2><div class="table-wrap"><table data-testid="charges-by-rule"><thead><tr><th scope="col">Rule</th><th scope="col">Violations</th><th scope="col">Charged</th></tr></thead>
        <tbody>${byRule.map((r) => html`<tr data-rule=${r.rule}><td>${ruleLabel[r.rule]}</td><td>${r.violations}</td><td data-value=${String(r.amount)}>${money(r.amount, currency)}</td></tr>`)}
          <tr><th scope="row">Total</th><td></td><td data-testid="grand-total"><strong>${money(items.reduce((t, v) => t + v.total, 0), currency)}</strong></td></tr></tbody></table></div>`}
  </section>`;
}
