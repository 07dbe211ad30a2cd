import { get, type Page } from '../api';
import { dateTime } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, useLoad } from '../ui';

interface Certificate {
  subject: string;
  notAfter: string;
  fingerprint: string;
  expired: boolean;
}

interface TransferEntry {
  at: string;
  direction: 'IN' | 'OUT';
  fileName: string;
  vendorIds: string[];
  outcome: string;
  reason?: string;
  messageId?: string;
  mdn?: string;
}

interface Connection {
  connectionId: string;
  kind: 'SFTP' | 'AS2';
  sshPublicKeys?: { type: string; fingerprint: string; comment?: string }[];
  as2?: { as2Id: string; url?: string; mdn: string; encryption: string; signing: string; compression: boolean; signingCertificate: Certificate; encryptionCertificate: Certificate };
  vendors: { vendorId: string; qualifier: string; senderId: string; active: boolean }[];
  ours: { sftp?: { host: string; port: number; user: string; hostKeyFingerprint?: string }; as2?: { as2Id: string; url: string; certificateExpiry?: string } };
  recentFiles: TransferEntry[];
}

const daysLeft = (iso: string) => Math.floor((Date.parse(iso) - Date.now()) / 86_400_000);

const CertificateLine = ({ label, cert }: { label: string; cert: Certificate }) => html`<li>
  ${label}: ${cert.subject} — ${cert.expired ? html`<${Chip}>expired ${dateTime(cert.notAfter)}</${Chip}>` : daysLeft(cert.notAfter) < 30 ? html`<${Chip}>expires ${dateTime(cert.notAfter)}</${Chip}>` : `valid to ${dateTime(cert.notAfter)}`}
</li>`;

const outcomeTone = (outcome: string) => (outcome === 'REJECTED' || outcome === 'MDN_FAILED' ? 'warn' : outcome === 'PROCESSED' || outcome === 'MDN_OK' ? 'ok' : 'info');

function ConnectionCard({ connection: c }: { connection: Connection }) {
  const sftp = c.ours.sftp;
  return html`<article class="card connection" data-testid="connection">
    <h2>${c.connectionId} <${Chip} tone="info">${c.kind}</${Chip}></h2>
    <div class="columns">
      <div>
        <h3>Vendors on it</h3>
        ${c.vendors.length === 0 ? html`<${Empty}>No vendor yet: set a vendor's EDI connection to ${c.connectionId}.</${Empty}>`
          : html`<ul>${c.vendors.map((v) => html`<li><a href=${`#/vendors/${v.vendorId}`}>${v.vendorId}</a> — ISA sender ${v.qualifier}/${v.senderId}${v.active ? '' : html` <${Chip}>inactive</${Chip}>`}</li>`)}</ul>`}
        <h3>${c.kind === 'SFTP' ? 'Their keys' : 'Their AS2 settings'}</h3>
        ${c.kind === 'SFTP'
          ? html`<ul>${(c.sshPublicKeys ?? []).map((k) => html`<li><code>${k.fingerprint}</code> ${k.type}${k.comment ? ` (${k.comment})` : ''}</li>`)}</ul>`
          : c.as2 && html`<ul>
              <li>AS2 id <code>${c.as2.as2Id}</code>; we send to ${c.as2.url ? html`<code>${c.as2.url}</code>` : 'nowhere (they only send)'}</li>
              <li>${c.as2.encryption} · ${c.as2.signing} · MDN ${c.as2.mdn.toLowerCase()}${c.as2.compression ? ' · zlib' : ''}</li>
              <${CertificateLine} label="Signing" cert=${c.as2.signingCertificate} />
              <${CertificateLine} label="Encryption" cert=${c.as2.encryptionCertificate} />
            </ul>`}
      </div>
      <div>
        <h3>What to hand them</h3>
        ${sftp ? html`<dl class="facts"><dt>Host</dt><dd><code>${sftp.host}</code></dd><dt>Port</dt><dd>${sftp.port}</dd><dt>User</dt><dd><code>${sftp.user}</code></dd>
            ${sftp.hostKeyFingerprint && html`<dt>Host key</dt><dd><code>${sftp.hostKeyFingerprint}</code></dd>`}<dt>Folders</dt><dd>put files in <code>/in</code>; ours are in <code>/out</code></dd></dl>`
          : c.ours.as2 ? html`<dl class="facts"><dt>Our AS2 id</dt><dd><code>${c.ours.as2.as2Id}</code></dd><dt>URL</dt><dd><code>${c.ours.as2.url}</code></dd>
              ${c.ours.as2.certificateExpiry && html`<dt>Our certificate</dt><dd>valid to ${dateTime(c.ours.as2.certificateExpiry)} (GET /edi/as2/profile)</dd>`}</dl>`
          : html`<${Empty}>Not available here.</${Empty}>`}
      </div>
    </div>
    <h3>Last files</h3>
    ${c.recentFiles.length === 0 ? html`<${Empty}>Nothing has moved yet.</${Empty}>`
      : html`<div class="table-wrap"><table class="rows"><thead><tr><th scope="col">When</th><th scope="col">File</th><th scope="col">Outcome</th><th scope="col">MDN or reason</th></tr></thead>
        <tbody>${c.recentFiles.map((f) => html`<tr><td>${dateTime(f.at)}</td><td>${f.direction === 'IN' ? '←' : '→'} <code>${f.fileName}</code></td><td><${Chip} tone=${outcomeTone(f.outcome)}>${f.outcome.toLowerCase().replace('_', ' ')}</${Chip}></td><td>${f.mdn ?? ''}${f.reason ? html`<span class="reason">${f.reason}</span>` : ''}</td></tr>`)}</tbody></table></div>`}
  </article>`;
}

/** EDI connections: SFTP mailboxes and AS2 partners, the vendors on each, and what moved through them. */
export function ConnectionsPage() {
  const connections = useLoad(() => get<Page<Connection>>('/edi/connections?limit=100'), []);
  return html`<section aria-labelledby="connections-title">
    <div class="page-head"><h1 id="connections-title">EDI connections</h1></div>
    <p class="hint">An SFTP mailbox we host, or AS2, per trading partner: a vendor, or the service provider carrying several (told apart by ISA sender). Make one with <code>PUT /edi/connections/{id}</code>; a vendor joins it by its EDI settings' <code>connectionId</code>.</p>
    ${connections.loading ? html`<${Loading} what="Loading connections" />`
      : connections.error ? html`<${ErrorBox} error=${connections.error} retry=${connections.reload} />`
      : connections.data?.items.length === 0 ? html`<${Empty}>No connections: EDI vendors use the HTTPS API.</${Empty}>`
      : connections.data?.items.map((c) => html`<${ConnectionCard} connection=${c} />`)}
  </section>`;
}
