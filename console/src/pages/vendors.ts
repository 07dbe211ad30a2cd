import { useState } from 'preact/hooks';
import { ApiError, get, post, put, query, type Page } from '../api';
import { CertificationRun, type CertificationReport } from '../certification';
import { dateTime, money, relative } from '../format';
import { Chip, Empty, ErrorBox, html, Loading, useLoad, usePager } from '../ui';

interface Sla {
  ackWithinHours: number;
  shipWithinBusinessDays: number;
  cutoffTime: string;
  timeZone: string;
  holidays: string[];
  holidayCalendar?: string;
  ackReminderAtShare?: number;
  autoCancelAfterHours?: number;
  transitBusinessDays?: Record<string, number>;
}

interface Vendor {
  vendorId: string;
  name: string;
  active: boolean;
  status: 'ONBOARDING' | 'LIVE';
  statusHistory?: { at: string; status: string; by: string; reason: string }[];
  channel: 'EDI' | 'API' | 'PORTAL';
  edi?: { senderId: string; receiverId: string; qualifier: string; endpointUrl?: string; connectionId?: string; version?: string; functionalAck?: string };
  api?: { webhookUrl: string | null; hasSigningSecret: boolean };
  contact?: { name?: string; email?: string; phone?: string };
  sla: Sla;
  inventory?: { freshForHours: number; whenStale: string };
  updatedAt: string;
}

interface Stock {
  vendorSku: string;
  available: number;
  restockDate: string | null;
  updatedAt: string;
  fresh: boolean;
}

interface Product {
  sku: string;
  name: string;
  sources: { vendorId: string; vendorSku: string; unitCost: number; priority: number; active: boolean }[];
}

/** Every product, a page at a time: the SKU mapping of one vendor is read from their sources. */
async function allProducts(): Promise<Product[]> {
  const products: Product[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Product> = await get<Page<Product>>(`/products${query({ limit: 100, cursor })}`);
    products.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return products;
}

/** Vendors: channel, SLA, freshness of their stock figures; each opens its page. */
export function VendorsPage() {
  const pager = usePager();
  const vendors = useLoad(() => get<Page<Vendor>>(`/vendors${query({ limit: 25, cursor: pager.cursor })}`), [pager.cursor]);
  return html`<section aria-labelledby="vendors-title">
    <div class="page-head"><h1 id="vendors-title">Vendors</h1></div>
    ${vendors.loading ? html`<${Loading} what="Loading vendors" />`
      : vendors.error ? html`<${ErrorBox} error=${vendors.error} retry=${vendors.reload} />`
      : vendors.data?.items.length === 0 ? html`<${Empty}>No vendors yet: add them with PUT /vendors/{vendorId}.</${Empty}>`
      : html`<div class="table-wrap"><table data-testid="vendor-rows"><thead><tr><th scope="col">Vendor</th><th scope="col">Channel</th><th scope="col">Active</th><th scope="col">Acknowledge within</th><th scope="col">Ship within</th><th scope="col">Cut-off</th></tr></thead>
        <tbody>${vendors.data?.items.map((v) => html`<tr data-vendor=${v.vendorId}>
          <td><a href=${`#/vendors/${encodeURIComponent(v.vendorId)}`}>${v.name}</a><div class="sub">${v.vendorId}</div></td>
          <td>${v.channel}</td><td>${v.active ? (v.status === 'LIVE' ? 'Live' : html`<${Chip} tone="info">Onboarding</${Chip}>`) : html`<${Chip}>Inactive</${Chip}>`}</td>
          <td>${v.sla.ackWithinHours} h</td><td>${v.sla.shipWithinBusinessDays} business days</td><td>${v.sla.cutoffTime} ${v.sla.timeZone}</td>
        </tr>`)}</tbody></table></div>`}
    <${pager.Pager} nextCursor=${vendors.data?.nextCursor} />
  </section>`;
}

const numberField = (value: string) => (value.trim() === '' ? undefined : Number(value));

function VendorForm({ vendor, saved, onSaved }: { vendor: Vendor; saved: string | null; onSaved: (saved: Vendor) => void }) {
  const [form, setForm] = useState({
    name: vendor.name,
    active: vendor.active,
    webhookUrl: vendor.api?.webhookUrl ?? '',
    senderId: vendor.edi?.senderId ?? '',
    receiverId: vendor.edi?.receiverId ?? '',
    qualifier: vendor.edi?.qualifier ?? 'ZZ',
    endpointUrl: vendor.edi?.endpointUrl ?? '',
    connectionId: vendor.edi?.connectionId ?? '',
    ackWithinHours: String(vendor.sla.ackWithinHours),
    shipWithinBusinessDays: String(vendor.sla.shipWithinBusinessDays),
    cutoffTime: vendor.sla.cutoffTime,
    timeZone: vendor.sla.timeZone,
    holidays: vendor.sla.holidays.join('\n'),
    holidayCalendar: vendor.sla.holidayCalendar ?? '',
    autoCancelAfterHours: vendor.sla.autoCancelAfterHours === undefined ? '' : String(vendor.sla.autoCancelAfterHours),
    freshForHours: String(vendor.inventory?.freshForHours ?? 24),
    whenStale: vendor.inventory?.whenStale ?? 'ACCEPT_AND_FLAG',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (e: Event) => {
    const target = e.target as HTMLInputElement;
    setForm({ ...form, [name]: target.type === 'checkbox' ? target.checked : target.value });
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { vendorId: _id, updatedAt: _u, api, status: _s, statusHistory: _h, ...rest } = vendor;
      const body = {
        ...rest,
        name: form.name,
        active: form.active,
        ...(vendor.channel === 'API' && { api: { webhookUrl: form.webhookUrl.trim() || null } }),
        ...(vendor.channel === 'EDI' && {
          // What the form does not show (X12 version, 997 or 999) is kept as it was.
          edi: {
            ...(vendor.edi?.version && { version: vendor.edi.version }),
            ...(vendor.edi?.functionalAck && { functionalAck: vendor.edi.functionalAck }),
            senderId: form.senderId.trim(), receiverId: form.receiverId.trim(), qualifier: form.qualifier.trim(),
            ...(form.endpointUrl.trim() && { endpointUrl: form.endpointUrl.trim() }),
            ...(form.connectionId.trim() && { connectionId: form.connectionId.trim() }),
          },
        }),
        sla: {
          ...vendor.sla,
          ackWithinHours: numberField(form.ackWithinHours),
          shipWithinBusinessDays: numberField(form.shipWithinBusinessDays),
          cutoffTime: form.cutoffTime,
          timeZone: form.timeZone,
          holidays: form.holidays.split(/[\s,]+/).filter(Boolean),
          holidayCalendar: form.holidayCalendar.trim().toUpperCase() || undefined,
          autoCancelAfterHours: numberField(form.autoCancelAfterHours),
        },
        inventory: { freshForHours: numberField(form.freshForHours), whenStale: form.whenStale },
      };
      onSaved(await put<Vendor>(`/vendors/${encodeURIComponent(vendor.vendorId)}`, body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof form, label: string, attrs: Record<string, unknown> = {}) =>
    html`<label for=${`v-${name}`}>${label}</label><input id=${`v-${name}`} name=${name} value=${form[name] as string} onInput=${set(name)} ...${attrs} />`;
  return html`<form onSubmit=${submit} class="stack card" aria-labelledby="vendor-settings">
    <h2 id="vendor-settings">Settings</h2>
    ${error && html`<${ErrorBox} error=${error} />`}
    ${saved && html`<p class="state info" role="status" data-testid="vendor-saved">${saved}</p>`}
    ${field('name', 'Name', { required: true })}
    <label class="check"><input type="checkbox" checked=${form.active} onChange=${set('active')} /> Active (inactive vendors get no new POs)</label>
    <fieldset><legend>Channel: ${vendor.channel === 'API' ? 'API (JSON and webhooks)' : vendor.channel === 'PORTAL' ? 'Portal (email and the vendor portal)' : 'EDI (X12)'}</legend>
      ${vendor.channel === 'API'
        ? field('webhookUrl', 'Webhook URL (empty: the vendor pulls)', { type: 'url' })
        : vendor.channel === 'PORTAL'
        ? html`<p class="sub">POs, reminders and cancellations are emailed to ${vendor.contact?.email ?? 'its contact'}, who answers in the vendor portal.</p>`
        : html`<div class="grid">
            <div>${field('senderId', 'Their ISA sender id', { required: true, maxlength: 15 })}</div>
            <div>${field('receiverId', 'Our id, as they address us', { required: true, maxlength: 15 })}</div>
            <div>${field('qualifier', 'ISA qualifier', { required: true, pattern: '[0-9A-Z]{2}' })}</div>
            <div>${field('connectionId', 'SFTP or AS2 connection (empty: our HTTPS API)', { pattern: '[a-z0-9][a-z0-9-]{2,39}' })}</div>
            <div>${field('endpointUrl', 'Push documents to (HTTPS API only; empty: they collect)', { type: 'url' })}</div>
          </div>`}
    </fieldset>
    <fieldset><legend>SLA</legend>
      <div class="grid">
        <div>${field('ackWithinHours', 'Acknowledge within (hours)', { type: 'number', min: 1, max: 720, required: true })}</div>
        <div>${field('shipWithinBusinessDays', 'Ship within (business days)', { type: 'number', min: 0, max: 60, required: true })}</div>
        <div>${field('cutoffTime', 'Daily cut-off (HH:MM)', { pattern: '([01][0-9]|2[0-3]):[0-5][0-9]', required: true })}</div>
        <div>${field('timeZone', 'Time zone (IANA)', { required: true })}</div>
        <div>${field('autoCancelAfterHours', 'Cancel if not acknowledged after (hours, optional)', { type: 'number', min: 1 })}</div>
        <div>${field('holidayCalendar', 'Public holidays of (US, US-NY, GB-ENG …)', { pattern: '[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?' })}</div>
      </div>
      <label for="v-holidays">Other closed days (YYYY-MM-DD, one per line)</label>
      <textarea id="v-holidays" rows="4" value=${form.holidays} onInput=${set('holidays')}></textarea>
    </fieldset>
    <fieldset><legend>Inventory</legend>
      <div class="grid">
        <div>${field('freshForHours', 'A feed is fresh for (hours)', { type: 'number', min: 1, max: 720 })}</div>
        <div><label for="v-whenStale">When stock is unknown</label>
          <select id="v-whenStale" value=${form.whenStale} onChange=${set('whenStale')}><option value="ACCEPT_AND_FLAG">Accept the line and flag it</option><option value="REFUSE">Do not use this source</option></select></div>
      </div>
    </fieldset>
    <div class="row"><button type="submit" disabled=${busy}>${busy ? 'Saving…' : 'Save vendor'}</button></div>
  </form>`;
}

/**
 * Onboarding: the vendor's status, its latest certification run step by step, a button to start
 * one, and going LIVE (with no reason once a run passed; with one otherwise).
 */
function Onboarding({ vendor, onChanged }: { vendor: Vendor; onChanged: () => void }) {
  const path = `/vendors/${encodeURIComponent(vendor.vendorId)}/certification`;
  const run = useLoad(() => get<CertificationReport>(path).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))), [vendor.vendorId]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = (action: () => Promise<unknown>) => async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
      run.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const passed = run.data?.status === 'PASSED';
  const { vendorId: _id, updatedAt: _u, api: _api, statusHistory: _h, ...settings } = vendor;
  const goLive = act(() => put(`/vendors/${encodeURIComponent(vendor.vendorId)}`, { ...settings, status: 'LIVE', ...(reason.trim() && { statusReason: reason.trim() }) }));
  return html`<section class="card stack" aria-labelledby="onboarding-title">
    <h2 id="onboarding-title">Onboarding <${Chip} tone=${vendor.status === 'LIVE' ? 'ok' : 'info'}>${vendor.status === 'LIVE' ? 'Live' : 'Onboarding'}</${Chip}></h2>
    ${error && html`<${ErrorBox} error=${error} />`}
    <p class="sub">A certification run sends ${vendor.channel === 'EDI' ? 'six test 850s (ISA15 T)' : 'six test POs'} through the vendor's channel: accept, accept fewer, backorder, reject, two packages and a cancellation. Test POs reach no customer, stock, analytics or the Exceptions tab.</p>
    <div class="row"><button type="button" onClick=${act(() => post(path, {}))} disabled=${busy || !vendor.active}>${run.data ? 'Start a new certification run' : 'Start certification run'}</button></div>
    ${run.loading && !run.data ? html`<${Loading} what="Loading the certification run" />`
      : run.error ? html`<${ErrorBox} error=${run.error} retry=${run.reload} />`
      : run.data ? html`<${CertificationRun} report=${run.data} poLink=${(po: string) => `#/po/${encodeURIComponent(po)}`} />`
      : html`<${Empty}>No certification run yet.</${Empty}>`}
    ${vendor.status !== 'LIVE' && html`<form class="stack" onSubmit=${goLive}>
      ${!passed && html`<label for="live-reason">Reason to go live without a passed run</label><input id="live-reason" value=${reason} onInput=${(e: Event) => setReason((e.target as HTMLInputElement).value)} required maxlength="500" />`}
      <div class="row"><button type="submit" disabled=${busy}>${passed ? 'Set LIVE (certification passed)' : 'Set LIVE with this reason'}</button></div>
    </form>`}
    ${(vendor.statusHistory ?? []).length > 0 && html`<details><summary>Status history</summary><ul>${vendor.statusHistory?.map((h) => html`<li>${dateTime(h.at)} · ${h.status} · ${h.reason} <span class="sub">${h.by}</span></li>`)}</ul></details>`}
  </section>`;
}

/** One vendor: its settings (editable), the SKUs it supplies, and its stock figures with their age. */
export function VendorPage({ vendorId }: { vendorId: string }) {
  const vendor = useLoad(() => get<Vendor>(`/vendors/${encodeURIComponent(vendorId)}`), [vendorId]);
  const [saved, setSaved] = useState<string | null>(null);
  const products = useLoad(allProducts, []);
  const stock = useLoad(() => get<Page<Stock>>(`/vendors/${encodeURIComponent(vendorId)}/inventory?limit=100`), [vendorId]);
  if (vendor.loading && !vendor.data) return html`<${Loading} what=${`Loading ${vendorId}`} />`;
  if (vendor.error || !vendor.data) return html`<${ErrorBox} error=${vendor.error} retry=${vendor.reload} />`;
  const mapped = (products.data ?? []).flatMap((p) => p.sources.filter((s) => s.vendorId === vendorId).map((s) => ({ ...s, sku: p.sku, name: p.name })));
  const stockBySku = new Map((stock.data?.items ?? []).map((s) => [s.vendorSku, s]));
  return html`<article aria-labelledby="vendor-title">
    <p><a href="#/vendors">← Vendors</a></p>
    <div class="page-head"><h1 id="vendor-title">${vendor.data.name}</h1>${!vendor.data.active && html`<${Chip}>Inactive</${Chip}>`}</div>
    <${Onboarding} vendor=${vendor.data} onChanged=${vendor.reload} />
    <${VendorForm} key=${vendor.data.updatedAt} vendor=${vendor.data} saved=${saved} onSaved=${(result: Vendor) => { setSaved(`Saved at ${dateTime(result.updatedAt)}.`); vendor.reload(); }} />
    <section aria-labelledby="vendor-skus"><h2 id="vendor-skus">Products and stock</h2>
      ${products.loading || stock.loading ? html`<${Loading} what="Loading products and stock" />`
        : products.error || stock.error ? html`<${ErrorBox} error=${products.error ?? stock.error} />`
        : mapped.length === 0 ? html`<${Empty}>No product is sourced from this vendor.</${Empty}>`
        : html`<div class="table-wrap"><table data-testid="vendor-skus"><thead><tr><th scope="col">SKU</th><th scope="col">Vendor SKU</th><th scope="col">Cost</th><th scope="col">Priority</th><th scope="col">Available</th><th scope="col">Feed</th></tr></thead>
          <tbody>${mapped.map((m) => {
            const level = stockBySku.get(m.vendorSku);
            return html`<tr><td>${m.sku}<div class="sub">${m.name}</div></td><td>${m.vendorSku}</td><td>${money(m.unitCost, 'USD')}</td><td>${m.priority}${m.active ? '' : ' (off)'}</td>
              <td>${level ? level.available : '—'}${level?.restockDate ? html`<div class="sub">restock ${level.restockDate}</div>` : ''}</td>
              <td>${level ? html`<${Chip} tone=${level.fresh ? 'ok' : 'warn'}>${level.fresh ? 'fresh' : 'stale'}</${Chip}> <span class="sub">${relative(level.updatedAt)}</span>` : html`<${Chip}>no feed</${Chip}>`}</td></tr>`;
          })}</tbody></table></div>`}
    </section>
  </article>`;
}
