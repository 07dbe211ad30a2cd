import Papa from 'papaparse';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { checkTrackingNumber } from '../../../functions/domain/tracking-numbers';
import { date, dateTime, relative } from '../format';
import { Chip, Empty, html, Loading, StatusBadge, useLoad, useRoute } from '../ui';
import { CertificationRun, type CertificationReport } from '../certification';
import { portalConfig, PortalError, vendorApi, vendorSession } from './portal-api';
import '../styles.css';
import './portal.css';

interface Line { lineNumber: number; sku: string; vendorSku: string; quantity: number; unitCost?: number; status?: string; acceptedQuantity?: number; shippedQuantity?: number; reason?: string; backorderDate?: string }
interface VendorPo {
  poNumber: string;
  status: string;
  createdAt: string;
  ackDueAt?: string;
  shipDueAt?: string;
  estimatedShipDate?: string;
  shipTo: { name: string; line1: string; line2: string | null; city: string; region: string | null; postalCode: string; country: string };
  lines: Line[];
  packingSlipMessage?: string;
  transmittedAt?: string;
  cancellationConfirmed?: { lineNumbers: number[]; at: string };
  /** A certification run's test PO: its packing-slip message says what to do. */
  test?: { runId: string; step: string };
  currency?: string;
  /** Its invoices by number, with what each line took. */
  invoices?: Record<string, { revision: number; status: string; quantities: Record<number, number> }>;
}

interface VendorInvoice {
  invoiceNumber: string; revision: number; poNumber: string; invoiceDate: string; currency: string; status: string; total: number; source: string;
  match: { disputes: { code: string; message: string }[] }; paidBy?: { reference: string; paymentDate: string };
}
interface VendorRemittance {
  reference: string; paymentDate: string; amount: number; currency: string; period: { from: string; to: string }; carryForward: number;
  invoices: { invoiceNumber: string; poNumber: string; amount: number }[]; deductions: { description: string; amount: number; poNumbers: string[] }[];
}

const money = (minor: number, currency = 'USD') => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);

/** What each line has shipped and not yet been billed on an approved or paid invoice. */
const unbilled = (po: VendorPo) => {
  const billed = new Map<number, number>();
  for (const invoice of Object.values(po.invoices ?? {})) {
    if (invoice.status !== 'APPROVED' && invoice.status !== 'PAID') continue;
    for (const [line, quantity] of Object.entries(invoice.quantities)) billed.set(Number(line), (billed.get(Number(line)) ?? 0) + quantity);
  }
  return po.lines.map((l) => ({ line: l, quantity: Math.max(0, (l.shippedQuantity ?? 0) - (billed.get(l.lineNumber) ?? 0)) })).filter((x) => x.quantity > 0);
};

// Hash routes: #/sign-in[/token], #/pos, #/po/PO-…, #/po/PO-…/slip, #/inventory, #/returns, #/invoices, #/remittances, #/scorecard, #/certification.

const Problem = ({ error }: { error: unknown }) =>
  error ? html`<div class="state error" role="alert">${error instanceof Error ? error.message : String(error)}
    ${error instanceof PortalError && error.details.length > 0 && html`<ul>${error.details.map((d) => html`<li><code>${d.field}</code>: ${d.message}</li>`)}</ul>`}</div>` : null;

/** Sign in with the emailed link (its token in the URL), by asking for one, or with the vendor's API key. */
function SignIn({ token }: { token?: string }) {
  const [email, setEmail] = useState('');
  const [key, setKey] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!token) return;
    vendorApi<{ key: string }>('POST', '/vendor/sessions', { token }, null)
      .then((session) => {
        vendorSession.signIn(session.key);
        location.hash = '#/pos';
      })
      .catch(setError);
  }, [token]);
  const ask = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setNote((await vendorApi<{ message: string }>('POST', '/vendor/sign-in-links', { email }, null)).message);
    } catch (e) {
      setError(e);
    }
  };
  const useKey = async (event: Event) => {
    event.preventDefault();
    try {
      await vendorApi('GET', '/vendor/purchase-orders?limit=1', undefined, key);
      vendorSession.signIn(key);
      location.hash = '#/pos';
    } catch (e) {
      setError(e);
    }
  };
  if (token && !error) return html`<${Loading} what="Signing you in" />`;
  return html`<section class="narrow" aria-labelledby="sign-in-title">
    <h1 id="sign-in-title">Vendor portal</h1>
    <${Problem} error=${error} />
    ${note && html`<p class="state info" role="status">${note}</p>`}
    <form onSubmit=${ask}>
      <label>Your contact email <input type="email" required autocomplete="email" value=${email} onInput=${(e: Event) => setEmail((e.target as HTMLInputElement).value)} /></label>
      <button type="submit">Email me a sign-in link</button>
    </form>
    <details><summary>Sign in with an API key instead</summary>
      <form onSubmit=${useKey}><label>Vendor API key <input type="password" required value=${key} onInput=${(e: Event) => setKey((e.target as HTMLInputElement).value)} /></label><button type="submit">Sign in</button></form>
    </details>
  </section>`;
}

const toAcknowledge = (po: VendorPo) => po.status === 'SENT_TO_VENDOR';
const toShip = (po: VendorPo) => po.status === 'ACKNOWLEDGED' || po.status === 'PARTIALLY_DISPATCHED';
/** Lines the retailer cancelled that the vendor has not yet confirmed it will not ship. */
const cancelRequests = (po: VendorPo) =>
  po.transmittedAt ? po.lines.filter((l) => l.status === 'CANCELLED' && !(po.cancellationConfirmed?.lineNumbers ?? []).includes(l.lineNumber)) : [];
const toDo = (po: VendorPo) => toAcknowledge(po) || toShip(po) || cancelRequests(po).length > 0;
const dueOf = (po: VendorPo) => (toAcknowledge(po) ? po.ackDueAt : toShip(po) ? po.shipDueAt : undefined);

/** POs to act on, the most urgent first: overdue ones lead. */
function PurchaseOrders() {
  const [filter, setFilter] = useState<'act' | 'done'>('act');
  const list = useLoad(() => vendorApi<{ items: VendorPo[] }>('GET', '/vendor/purchase-orders?limit=100'), []);
  if (list.loading) return html`<${Loading} what="Loading your purchase orders" />`;
  if (list.error) return html`<${Problem} error=${list.error} />`;
  const items = (list.data?.items ?? [])
    .filter((po) => (filter === 'act' ? toDo(po) : !toDo(po)))
    .sort((a, b) => (dueOf(a) ?? '9').localeCompare(dueOf(b) ?? '9'));
  return html`<section aria-labelledby="pos-title">
    <h1 id="pos-title">Purchase orders</h1>
    <div class="tabs" role="tablist">
      <button role="tab" aria-selected=${filter === 'act'} onClick=${() => setFilter('act')}>To do</button>
      <button role="tab" aria-selected=${filter === 'done'} onClick=${() => setFilter('done')}>Done</button>
    </div>
    ${items.length === 0 ? html`<${Empty}>${filter === 'act' ? 'Nothing waits for you.' : 'Nothing here yet.'}</${Empty}>` : html`<ul class="cards" data-testid="portal-pos">${items.map((po) => {
      const due = dueOf(po);
      const overdue = due !== undefined && Date.parse(due) < Date.now();
      return html`<li class=${`card po-card${overdue ? ' overdue' : ''}`}>
        <a href=${`#/po/${encodeURIComponent(po.poNumber)}`}><strong>${po.poNumber}</strong></a> <${StatusBadge} status=${po.status} />${po.test && html` <${Chip} tone="info">Test PO</${Chip}>`}
        ${cancelRequests(po).length > 0 && html`<div class="due overdue">Cancelled by the retailer: confirm you will not ship</div>`}
        <div class="sub">${po.lines.length} line${po.lines.length === 1 ? '' : 's'} · ${po.shipTo.city}, ${po.shipTo.region ?? po.shipTo.country}</div>
        ${due && html`<div class=${overdue ? 'due overdue' : 'due'}>${toAcknowledge(po) ? 'Acknowledge' : 'Ship'} ${overdue ? 'was due' : 'by'} ${dateTime(due)} (${relative(due)})</div>`}
      </li>`;
    })}</ul>`}
  </section>`;
}

type Answer = { choice: 'ACCEPT' | 'FEWER' | 'BACKORDER' | 'REJECT'; quantity: number; date: string; reason: string };

/** One form for the whole acknowledgment: every line answered, each answer with what it needs. */
function AcknowledgeForm({ po, done }: { po: VendorPo; done: () => void }) {
  const [answers, setAnswers] = useState<Record<number, Answer>>(() => Object.fromEntries(po.lines.map((l) => [l.lineNumber, { choice: 'ACCEPT', quantity: l.quantity, date: '', reason: '' }])));
  const [shipDate, setShipDate] = useState('');
  const [error, setError] = useState<unknown>(null);
  const set = (lineNumber: number, change: Partial<Answer>) => setAnswers({ ...answers, [lineNumber]: { ...(answers[lineNumber] as Answer), ...change } });
  const shipping = Object.values(answers).some((a) => a.choice !== 'REJECT');
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const lines = po.lines.map((l) => {
      const a = answers[l.lineNumber] as Answer;
      if (a.choice === 'REJECT') return { lineNumber: l.lineNumber, status: 'REJECTED', reason: a.reason };
      if (a.choice === 'BACKORDER') return { lineNumber: l.lineNumber, status: 'BACKORDERED', backorderDate: a.date };
      return { lineNumber: l.lineNumber, status: 'ACCEPTED', ...(a.choice === 'FEWER' && { quantity: a.quantity }) };
    });
    try {
      await vendorApi('POST', `/vendor/purchase-orders/${encodeURIComponent(po.poNumber)}/acknowledgment`, { ...(shipping && { estimatedShipDate: shipDate }), lines });
      done();
    } catch (e) {
      setError(e);
    }
  };
  return html`<form class="card" onSubmit=${submit} aria-labelledby="ack-title" data-testid="ack-form">
    <h2 id="ack-title">Acknowledge</h2>
    <${Problem} error=${error} />
    ${po.lines.map((l) => {
      const a = answers[l.lineNumber] as Answer;
      return html`<fieldset data-line=${l.lineNumber}><legend>Line ${l.lineNumber}: ${l.quantity} × ${l.vendorSku} <span class="sub">(${l.sku})</span></legend>
        <label>Answer <select value=${a.choice} onChange=${(e: Event) => set(l.lineNumber, { choice: (e.target as HTMLSelectElement).value as Answer['choice'] })}>
          <option value="ACCEPT">Accept</option><option value="FEWER">Accept fewer</option><option value="BACKORDER">Backorder</option><option value="REJECT">Reject</option>
        </select></label>
        ${a.choice === 'FEWER' && html`<label>Quantity you will ship <input type="number" min="1" max=${l.quantity - 1} required value=${a.quantity} onInput=${(e: Event) => set(l.lineNumber, { quantity: Number((e.target as HTMLInputElement).value) })} /></label>`}
        ${a.choice === 'BACKORDER' && html`<label>Available on <input type="date" required value=${a.date} onInput=${(e: Event) => set(l.lineNumber, { date: (e.target as HTMLInputElement).value })} /></label>`}
        ${a.choice === 'REJECT' && html`<label>Reason <input required maxlength="200" value=${a.reason} onInput=${(e: Event) => set(l.lineNumber, { reason: (e.target as HTMLInputElement).value })} /></label>`}
      </fieldset>`;
    })}
    ${shipping && html`<label>Estimated ship date <input type="date" required value=${shipDate} onInput=${(e: Event) => setShipDate((e.target as HTMLInputElement).value)} /></label>`}
    <button type="submit">Send acknowledgment</button>
  </form>`;
}

interface PackageDraft { trackingNumber: string; quantities: Record<number, number> }

/** Packages with their tracking numbers (the carrier found as you type) and what each holds. */
function ShipForm({ po, done }: { po: VendorPo; done: () => void }) {
  const open = po.lines.filter((l) => l.status !== 'REJECTED' && l.status !== 'CANCELLED' && (l.shippedQuantity ?? 0) < (l.acceptedQuantity ?? l.quantity));
  const left = (l: Line) => (l.acceptedQuantity ?? l.quantity) - (l.shippedQuantity ?? 0);
  const [carrier, setCarrier] = useState('');
  const [shipDate, setShipDate] = useState(new Date().toISOString().slice(0, 10));
  const [packages, setPackages] = useState<PackageDraft[]>([{ trackingNumber: '', quantities: Object.fromEntries(open.map((l) => [l.lineNumber, left(l)])) }]);
  const [error, setError] = useState<unknown>(null);
  const update = (i: number, change: Partial<PackageDraft>) => setPackages(packages.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const body = {
      ...(carrier && { carrier }),
      shipDate,
      packages: packages.map((p) => ({ trackingNumber: p.trackingNumber, lines: Object.entries(p.quantities).filter(([, q]) => q > 0).map(([lineNumber, quantity]) => ({ lineNumber: Number(lineNumber), quantity })) })),
    };
    try {
      await vendorApi('POST', `/vendor/purchase-orders/${encodeURIComponent(po.poNumber)}/shipments`, body);
      done();
    } catch (e) {
      setError(e);
    }
  };
  return html`<form class="card" onSubmit=${submit} aria-labelledby="ship-title" data-testid="ship-form">
    <h2 id="ship-title">Ship</h2>
    <${Problem} error=${error} />
    <label>Carrier (leave empty to detect it from the number) <input value=${carrier} onInput=${(e: Event) => setCarrier((e.target as HTMLInputElement).value)} placeholder="UPS, FedEx, ODFL…" /></label>
    <label>Ship date <input type="date" required value=${shipDate} onInput=${(e: Event) => setShipDate((e.target as HTMLInputElement).value)} /></label>
    ${packages.map((p, i) => {
      const check = p.trackingNumber.length >= 5 ? checkTrackingNumber(carrier || undefined, p.trackingNumber) : undefined;
      return html`<fieldset data-package=${i}><legend>Package ${i + 1}</legend>
        <label>Tracking number <input required minlength="5" value=${p.trackingNumber} onInput=${(e: Event) => update(i, { trackingNumber: (e.target as HTMLInputElement).value })} /></label>
        ${check && html`<p class=${check.valid ? 'sub' : 'state error'} data-testid=${`carrier-${i}`}>${check.valid ? `${check.carrier}${check.verification === 'UNVERIFIED' ? ' (cannot be checked)' : ''}` : check.message}</p>`}
        ${open.map((l) => html`<label>Line ${l.lineNumber} (${l.vendorSku}), of ${left(l)} left <input type="number" min="0" max=${left(l)} value=${p.quantities[l.lineNumber] ?? 0} onInput=${(e: Event) => update(i, { quantities: { ...p.quantities, [l.lineNumber]: Number((e.target as HTMLInputElement).value) } })} /></label>`)}
      </fieldset>`;
    })}
    <button type="button" class="secondary" onClick=${() => setPackages([...packages, { trackingNumber: '', quantities: Object.fromEntries(open.map((l) => [l.lineNumber, 0])) }])}>Add a package</button>
    <button type="submit">Send shipment</button>
  </form>`;
}

/** One click on a shipped PO: an invoice prefilled with what shipped and is not billed, at PO cost; every figure editable. */
function InvoiceForm({ po, done }: { po: VendorPo; done: (message: string) => void }) {
  const open = unbilled(po);
  // A disputed invoice is corrected under its own number; otherwise the next one for this PO.
  const disputed = Object.entries(po.invoices ?? {}).find(([, i]) => i.status === 'DISPUTED')?.[0];
  const [number, setNumber] = useState(disputed ?? `${po.poNumber}-${Object.keys(po.invoices ?? {}).length + 1}`);
  const [lines, setLines] = useState(open.map(({ line, quantity }) => ({ lineNumber: line.lineNumber, quantity, unitCost: line.unitCost ?? 0 })));
  const [freight, setFreight] = useState(0);
  const [error, setError] = useState<unknown>(null);
  if (open.length === 0) return null;
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0) + freight;
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const invoice = await vendorApi<VendorInvoice>('POST', '/vendor/invoices', {
        invoiceNumber: number, poNumber: po.poNumber, invoiceDate: new Date().toISOString().slice(0, 10),
        lines: lines.filter((l) => l.quantity > 0), charges: freight > 0 ? [{ type: 'FREIGHT', amount: freight }] : [], total,
      });
      done(invoice.status === 'APPROVED' ? `Invoice ${invoice.invoiceNumber} matched and approved: ${money(invoice.total, invoice.currency)}.` : `Invoice ${invoice.invoiceNumber} is disputed: ${invoice.match.disputes.map((d) => d.message).join('; ')}. Send it again corrected under the same number.`);
    } catch (e) {
      setError(e);
    }
  };
  const cents = (text: string) => Math.round(Number(text) * 100);
  return html`<form class="card" onSubmit=${submit} aria-labelledby="invoice-title" data-testid="invoice-form">
    <h2 id="invoice-title">Invoice what shipped</h2>
    <${Problem} error=${error} />
    <label>Invoice number <input required value=${number} onInput=${(e: Event) => setNumber((e.target as HTMLInputElement).value)} /></label>
    ${lines.map((l, i) => html`<fieldset data-invoice-line=${l.lineNumber}><legend>Line ${l.lineNumber} (${po.lines.find((x) => x.lineNumber === l.lineNumber)?.vendorSku})</legend>
      <label>Quantity <input type="number" min="0" value=${l.quantity} onInput=${(e: Event) => setLines(lines.map((x, j) => (j === i ? { ...x, quantity: Number((e.target as HTMLInputElement).value) } : x)))} /></label>
      <label>Unit cost <input type="number" min="0" step="0.01" value=${(l.unitCost / 100).toFixed(2)} onInput=${(e: Event) => setLines(lines.map((x, j) => (j === i ? { ...x, unitCost: cents((e.target as HTMLInputElement).value) } : x)))} /></label>
    </fieldset>`)}
    <label>Freight <input type="number" min="0" step="0.01" value=${(freight / 100).toFixed(2)} onInput=${(e: Event) => setFreight(cents((e.target as HTMLInputElement).value))} /></label>
    <p>Total <strong data-testid="invoice-total">${money(total, po.currency)}</strong></p>
    <button type="submit">Send invoice</button>
  </form>`;
}

/** The vendor's invoices, newest first, with why any is disputed and when it was paid. */
function InvoicesPage() {
  const list = useLoad(() => vendorApi<{ items: VendorInvoice[] }>('GET', '/vendor/invoices?limit=100'), []);
  if (list.loading) return html`<${Loading} what="Loading invoices" />`;
  if (list.error) return html`<${Problem} error=${list.error} />`;
  const items = list.data?.items ?? [];
  return html`<section aria-labelledby="invoices-title"><h1 id="invoices-title">Invoices</h1>
    ${items.length === 0 ? html`<${Empty}>No invoices yet: invoice a shipped PO from its page.</${Empty}>` : html`<ul class="plain" data-testid="vendor-invoices">${items.map((i) => html`<li data-invoice=${i.invoiceNumber}>
      <strong>${i.invoiceNumber}</strong>${i.revision > 1 ? ` (rev. ${i.revision})` : ''} <${StatusBadge} status=${i.status} /> ${money(i.total, i.currency)} for <a href=${`#/po/${encodeURIComponent(i.poNumber)}`}>${i.poNumber}</a>, ${date(i.invoiceDate)}
      ${i.paidBy && html` <span class="sub">paid ${date(i.paidBy.paymentDate)} (${i.paidBy.reference})</span>`}
      ${i.match.disputes.length > 0 && html`<ul>${i.match.disputes.map((d) => html`<li>${d.message}</li>`)}</ul>`}</li>`)}</ul>`}
  </section>`;
}

/** The payments made: each invoice it paid and each deduction with its rule and POs. */
function RemittancesPage() {
  const list = useLoad(() => vendorApi<{ items: VendorRemittance[] }>('GET', '/vendor/remittances?limit=100'), []);
  if (list.loading) return html`<${Loading} what="Loading payments" />`;
  if (list.error) return html`<${Problem} error=${list.error} />`;
  const items = list.data?.items ?? [];
  return html`<section aria-labelledby="remittances-title"><h1 id="remittances-title">Payments</h1>
    ${items.length === 0 ? html`<${Empty}>No payment yet.</${Empty}>` : items.map((r) => html`<article class="card" data-remittance=${r.reference}>
      <h2>${r.reference}: ${money(r.amount, r.currency)} on ${date(r.paymentDate)}</h2><p class="sub">For ${date(r.period.from)} to ${date(r.period.to)}</p>
      <ul class="plain">${r.invoices.map((i) => html`<li>Invoice ${i.invoiceNumber} (PO ${i.poNumber}): ${money(i.amount, r.currency)}</li>`)}
        ${r.deductions.map((d) => html`<li>Less ${d.description}${d.poNumbers.length ? ` (${d.poNumbers.join(', ')})` : ''}: −${money(d.amount, r.currency)}</li>`)}</ul>
      ${r.carryForward > 0 && html`<p class="sub">${money(r.carryForward, r.currency)} of charges carried to the next payment.</p>`}</article>`)}
  </section>`;
}

interface VendorReturn {
  rmaId: string; poNumber: string; currency: string; status: string; reason: string; comment?: string; returnless: boolean; answerDueAt?: string; requestedAt: string;
  lines: { lineNumber: number; sku: string; vendorSku?: string; quantity: number; unitCost: number; received?: { quantity: number; condition: string } }[];
  vendorRma?: string; returnAddress?: string; label?: { carrier: string; trackingNumber: string }; rejection?: string; credit?: { amount: number }; deductedBy?: string;
}
const conditions = [['AS_NEW', 'As new'], ['DAMAGED', 'Damaged'], ['MISSING', 'Missing']] as const;
const words = (code: string) => code.toLowerCase().replace(/_/g, ' ');

/** The vendor's answer to a requested return: approve (its RMA, where to send it, a prepaid label), let the customer keep it, or reject with why. */
function ReturnAnswer({ r, done }: { r: VendorReturn; done: () => void }) {
  const [form, setForm] = useState({ vendorRma: '', returnAddress: '', carrier: '', trackingNumber: '', reason: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value });
  const send = async (body: unknown) => {
    setError(null);
    try {
      await vendorApi('POST', `/vendor/returns/${encodeURIComponent(r.rmaId)}/answer`, body);
      done();
    } catch (e) {
      setError(e);
    }
  };
  const approve = (keep: boolean) => send({
    approve: true, ...(form.vendorRma.trim() && { vendorRma: form.vendorRma.trim() }),
    ...(!keep && form.returnAddress.trim() && { returnAddress: form.returnAddress.trim() }),
    ...(!keep && form.trackingNumber.trim() && { label: { carrier: form.carrier.trim() || 'UPS', trackingNumber: form.trackingNumber.trim() } }),
    ...(keep && { keep: true }),
  });
  return html`<form class="stack" data-testid="return-answer" onSubmit=${(e: Event) => { e.preventDefault(); void approve(false); }}>
    <${Problem} error=${error} />
    <label>Your RMA number <input value=${form.vendorRma} onInput=${set('vendorRma')} /></label>
    <label>Send it to <input value=${form.returnAddress} onInput=${set('returnAddress')} placeholder="Returns dept, street, city, ZIP" /></label>
    <div class="row"><label>Prepaid label carrier <input value=${form.carrier} onInput=${set('carrier')} placeholder="UPS" size="8" /></label>
      <label>Label tracking number <input value=${form.trackingNumber} onInput=${set('trackingNumber')} /></label></div>
    <div class="row"><button type="submit">Approve the return</button>
      <button type="button" class="secondary" onClick=${() => approve(true)}>Customer keeps it (credit now)</button></div>
    <div class="row"><label>Why not <input value=${form.reason} onInput=${set('reason')} placeholder="final sale, beyond warranty…" /></label>
      <button type="button" class="secondary" disabled=${form.reason.trim().length < 3} onClick=${() => send({ approve: false, reason: form.reason.trim() })}>Reject</button></div>
  </form>`;
}

/** What came back, line by line, with its condition: the credit follows at PO cost. */
function ReturnReceipt({ r, done }: { r: VendorReturn; done: () => void }) {
  const [lines, setLines] = useState(r.lines.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity, condition: 'AS_NEW' })));
  const [error, setError] = useState<unknown>(null);
  const change = (i: number, patch: Partial<(typeof lines)[number]>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const send = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await vendorApi('POST', `/vendor/returns/${encodeURIComponent(r.rmaId)}/receipt`, { lines });
      done();
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="stack" data-testid="return-receipt" onSubmit=${send}>
    <${Problem} error=${error} />
    ${r.lines.map((l, i) => html`<div class="row"><span>Line ${l.lineNumber}: ${l.vendorSku ?? l.sku}, ${l.quantity} expected</span>
      <label>Received <input type="number" min="0" max=${l.quantity} value=${lines[i]?.quantity} onInput=${(e: Event) => change(i, { quantity: Number((e.target as HTMLInputElement).value) })} size="4" /></label>
      <label>Condition <select value=${lines[i]?.condition} onChange=${(e: Event) => change(i, { condition: (e.target as HTMLSelectElement).value })}>${conditions.map(([value, label]) => html`<option value=${value}>${label}</option>`)}</select></label></div>`)}
    <button type="submit">Confirm receipt</button>
  </form>`;
}

/** Customer returns of the vendor's items: answer the requested ones, confirm what came back; the rest for the record. */
function ReturnsPage() {
  const list = useLoad(() => vendorApi<{ items: VendorReturn[] }>('GET', '/vendor/returns?limit=100'), []);
  if (list.loading) return html`<${Loading} what="Loading returns" />`;
  if (list.error) return html`<${Problem} error=${list.error} />`;
  const items = list.data?.items ?? [];
  const waiting = (r: VendorReturn) => r.status === 'REQUESTED' || (r.status === 'APPROVED' && !r.returnless);
  return html`<section aria-labelledby="returns-title"><h1 id="returns-title">Returns</h1>
    ${items.length === 0 ? html`<${Empty}>No customer returns.</${Empty}>` : [...items].sort((a, b) => Number(waiting(b)) - Number(waiting(a))).map((r) => html`<article class="card" data-rma=${r.rmaId} data-status=${r.status}>
      <h2>${r.rmaId} <${StatusBadge} status=${r.status} /></h2>
      <p>For <a href=${`#/po/${encodeURIComponent(r.poNumber)}`}>${r.poNumber}</a>, asked ${date(r.requestedAt)}: ${words(r.reason)}${r.comment ? html` <span class="sub">“${r.comment}”</span>` : ''}${r.status === 'REQUESTED' && r.answerDueAt ? html` · <strong>answer by ${dateTime(r.answerDueAt)}</strong>` : ''}</p>
      <ul class="plain">${r.lines.map((l) => html`<li>Line ${l.lineNumber}: ${l.quantity} × ${l.vendorSku ?? l.sku} at ${money(l.unitCost, r.currency)}${l.received ? html` <span class="sub">(${l.received.quantity} received, ${words(l.received.condition)})</span>` : ''}</li>`)}</ul>
      ${r.vendorRma && html`<p class="sub">Your RMA ${r.vendorRma}${r.returnAddress ? `, to ${r.returnAddress}` : ''}${r.label ? `, label ${r.label.carrier} ${r.label.trackingNumber}` : ''}</p>`}
      ${r.rejection && html`<p class="sub">Rejected: ${r.rejection}</p>`}
      ${r.credit && html`<p>Credit to the retailer: <strong>${money(r.credit.amount, r.currency)}</strong>, ${r.deductedBy ? `deducted from payment ${r.deductedBy}` : 'deducted from your next payment'}.</p>`}
      ${r.status === 'REQUESTED' ? html`<${ReturnAnswer} r=${r} done=${list.reload} />` : r.status === 'APPROVED' && !r.returnless ? html`<${ReturnReceipt} r=${r} done=${list.reload} />` : ''}
    </article>`)}
  </section>`;
}

/** The retailer cancelled lines: the vendor confirms it will not ship them. */
function CancelRequest({ po, done }: { po: VendorPo; done: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const lines = cancelRequests(po);
  if (lines.length === 0) return null;
  const confirm = async () => {
    setError(null);
    try {
      await vendorApi('POST', `/vendor/purchase-orders/${encodeURIComponent(po.poNumber)}/cancellation-confirmation`);
      done();
    } catch (e) {
      setError(e);
    }
  };
  return html`<section class="card cancel-request" aria-labelledby="cancel-title" data-testid="cancel-request">
    <h2 id="cancel-title">Cancelled by the retailer</h2>
    <${Problem} error=${error} />
    <ul class="plain">${lines.map((l) => html`<li>Line ${l.lineNumber}: ${l.quantity} × ${l.vendorSku}${l.reason ? html` <span class="sub">(${l.reason})</span>` : ''}</li>`)}</ul>
    <p>Do not ship ${lines.length === 1 ? 'this line' : 'these lines'}.</p>
    <button type="button" onClick=${confirm}>Accept cancellation</button>
  </section>`;
}

/** The vendor's latest certification run, as ops see it. */
function CertificationPage() {
  const run = useLoad(() => vendorApi<CertificationReport>('GET', '/vendor/certification').catch((e: unknown) => (e instanceof PortalError && e.status === 404 ? null : Promise.reject(e))), []);
  if (run.loading) return html`<${Loading} what="Loading your certification" />`;
  if (run.error) return html`<${Problem} error=${run.error} />`;
  return html`<section aria-labelledby="cert-title">
    <h1 id="cert-title">Your certification</h1>
    ${run.data
      ? html`<p class="sub">Each test PO asks for one kind of answer; its checks show what we saw. Answer them from the purchase orders list.</p>
        <${CertificationRun} report=${run.data} poLink=${(po: string) => `#/po/${encodeURIComponent(po)}`} />`
      : html`<${Empty}>No certification run yet: your retailer starts one while you are onboarding.</${Empty}>`}
  </section>`;
}

function PurchaseOrder({ poNumber }: { poNumber: string }) {
  const po = useLoad(() => vendorApi<VendorPo>('GET', `/vendor/purchase-orders/${encodeURIComponent(poNumber)}`), [poNumber]);
  const [notice, setNotice] = useState<string | null>(null);
  if (po.loading) return html`<${Loading} what=${`Loading ${poNumber}`} />`;
  if (po.error || !po.data) return html`<${Problem} error=${po.error} />`;
  const data = po.data;
  const after = (message: string) => () => {
    setNotice(message);
    po.reload();
  };
  return html`<article aria-labelledby="po-title">
    <p><a href="#/pos">← Purchase orders</a></p>
    <h1 id="po-title">${data.poNumber} <${StatusBadge} status=${data.status} /></h1>
    ${notice && html`<p class="state info" role="status">${notice}</p>`}
    <div class="cards">
      <section class="card"><h2>Ship to</h2><address>${data.shipTo.name}<br />${data.shipTo.line1}${data.shipTo.line2 && html`<br />${data.shipTo.line2}`}<br />${data.shipTo.city}${data.shipTo.region ? `, ${data.shipTo.region}` : ''} ${data.shipTo.postalCode}<br />${data.shipTo.country}</address>
        <p><a href=${`#/po/${encodeURIComponent(data.poNumber)}/slip`}>Packing slip</a></p></section>
      <section class="card"><h2>Lines</h2><ul class="plain">${data.lines.map((l) => html`<li>${l.lineNumber}. ${l.quantity} × ${l.vendorSku} <span class="sub">${l.sku}</span> ${l.status && html`<${StatusBadge} status=${l.status} />`}${l.backorderDate ? ` until ${date(l.backorderDate)}` : ''}</li>`)}</ul>
        ${data.ackDueAt && toAcknowledge(data) && html`<p class="due">Acknowledge by ${dateTime(data.ackDueAt)}</p>`}
        ${data.shipDueAt && toShip(data) && html`<p class="due">Ship by ${dateTime(data.shipDueAt)}</p>`}</section>
    </div>
    ${data.test && html`<p class="state info" data-testid="test-po">Test PO for your certification: ${data.packingSlipMessage ?? ''} Answer it as you would a real one; nothing ships to anyone. <a href="#/certification">Your certification</a></p>`}
    <${CancelRequest} po=${data} done=${after('Cancellation confirmed.')} />
    ${toAcknowledge(data) && html`<${AcknowledgeForm} po=${data} done=${after('Acknowledgment sent.')} />`}
    ${(toShip(data) || toAcknowledge(data)) && html`<${ShipForm} po=${data} done=${after('Shipment sent.')} />`}
    <${InvoiceForm} po=${data} done=${(message: string) => after(message)()} />
  </article>`;
}

/** The packing slip: the retailer's name, the customer's address and the items, no prices. */
function PackingSlip({ poNumber }: { poNumber: string }) {
  const po = useLoad(() => vendorApi<VendorPo>('GET', `/vendor/purchase-orders/${encodeURIComponent(poNumber)}`), [poNumber]);
  const settings = useLoad(portalConfig, []);
  if (po.loading) return html`<${Loading} what="Preparing the packing slip" />`;
  if (po.error || !po.data) return html`<${Problem} error=${po.error} />`;
  const { shipTo, lines } = po.data;
  return html`<article class="slip" data-testid="packing-slip">
    <p class="no-print"><a href=${`#/po/${encodeURIComponent(poNumber)}`}>← Back</a> <button type="button" onClick=${() => print()}>Print</button></p>
    <h1>${settings.data?.retailerName ?? 'Packing slip'}</h1>
    <p>Packing slip for order ${po.data.poNumber}</p>
    <address>${shipTo.name}<br />${shipTo.line1}${shipTo.line2 && html`<br />${shipTo.line2}`}<br />${shipTo.city}${shipTo.region ? `, ${shipTo.region}` : ''} ${shipTo.postalCode}<br />${shipTo.country}</address>
    <table><thead><tr><th scope="col">Item</th><th scope="col">Qty</th></tr></thead>
      <tbody>${lines.filter((l) => l.status !== 'CANCELLED' && l.status !== 'REJECTED').map((l) => html`<tr><td>${l.sku}</td><td>${l.acceptedQuantity ?? l.quantity}</td></tr>`)}</tbody></table>
    ${po.data.packingSlipMessage && html`<p class="message">${po.data.packingSlipMessage}</p>`}
  </article>`;
}

interface FeedResult { applied: number; rejected: { index: number; vendorSku?: string; reason: string }[] }

/** Stock by CSV (vendorSku, available, restockDate; parsed by Papa Parse) or one SKU at a time; bad rows named as the API reports them. */
function Inventory() {
  const [result, setResult] = useState<FeedResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [single, setSingle] = useState({ vendorSku: '', available: '', restockDate: '' });
  const send = async (items: unknown[], feedId: string) => {
    setError(null);
    setResult(null);
    try {
      setResult(await vendorApi<FeedResult>('PUT', '/vendor/inventory', { feedId, items }));
    } catch (e) {
      setError(e);
    }
  };
  const upload = (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: true,
      transformHeader: (h) => h.trim(),
      complete: (parsed) => {
        const items = parsed.data.map((row) => ({
          vendorSku: row.vendorSku?.trim() ?? '',
          available: row.available?.trim() === '' || row.available === undefined ? null : Number(row.available),
          restockDate: row.restockDate?.trim() || null,
        }));
        void send(items, `csv-${file.name}-${file.lastModified}-${file.size}`);
      },
      error: (e) => setError(e),
    });
  };
  const submitOne = (event: Event) => {
    event.preventDefault();
    void send([{ vendorSku: single.vendorSku, available: Number(single.available), restockDate: single.restockDate || null }], `edit-${Date.now()}`);
  };
  return html`<section aria-labelledby="inventory-title">
    <h1 id="inventory-title">Inventory</h1>
    <${Problem} error=${error} />
    ${result && html`<div class="state info" role="status" data-testid="feed-result">${result.applied} row${result.applied === 1 ? '' : 's'} applied${result.rejected.length ? `, ${result.rejected.length} refused:` : '.'}
      ${result.rejected.length > 0 && html`<ul>${result.rejected.map((r) => html`<li>Row ${r.index + 2}${r.vendorSku ? ` (${r.vendorSku})` : ''}: ${r.reason}</li>`)}</ul>`}</div>`}
    <div class="card"><h2>Upload a CSV</h2>
      <p class="sub">Columns <code>vendorSku,available,restockDate</code> (restock date YYYY-MM-DD or empty), one row per item.</p>
      <label>CSV file <input type="file" accept=".csv,text/csv" onChange=${upload} data-testid="csv-upload" /></label></div>
    <form class="card" onSubmit=${submitOne}><h2>Change one item</h2>
      <label>Your SKU <input required value=${single.vendorSku} onInput=${(e: Event) => setSingle({ ...single, vendorSku: (e.target as HTMLInputElement).value })} /></label>
      <label>Available <input type="number" min="0" required value=${single.available} onInput=${(e: Event) => setSingle({ ...single, available: (e.target as HTMLInputElement).value })} /></label>
      <label>Restock date <input type="date" value=${single.restockDate} onInput=${(e: Event) => setSingle({ ...single, restockDate: (e.target as HTMLInputElement).value })} /></label>
      <button type="submit">Save</button></form>
  </section>`;
}

interface Scorecard { posSent: number; onTimeAckRate: number | null; onTimeShipRate: number | null; fillRate: number | null; validTrackingRate: number | null; score: number | null; tier: string | null; reasons: Record<string, string>; flags: string[] }
interface Charges { currency: string; total: number; charges: { rule: string; violations: number; allowed: number; charged: number; amount: number; poNumbers: string[] }[] }
interface OpenException { exceptionId: string; type: string; poNumber?: string; detail: string; openedAt: string }

/** What ops see of the vendor: its scorecard for the last 30 days and its open exceptions. */
function ScorecardPage() {
  const card = useLoad(() => vendorApi<Scorecard>('GET', '/vendor/scorecard'), []);
  const open = useLoad(() => vendorApi<{ items: OpenException[] }>('GET', '/vendor/exceptions?limit=50'), []);
  const charges = useLoad(() => vendorApi<Charges>('GET', '/vendor/compliance/charges'), []);
  if (card.loading || open.loading) return html`<${Loading} what="Loading your scorecard" />`;
  if (card.error || open.error) return html`<${Problem} error=${card.error ?? open.error} />`;
  const c = card.data as Scorecard;
  const rate = (r: number | null) => (r === null ? 'not enough data' : `${(r * 100).toFixed(1)} %`);
  return html`<section aria-labelledby="score-title">
    <h1 id="score-title">Your scorecard</h1>
    <dl class="card" data-testid="vendor-scorecard">
      <dt>Score</dt><dd>${c.score === null ? html`not enough data <span class="sub">(${c.reasons.score ?? ''})</span>` : c.score}</dd>
      <dt>Tier</dt><dd>${c.tier === null ? 'none yet' : c.tier.replace('_', ' ').toLowerCase()}</dd>
      <dt>POs received (30 days)</dt><dd>${c.posSent}</dd>
      <dt>Acknowledged on time</dt><dd>${rate(c.onTimeAckRate)}</dd>
      <dt>Shipped on time</dt><dd>${rate(c.onTimeShipRate)}</dd>
      <dt>Fill rate</dt><dd>${rate(c.fillRate)}</dd>
      <dt>Valid tracking</dt><dd>${rate(c.validTrackingRate)}</dd>
    </dl>
    ${c.flags.length > 0 && html`<ul class="state error">${c.flags.map((f) => html`<li>${f}</li>`)}</ul>`}
    <h2>Compliance charges (30 days)</h2>
    ${charges.data && html`<div class="card" data-testid="vendor-charges">${charges.data.charges.filter((ch) => ch.violations > 0).length === 0 ? 'None.' : html`<ul class="plain">${charges.data.charges.filter((ch) => ch.violations > 0).map((ch) => html`<li>${ch.rule.replaceAll('_', ' ').toLowerCase()}: ${ch.violations}, ${ch.allowed} within the allowance, ${(ch.amount / 100).toFixed(2)} ${charges.data?.currency} <span class="sub">${ch.poNumbers.join(' ')}</span></li>`)}</ul>`}
      <p><strong>Total ${(charges.data.total / 100).toFixed(2)} ${charges.data.currency}</strong></p></div>`}
    <h2>Open exceptions</h2>
    ${(open.data?.items ?? []).length === 0 ? html`<${Empty}>None: nothing is late.</${Empty}>` : html`<ul class="plain">${(open.data?.items ?? []).map((e) => html`<li><${StatusBadge} status=${e.type} /> ${e.poNumber ? html`<a href=${`#/po/${encodeURIComponent(e.poNumber)}`}>${e.poNumber}</a>` : ''} ${e.detail} <span class="sub">${dateTime(e.openedAt)}</span></li>`)}</ul>`}
  </section>`;
}

function Portal() {
  const [page = 'pos', id, sub] = useRoute();
  const signedIn = vendorSession.key() !== null;
  if (page === 'sign-in') return html`<${SignIn} token=${id} />`;
  if (!signedIn) return html`<${SignIn} />`;
  const body =
    page === 'po' && id && sub === 'slip' ? html`<${PackingSlip} poNumber=${id} />`
    : page === 'po' && id ? html`<${PurchaseOrder} poNumber=${id} />`
    : page === 'inventory' ? html`<${Inventory} />`
    : page === 'scorecard' ? html`<${ScorecardPage} />`
    : page === 'certification' ? html`<${CertificationPage} />`
    : page === 'invoices' ? html`<${InvoicesPage} />`
    : page === 'remittances' ? html`<${RemittancesPage} />`
    : page === 'returns' ? html`<${ReturnsPage} />`
    : html`<${PurchaseOrders} />`;
  return html`<header class="top no-print"><span class="brand">Vendor portal</span>
      <nav aria-label="Sections"><a href="#/pos">Purchase orders</a> <a href="#/inventory">Inventory</a> <a href="#/returns">Returns</a> <a href="#/invoices">Invoices</a> <a href="#/remittances">Payments</a> <a href="#/scorecard">Scorecard</a> <a href="#/certification">Certification</a></nav>
      <button type="button" class="link" onClick=${() => { vendorSession.signOut(); location.hash = '#/sign-in'; }}>Sign out</button></header>
    <main id="main" tabindex="-1">${body}</main>`;
}

render(html`<${Portal} />`, document.getElementById('app') as HTMLElement);
