import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import type { RoutingRules } from '../../../functions/domain/rerouting';
import { percent } from '../format';
import { Empty, ErrorBox, html, Loading, useLoad } from '../ui';

type Rules = RoutingRules & { updatedAt?: string; updatedBy?: string };
interface Rerouting { linesSent: number; linesDropped: number; linesReroutedAway: number; dropRate: number | null; dropRateSeenByCustomers: number | null }
interface Analytics { items: { vendorId: string; rerouting: Rerouting }[]; rerouting: { linesSent: number; linesDropped: number; linesRescued: number; dropRateSeenByCustomers: number | null } }

/** The form's fields as typed: text for the lists and limits, so a half-typed value is not rejected while typing. */
interface Draft { rejection: boolean; reasons: string; timeout: boolean; maxAttempts: string; amount: string; percent: string }

const draftOf = (rules: Rules): Draft => ({
  rejection: rules.onRejection.enabled,
  reasons: (rules.onRejection.reasons ?? []).join(', '),
  timeout: rules.onAckTimeout.enabled,
  maxAttempts: String(rules.maxAttempts),
  amount: rules.maxExtraUnitCost.amount === null ? '' : (rules.maxExtraUnitCost.amount / 100).toFixed(2),
  percent: rules.maxExtraUnitCost.percent === null ? '' : String(rules.maxExtraUnitCost.percent),
});

/** What the form sends: the rules it does not show (backorders, vendors' cancellations, approval) are kept as they are. */
const rulesOf = (draft: Draft, current: Rules): Omit<Rules, 'updatedAt' | 'updatedBy'> => {
  const reasons = draft.reasons.split(',').map((r) => r.trim()).filter(Boolean);
  return {
    onRejection: { enabled: draft.rejection, reasons: reasons.length > 0 ? reasons : null },
    onBackorder: current.onBackorder,
    onAckTimeout: { enabled: draft.timeout },
    onVendorCancellation: current.onVendorCancellation,
    maxAttempts: Number(draft.maxAttempts),
    maxExtraUnitCost: { amount: draft.amount.trim() === '' ? null : Math.round(Number(draft.amount) * 100), percent: draft.percent.trim() === '' ? null : Number(draft.percent) },
    requireApproval: current.requireApproval,
  };
};

/** Re-routing: the rules for lines vendors drop, and how many lines it saved from cancellation. */
export function RoutingPage() {
  const rules = useLoad(() => get<Rules>('/routing/rules'), []);
  const figures = useLoad(() => get<Analytics>('/analytics/vendors'), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data) setDraft(draftOf(rules.data));
  }, [rules.data]);
  const field = (name: keyof Draft) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    setDraft((d) => d && { ...d, [name]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft || !rules.data) return;
    setSaving(true);
    setError(null);
    try {
      const stored = await put<Rules>('/routing/rules', rulesOf(draft, rules.data));
      setDraft(draftOf(stored));
      setSaved(`Saved by ${stored.updatedBy ?? 'you'}.`);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  const total = figures.data?.rerouting;
  return html`<section aria-labelledby="routing-title" class="stack">
    <div class="page-head"><h1 id="routing-title">Re-routing</h1></div>
    <p class="sub">When a vendor rejects a line, or never acknowledges its PO, the line goes to another source that has it (the same ranking as placement: active vendor, fresh stock, cost, priority), never back to a vendor it has been with. The customer hears it comes from another supplier instead of a cancellation.</p>
    ${figures.data && total && html`<div class="table-wrap"><table data-testid="rerouting-figures">
      <thead><tr><th scope="col">Vendor</th><th scope="col">Lines sent</th><th scope="col">Dropped</th><th scope="col">Re-routed away</th><th scope="col">Drop rate</th><th scope="col">Seen by customers</th></tr></thead>
      <tbody>${figures.data.items.map((v) => html`<tr data-vendor=${v.vendorId}><td>${v.vendorId}</td><td>${v.rerouting.linesSent}</td><td>${v.rerouting.linesDropped}</td><td data-testid="rerouted-away">${v.rerouting.linesReroutedAway}</td><td>${percent(v.rerouting.dropRate)}</td><td>${percent(v.rerouting.dropRateSeenByCustomers)}</td></tr>`)}
        <tr><th scope="row">All vendors</th><td>${total.linesSent}</td><td>${total.linesDropped}</td><td data-testid="lines-rescued"><strong>${total.linesRescued}</strong> rescued</td><td></td><td>${percent(total.dropRateSeenByCustomers)}</td></tr></tbody>
    </table></div>`}
    ${rules.loading && !draft ? html`<${Loading} what="Loading the rules" />`
      : rules.error ? html`<${ErrorBox} error=${rules.error} retry=${rules.reload} />`
      : !draft ? html`<${Empty}>No rules.</${Empty}>`
      : html`<form class="card stack" onSubmit=${save} aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        ${error && html`<${ErrorBox} error=${error} />`}
        <label class="inline"><input type="checkbox" checked=${draft.rejection} onChange=${field('rejection')} /> Re-route lines a vendor rejects</label>
        <label for="reasons">Only these rejection reasons (comma-separated; empty: every reason)</label>
        <input id="reasons" value=${draft.reasons} onInput=${field('reasons')} placeholder="out of stock, discontinued" />
        <label class="inline"><input type="checkbox" checked=${draft.timeout} onChange=${field('timeout')} /> Re-route POs cancelled for a missed acknowledgment (after the vendor is told)</label>
        <label for="max-attempts">Sources a line may have in all, the first included</label>
        <input id="max-attempts" type="number" min="1" max="5" value=${draft.maxAttempts} onInput=${field('maxAttempts')} />
        <label for="max-amount">Most a new source may cost a unit above the first (amount)</label>
        <input id="max-amount" type="number" min="0" step="0.01" value=${draft.amount} onInput=${field('amount')} placeholder="no limit" />
        <label for="max-percent">… and as a percent of the first source's cost</label>
        <input id="max-percent" type="number" min="0" max="1000" value=${draft.percent} onInput=${field('percent')} placeholder="no limit" />
        <div class="row"><button type="submit" disabled=${saving}>Save the rules</button>${saved && html`<span class="sub" role="status" data-testid="rules-saved">${saved}</span>`}</div>
      </form>`}
  </section>`;
}
