import { useState } from 'preact/hooks';
import { get, post, query, type Page } from '../api';
import { age, dateTime, statusLabel } from '../format';
import { Dialog, Empty, ErrorBox, html, Loading, useLoad, usePager } from '../ui';

interface ExceptionRow {
  exceptionId: string;
  type: string;
  poNumber?: string;
  orderId?: string;
  vendorId: string;
  status: string;
  openedAt: string;
  detail: string;
  resolvedAt?: string;
  resolution?: { by: string; note: string; action?: string };
}

const types = ['ACK_OVERDUE', 'SHIP_OVERDUE', 'DELAYED', 'BACKORDER_OVERDUE', 'BACKORDER_DATE_MISSING', 'VENDOR_REJECTED', 'TRANSMISSION_FAILED', 'EDI_REJECTED', 'NO_CARRIER_SCAN', 'STUCK_IN_TRANSIT', 'SHIPPED_AFTER_REROUTE'];

/** What ops may do from a row, and for which exception types it makes sense. */
const actions: { value: string; label: string; fits: (type: string) => boolean }[] = [
  { value: '', label: 'Resolve with a note only', fits: () => true },
  { value: 'RETRY_TRANSMISSION', label: 'Retry the transmission', fits: (t) => t === 'TRANSMISSION_FAILED' },
  { value: 'EXTEND_DUE_DATE', label: 'Extend the due date', fits: (t) => t === 'ACK_OVERDUE' || t === 'SHIP_OVERDUE' },
  { value: 'CANCEL_PO', label: 'Cancel the PO (the vendor is told)', fits: (t) => t !== 'EDI_REJECTED' },
];

function ResolveForm({ exception, onDone }: { exception: ExceptionRow; onDone: (message: string) => void }) {
  const [note, setNote] = useState('');
  const [action, setAction] = useState('');
  const [hours, setHours] = useState(24);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await post(`/exceptions/${encodeURIComponent(exception.exceptionId)}/resolve`, { note, ...(action && { action }), ...(action === 'EXTEND_DUE_DATE' && { extendHours: hours }) });
      onDone(`${statusLabel(exception.type)} on ${exception.poNumber ?? exception.vendorId} resolved${action ? ` (${actions.find((a) => a.value === action)?.label.toLowerCase()})` : ''}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`<form onSubmit=${submit} class="stack">
    <p>${exception.poNumber ?? 'vendor-wide'} · ${exception.vendorId} · ${exception.detail}</p>
    ${error && html`<${ErrorBox} error=${error} />`}
    <label for="resolve-note">Note (kept with the exception)</label>
    <textarea id="resolve-note" required maxlength="500" value=${note} onInput=${(e: Event) => setNote((e.target as HTMLTextAreaElement).value)}></textarea>
    <label for="resolve-action">Action</label>
    <select id="resolve-action" value=${action} onChange=${(e: Event) => setAction((e.target as HTMLSelectElement).value)}>
      ${actions.filter((a) => a.fits(exception.type)).map((a) => html`<option value=${a.value}>${a.label}</option>`)}
    </select>
    ${action === 'EXTEND_DUE_DATE' && html`<label for="resolve-hours">Extend by (hours)</label>
      <input id="resolve-hours" type="number" min="1" max="720" value=${hours} onInput=${(e: Event) => setHours(Number((e.target as HTMLInputElement).value))} />`}
    <div class="row"><button type="submit" disabled=${busy || note.trim() === ''}>${busy ? 'Resolving…' : 'Resolve'}</button></div>
  </form>`;
}

/** The Exceptions tab: open (or resolved) exceptions by type and vendor, acted on from the row. */
export function ExceptionsTab() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [type, setType] = useState('');
  const [vendorId, setVendorId] = useState('');
  const [resolving, setResolving] = useState<ExceptionRow | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const pager = usePager();
  const vendors = useLoad(() => get<Page<{ vendorId: string; name: string }>>('/vendors?limit=100'), []);
  const list = useLoad(() => get<Page<ExceptionRow>>(`/exceptions${query({ status, type, vendorId, limit: 25, cursor: pager.cursor })}`), [status, type, vendorId, pager.cursor]);
  const filter = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLSelectElement).value);
    pager.reset();
  };
  return html`<section aria-labelledby="exceptions-title">
    <div class="page-head"><h1 id="exceptions-title">Exceptions</h1>
      <div class="filters">
        <label class="inline">Show <select value=${status} onChange=${filter((v) => setStatus(v as 'open' | 'resolved'))} data-testid="exception-status"><option value="open">Open</option><option value="resolved">Resolved</option></select></label>
        <label class="inline">Type <select value=${type} onChange=${filter(setType)} data-testid="exception-type"><option value="">All types</option>${types.map((t) => html`<option value=${t}>${statusLabel(t)}</option>`)}</select></label>
        <label class="inline">Vendor <select value=${vendorId} onChange=${filter(setVendorId)}><option value="">All vendors</option>${vendors.data?.items.map((v) => html`<option value=${v.vendorId}>${v.name}</option>`)}</select></label>
      </div>
    </div>
    ${result && html`<p class="state info" role="status" data-testid="exception-result">${result}</p>`}
    ${list.loading ? html`<${Loading} what="Loading exceptions" />`
      : list.error ? html`<${ErrorBox} error=${list.error} retry=${list.reload} />`
      : list.data?.items.length === 0 ? html`<${Empty}>No ${status} exceptions${type ? ` of type ${statusLabel(type).toLowerCase()}` : ''}. ${status === 'open' ? 'All clear.' : ''}</${Empty}>`
      : html`<div class="table-wrap"><table data-testid="exception-rows"><thead><tr><th scope="col">Type</th><th scope="col">PO</th><th scope="col">Vendor</th><th scope="col">${status === 'open' ? 'Open for' : 'Resolved'}</th><th scope="col">What</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${list.data?.items.map((e) => html`<tr data-exception=${e.exceptionId} data-type=${e.type}>
          <td>${statusLabel(e.type)}</td>
          <td>${e.poNumber ? html`<a href=${`#/po/${encodeURIComponent(e.poNumber)}`}>${e.poNumber}</a>` : html`<a href="#/edi">EDI log</a>`}</td>
          <td>${e.vendorId}</td>
          <td title=${dateTime(e.openedAt)}>${status === 'open' ? age(e.openedAt) : dateTime(e.resolvedAt)}</td>
          <td>${e.detail}${e.resolution && html`<div class="sub">${e.resolution.note} (${e.resolution.by})</div>`}</td>
          <td>${e.status === 'OPEN' && html`<button type="button" onClick=${() => { setResult(null); setResolving(e); }}>Resolve…</button>`}</td>
        </tr>`)}</tbody></table></div>`}
    <${pager.Pager} nextCursor=${list.data?.nextCursor} />
    <${Dialog} title="Resolve exception" open=${resolving !== null} onClose=${() => setResolving(null)}>
      ${resolving && html`<${ResolveForm} exception=${resolving} onDone=${(message: string) => { setResolving(null); setResult(message); list.reload(); }} />`}
      <button type="button" class="link" onClick=${() => setResolving(null)}>Cancel</button>
    </${Dialog}>
  </section>`;
}

