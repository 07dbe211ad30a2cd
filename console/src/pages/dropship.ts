import { useState } from 'preact/hooks';
import { get, query, type Page } from '../api';
import { dateTime, relative, statusLabel } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, StatusBadge, useLoad, usePager } from '../ui';

export interface DropshipRow {
  orderId: string;
  poNumber: string;
  vendorId: string;
  status: string;
  lineCount: number;
  createdAt: string;
  dueAt: string | null;
  exceptions: string[];
  rerouteOf?: string;
  reroutedAway?: number;
}

const statuses = ['PENDING', 'SENT_TO_VENDOR', 'ACKNOWLEDGED', 'PARTIALLY_DISPATCHED', 'DISPATCHED', 'DELIVERED', 'CANCELLED', 'REJECTED'];

/** The Dropship tab: POs newest first, by status (badges count them) and vendor, a page at a time. */
export function DropshipTab() {
  const [status, setStatus] = useState('');
  const [vendorId, setVendorId] = useState('');
  const [rerouted, setRerouted] = useState(false);
  const pager = usePager();
  const summary = useLoad(() => get<{ counts: Record<string, number>; cap: number }>(`/dropship/summary${query({ vendorId })}`), [vendorId]);
  const vendors = useLoad(() => get<Page<{ vendorId: string; name: string }>>('/vendors?limit=100'), []);
  const rows = useLoad(() => get<Page<DropshipRow>>(`/dropship/orders${query({ status, vendorId, rerouted: rerouted ? 'true' : undefined, limit: 25, cursor: pager.cursor })}`), [status, vendorId, rerouted, pager.cursor]);
  const count = (s: string) => {
    const n = summary.data?.counts[s];
    return n === undefined ? '' : n >= (summary.data?.cap ?? Infinity) ? `${n.toLocaleString('en-US')}+` : n.toLocaleString('en-US');
  };
  const choose = (next: string) => {
    setStatus(next);
    pager.reset();
  };
  const open = (row: DropshipRow) => (location.hash = `#/po/${encodeURIComponent(row.poNumber)}`);
  return html`<section aria-labelledby="dropship-title">
    <div class="page-head">
      <h1 id="dropship-title">Dropship orders</h1>
      <div class="filters">
      <label class="inline"><input type="checkbox" checked=${rerouted} onChange=${(e: Event) => { setRerouted((e.target as HTMLInputElement).checked); pager.reset(); }} data-testid="rerouted-filter" /> Re-routed only</label>
      <label class="inline">Vendor
        <select value=${vendorId} onChange=${(e: Event) => { setVendorId((e.target as HTMLSelectElement).value); pager.reset(); }} data-testid="vendor-filter">
          <option value="">All vendors</option>
          ${vendors.data?.items.map((v) => html`<option value=${v.vendorId}>${v.name}</option>`)}
        </select>
      </label>
      </div>
    </div>
    <div class="tabs" role="tablist" aria-label="Status">
      <button role="tab" aria-selected=${status === ''} onClick=${() => choose('')}>All</button>
      ${statuses.map((s) => html`<button role="tab" aria-selected=${status === s} onClick=${() => choose(s)} data-status=${s}>
        ${statusLabel(s)} <span class="count" data-testid=${`count-${s}`}>${count(s)}</span>
      </button>`)}
    </div>
    ${rows.loading ? html`<${Loading} what="Loading purchase orders" />`
      : rows.error ? html`<${ErrorBox} error=${rows.error} retry=${rows.reload} />`
      : rows.data?.items.length === 0 ? html`<${Empty}>No ${rerouted ? 're-routed ' : ''}purchase orders ${status ? `are ${statusLabel(status).toLowerCase()}` : 'yet'}${vendorId ? ` for ${vendorId}` : ''}.</${Empty}>`
      : html`<div class="table-wrap"><table class="rows" data-testid="dropship-rows">
          <thead><tr><th scope="col">PO</th><th scope="col">Vendor</th><th scope="col">Status</th><th scope="col">Lines</th><th scope="col">Placed</th><th scope="col">Due</th><th scope="col">Exceptions</th></tr></thead>
          <tbody>${rows.data?.items.map((row) => html`<tr tabindex="0" onClick=${() => open(row)} onKeyDown=${(e: KeyboardEvent) => e.key === 'Enter' && open(row)} data-po=${row.poNumber}>
            <td><a href=${`#/po/${encodeURIComponent(row.poNumber)}`}>${row.poNumber}</a><div class="sub">${row.orderId}</div>
              ${row.rerouteOf && html`<div class="sub" data-testid="reroute-of">re-routed from ${row.rerouteOf}</div>`}
              ${row.reroutedAway && html`<div class="sub" data-testid="rerouted-away">${row.reroutedAway} line${row.reroutedAway === 1 ? '' : 's'} re-routed away</div>`}</td>
            <td>${row.vendorId}</td>
            <td><${StatusBadge} status=${row.status} /></td>
            <td>${row.lineCount}</td>
            <td>${dateTime(row.createdAt)}</td>
            <td title=${dateTime(row.dueAt)}>${relative(row.dueAt)}</td>
            <td>${row.exceptions.map((e) => html`<${Chip}>${statusLabel(e)}</${Chip}>`)}</td>
          </tr>`)}</tbody>
        </table></div>`}
    <${pager.Pager} nextCursor=${rows.data?.nextCursor} />
  </section>`;
}
