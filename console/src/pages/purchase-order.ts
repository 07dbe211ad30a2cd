import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { dateTime, money, statusLabel } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, StatusBadge, useLoad } from '../ui';

interface PurchaseOrderDetail {
  purchaseOrder: {
    poNumber: string;
    orderId: string;
    vendorId: string;
    status: string;
    currency: string;
    shipTo: { name: string; line1: string; line2: string | null; city: string; region: string | null; postalCode: string; country: string };
    lines: { lineNumber: number; sku: string; vendorSku: string; quantity: number; unitCost: number; status?: string; shippedQuantity?: number; reason?: string }[];
    history: { at: string; status: string; by: string; note?: string }[];
    shipments: { shipmentId: string; carrier: string; service: string; shipDate: string; packages: Package[] }[];
    createdAt: string;
    transmittedAt?: string;
    ackDueAt?: string;
    acknowledgedAt?: string;
    shipDueAt?: string;
    dispatchedAt?: string;
    deliveredAt?: string;
    estimatedShipDate?: string;
    estimatedDeliveryDate?: string;
  };
  exceptions: { exceptionId: string; type: string; status: string; openedAt: string; detail: string; resolvedAt?: string }[];
  documents: { documentId: string; direction: 'OUT' | 'IN'; type: string; at: string; x12: string; acknowledgment?: string; accepted?: boolean; reasons?: string[] }[];
  notifications: { milestone: string; channel: string; status: string; createdAt: string; sentAt?: string; error?: string }[];
}

interface Package {
  trackingNumber: string;
  trackingUrl?: string;
  carrier?: string;
  verification?: 'VERIFIED' | 'UNVERIFIED';
  lines: { lineNumber: number; quantity: number }[];
  tracking?: { status: string; scanDueAt?: string; lastEventAt?: string; events: { status: string; at: string; location?: string; description?: string }[] };
}

/** A package: its tracking link, where it is now, and its journey when opened. */
function PackageRow({ pkg }: { pkg: Package }) {
  const [open, setOpen] = useState(false);
  const events = pkg.tracking?.events ?? [];
  return html`<li data-testid=${`package-${pkg.trackingNumber}`}>
    ${pkg.trackingUrl ? html`<a href=${pkg.trackingUrl} target="_blank" rel="noopener noreferrer">${pkg.trackingNumber}</a>` : pkg.trackingNumber}
    ${pkg.carrier ? ` (${pkg.carrier})` : ''}
    ${pkg.verification === 'UNVERIFIED' && html` <${Chip} tone="warn">unverified number</${Chip}>`}
    ${pkg.tracking && html` <${StatusBadge} status=${pkg.tracking.status} />`}
    : ${pkg.lines.map((l) => `line ${l.lineNumber} × ${l.quantity}`).join(', ')}
    ${events.length > 0 && html` <button type="button" class="link" aria-expanded=${open} onClick=${() => setOpen(!open)}>${open ? 'Hide' : 'Show'} ${events.length} carrier event${events.length === 1 ? '' : 's'}</button>`}
    ${!events.length && pkg.tracking?.scanDueAt && html` <span class="sub">first scan due ${dateTime(pkg.tracking.scanDueAt)}</span>`}
    ${open && html`<ol class="timeline">${[...events].reverse().map((e) => html`<li><time datetime=${e.at}>${dateTime(e.at)}</time> <${StatusBadge} status=${e.status} /> ${e.location ?? ''}${e.description ? html` <span class="sub">${e.description}</span>` : ''}</li>`)}</ol>`}
  </li>`;
}

const documentNames: Record<string, string> = { '850': 'Purchase order', '860': 'PO change', '855': 'PO acknowledgment', '856': 'Ship notice', '846': 'Inventory', '997': 'Functional ack' };

function Document({ doc }: { doc: PurchaseOrderDetail['documents'][number] }) {
  const [open, setOpen] = useState(false);
  return html`<li class="document">
    <button type="button" class="link" aria-expanded=${open} onClick=${() => setOpen(!open)} data-testid=${`doc-${doc.type}`}>
      ${doc.direction === 'OUT' ? 'Sent' : 'Received'} ${doc.type} · ${documentNames[doc.type] ?? ''} · ${dateTime(doc.at)}
    </button>
    ${doc.accepted !== undefined && html` <${Chip} tone=${doc.accepted ? 'ok' : 'warn'}>${doc.type === '997' || doc.type === '999' ? 'vendor' : 'we'} ${doc.accepted ? 'accepted' : 'refused'}</${Chip}>`}
    ${doc.reasons?.length ? html`<ul class="reasons" data-testid="doc-reasons">${doc.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
    ${open && html`<pre class="x12" tabindex="0" aria-label=${`X12 ${doc.type}`}>${doc.x12}</pre>
      ${doc.acknowledgment && html`<p class="sub">What we answered with:</p><pre class="x12" tabindex="0">${doc.acknowledgment}</pre>`}`}
  </li>`;
}

/** One PO as ops need it: what, where to, by when, what happened (timeline), what was exchanged and told. */
export function PurchaseOrderPage({ poNumber }: { poNumber: string }) {
  const detail = useLoad(() => get<PurchaseOrderDetail>(`/dropship/orders/${encodeURIComponent(poNumber)}`), [poNumber]);
  const [notice, setNotice] = useState<string | null>(null);
  if (detail.loading) return html`<${Loading} what=${`Loading ${poNumber}`} />`;
  if (detail.error || !detail.data) return html`<${ErrorBox} error=${detail.error} retry=${detail.reload} />`;
  const { purchaseOrder: po, exceptions, documents, notifications } = detail.data;
  const retry = async () => {
    try {
      await post(`/dropship/orders/${encodeURIComponent(po.poNumber)}/retry-transmission`, {});
      setNotice('Transmission retried.');
      detail.reload();
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  };
  const failed = exceptions.some((e) => e.type === 'TRANSMISSION_FAILED' && e.status === 'OPEN');
  const dates: [string, string | undefined][] = [
    ['Placed', po.createdAt], ['Sent to vendor', po.transmittedAt], ['Acknowledgment due', po.ackDueAt], ['Acknowledged', po.acknowledgedAt],
    ['Ship by (SLA)', po.shipDueAt], ['Estimated ship date', po.estimatedShipDate], ['Estimated delivery', po.estimatedDeliveryDate], ['Dispatched', po.dispatchedAt], ['Delivered', po.deliveredAt],
  ];
  return html`<article aria-labelledby="po-title">
    <p><a href="#/dropship">← Dropship orders</a></p>
    <div class="page-head">
      <h1 id="po-title">${po.poNumber} <${StatusBadge} status=${po.status} /></h1>
      ${failed && html`<button type="button" onClick=${retry}>Retry transmission</button>`}
    </div>
    ${notice && html`<p class="state info" role="status">${notice}</p>`}
    <p class="sub">Vendor <a href=${`#/vendors/${po.vendorId}`}>${po.vendorId}</a> · order ${po.orderId}</p>
    <div class="cards">
      <section class="card" aria-labelledby="ship-to"><h2 id="ship-to">Ship to</h2>
        <address>${po.shipTo.name}<br />${po.shipTo.line1}${po.shipTo.line2 && html`<br />${po.shipTo.line2}`}<br />${po.shipTo.city}${po.shipTo.region ? `, ${po.shipTo.region}` : ''} ${po.shipTo.postalCode}<br />${po.shipTo.country}</address>
      </section>
      <section class="card" aria-labelledby="dates"><h2 id="dates">Dates</h2>
        <dl>${dates.filter(([, v]) => v).map(([k, v]) => html`<dt>${k}</dt><dd>${k.startsWith('Estimated') ? v : dateTime(v)}</dd>`)}</dl>
      </section>
    </div>
    <section aria-labelledby="lines"><h2 id="lines">Lines</h2>
      <div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">SKU</th><th scope="col">Vendor SKU</th><th scope="col">Qty</th><th scope="col">Shipped</th><th scope="col">Unit cost</th><th scope="col">Status</th></tr></thead>
      <tbody>${po.lines.map((l) => html`<tr><td>${l.lineNumber}</td><td>${l.sku}</td><td>${l.vendorSku}</td><td>${l.quantity}</td><td>${l.shippedQuantity ?? 0}</td><td>${money(l.unitCost, po.currency)}</td><td>${l.status ? statusLabel(l.status) : ''}${l.reason ? ` (${l.reason})` : ''}</td></tr>`)}</tbody></table></div>
    </section>
    <section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
      <ol class="timeline" data-testid="timeline">${po.history.map((h) => html`<li><time datetime=${h.at}>${dateTime(h.at)}</time> <${StatusBadge} status=${h.status} /> <span class="sub">by ${h.by}</span>${h.note && html`<div>${h.note}</div>`}</li>`)}</ol>
    </section>
    <section aria-labelledby="shipments"><h2 id="shipments">Shipments</h2>
      ${po.shipments.length === 0 ? html`<${Empty}>Nothing shipped yet.</${Empty}>` : html`<ul class="plain">${po.shipments.map((s) => html`<li><strong>${s.carrier} ${s.service}</strong>, shipped ${s.shipDate}
        <ul>${s.packages.map((p) => html`<${PackageRow} pkg=${p} />`)}</ul></li>`)}</ul>`}
    </section>
    <section aria-labelledby="exceptions"><h2 id="exceptions">Exceptions</h2>
      ${exceptions.length === 0 ? html`<${Empty}>None.</${Empty}>` : html`<ul class="plain">${exceptions.map((e) => html`<li><${Chip} tone=${e.status === 'OPEN' ? 'warn' : 'info'}>${statusLabel(e.type)} · ${e.status.toLowerCase()}</${Chip}> ${e.detail} <span class="sub">${dateTime(e.openedAt)}</span></li>`)}</ul>`}
    </section>
    <section aria-labelledby="documents"><h2 id="documents">EDI documents</h2>
      ${documents.length === 0 ? html`<${Empty}>No X12 exchanged (an API vendor, or nothing sent yet).</${Empty}>` : html`<ul class="plain">${documents.map((d) => html`<${Document} doc=${d} />`)}</ul>`}
    </section>
    <section aria-labelledby="notifications"><h2 id="notifications">Customer notifications</h2>
      ${notifications.length === 0 ? html`<${Empty}>None sent for this PO yet.</${Empty}>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">Milestone</th><th scope="col">Channel</th><th scope="col">Status</th><th scope="col">When</th></tr></thead>
        <tbody>${notifications.map((n) => html`<tr><td>${statusLabel(n.milestone)}</td><td>${n.channel}</td><td>${n.status}${n.error ? ` (${n.error})` : ''}</td><td>${dateTime(n.sentAt ?? n.createdAt)}</td></tr>`)}</tbody></table></div>`}
    </section>
  </article>`;
}
