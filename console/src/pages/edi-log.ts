import { useState } from 'preact/hooks';
import { get, query, type Page } from '../api';
import { dateTime } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, useLoad, usePager } from '../ui';

interface EdiLogEntry {
  documentId: string;
  vendorId: string;
  direction: 'IN' | 'OUT';
  type: string;
  at: string;
  interchangeControl: string;
  setControl?: string;
  poNumbers: string[];
  outcome: 'ACCEPTED' | 'PARTIAL' | 'REJECTED' | 'SENT';
  reasons: string[];
  test: boolean;
  transport?: 'HTTPS' | 'SFTP' | 'AS2';
  fileName?: string;
  mdn?: string;
}

const types = ['850', '860', '855', '856', '846', '997', '999', 'ISA'];
const tones = { ACCEPTED: 'ok', SENT: 'info', PARTIAL: 'warn', REJECTED: 'warn' } as const;

/** One document: the raw X12 received or sent beside the answer we gave it. */
function DocumentView({ documentId }: { documentId: string }) {
  const doc = useLoad(() => get<EdiLogEntry & { x12: string; answer?: string }>(`/edi/documents/${encodeURIComponent(documentId)}`), [documentId]);
  if (doc.loading) return html`<${Loading} what="Loading the document" />`;
  if (doc.error || !doc.data) return html`<${ErrorBox} error=${doc.error} retry=${doc.reload} />`;
  return html`<div class="side-by-side" data-testid="edi-document">
    <div><h3>${doc.data.direction === 'IN' ? 'Received' : 'Sent'} ${doc.data.type}</h3><pre class="x12" tabindex="0" aria-label="X12 document">${doc.data.x12}</pre></div>
    <div><h3>Our answer</h3>${doc.data.answer ? html`<pre class="x12" tabindex="0" aria-label="X12 answer">${doc.data.answer}</pre>` : html`<${Empty}>${doc.data.direction === 'OUT' ? 'We sent this one.' : 'None (a 997 is not answered).'}</${Empty}>`}</div>
  </div>`;
}

/** The EDI log: every X12 document exchanged, newest first, with why any was refused. */
export function EdiLogPage() {
  const [vendorId, setVendorId] = useState('');
  const [type, setType] = useState('');
  const [direction, setDirection] = useState('');
  const [accepted, setAccepted] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const pager = usePager();
  const vendors = useLoad(() => get<Page<{ vendorId: string; name: string }>>('/vendors?limit=100'), []);
  const rows = useLoad(() => get<Page<EdiLogEntry>>(`/edi/documents${query({ vendorId, type, direction, accepted, limit: 25, cursor: pager.cursor })}`), [vendorId, type, direction, accepted, pager.cursor]);
  const choose = (set: (v: string) => void) => (e: Event) => {
    set((e.target as HTMLSelectElement).value);
    pager.reset();
  };
  return html`<section aria-labelledby="edi-title">
    <div class="page-head"><h1 id="edi-title">EDI log</h1></div>
    <div class="filters">
      <label class="inline">Vendor <select value=${vendorId} onChange=${choose(setVendorId)} data-testid="edi-vendor"><option value="">All vendors</option>${vendors.data?.items.map((v) => html`<option value=${v.vendorId}>${v.name}</option>`)}</select></label>
      <label class="inline">Type <select value=${type} onChange=${choose(setType)} data-testid="edi-type"><option value="">All types</option>${types.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label class="inline">Direction <select value=${direction} onChange=${choose(setDirection)}><option value="">Both</option><option value="IN">Received</option><option value="OUT">Sent</option></select></label>
      <label class="inline">Outcome <select value=${accepted} onChange=${choose(setAccepted)} data-testid="edi-accepted"><option value="">Any</option><option value="false">Refused or partly applied</option><option value="true">Accepted or sent</option></select></label>
    </div>
    ${rows.loading ? html`<${Loading} what="Loading EDI documents" />`
      : rows.error ? html`<${ErrorBox} error=${rows.error} retry=${rows.reload} />`
      : rows.data?.items.length === 0 ? html`<${Empty}>No EDI documents match.</${Empty}>`
      : html`<div class="table-wrap"><table class="rows" data-testid="edi-rows">
          <thead><tr><th scope="col">When</th><th scope="col">Vendor</th><th scope="col">Document</th><th scope="col">POs</th><th scope="col">Outcome</th><th scope="col">Why</th></tr></thead>
          <tbody>${rows.data?.items.map((d) => html`<tr>
            <td>${dateTime(d.at)}</td>
            <td>${d.vendorId}</td>
            <td><button type="button" class="link" aria-expanded=${open === d.documentId} onClick=${() => setOpen(open === d.documentId ? null : d.documentId)}>${d.direction === 'IN' ? '←' : '→'} ${d.type} #${d.interchangeControl}${d.setControl ? `/${d.setControl}` : ''}</button>${d.test ? html` <${Chip} tone="info">test</${Chip}>` : ''}
              <span class="via">by ${d.transport ?? 'HTTPS'}${d.fileName ? html` · <code class="file">${d.fileName}</code>` : ''}${d.mdn ? html` · <span class=${d.mdn === 'processed' ? 'mdn' : 'mdn reason'}>MDN ${d.mdn}</span>` : ''}</span></td>
            <td>${d.poNumbers.map((po) => html`<a href=${`#/po/${encodeURIComponent(po)}`}>${po}</a> `)}</td>
            <td><${Chip} tone=${tones[d.outcome]}>${d.outcome.toLowerCase()}</${Chip}></td>
            <td>${d.reasons.length ? html`<ul class="reasons">${d.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</td>
          </tr>${open === d.documentId && html`<tr><td colspan="6"><${DocumentView} documentId=${d.documentId} /></td></tr>`}`)}</tbody>
        </table></div>`}
    <${pager.Pager} nextCursor=${rows.data?.nextCursor} />
  </section>`;
}
