import type { Dependencies } from '../functions/dependencies';
import { placeVendorOnConnection, saveConnection } from '../functions/services/edi-connections';
import { getConnection } from '../functions/store/connection-store';
import type { Product, Vendor } from '../functions/domain/catalog';
import { hashSecret } from '../functions/ids';
import { putApiKey, type ApiKeyRecord } from '../functions/store/api-key-store';
import { getProduct, getVendor, putProduct, putVendor } from '../functions/store/catalog-store';
import type { Table } from '../functions/store/table';
import { applyInventoryFeed } from '../functions/services/inventory-feeds';

/** The fixed, documented demo keys: the offline stack only, never deployed. */
export const demoKeys = {
  storefront: 'sk_local_storefront',
  ops: 'sk_local_ops',
  carrier: 'sk_local_carrier',
  vendor: (vendorId: string) => `sk_local_vendor_${vendorId}`,
};

/** The AfterShip webhook secret offline (`npm start`, tests): sign demo webhooks with it. */
export const demoAfterShipSecret = 'whsec_local_aftership';

const weekdaySla = {
  ackWithinHours: 24,
  shipWithinBusinessDays: 2,
  cutoffTime: '14:00',
  holidays: ['2026-11-26', '2026-12-25', '2027-01-01'],
  ackReminderAtShare: 0.5,
  firstScanWithinBusinessHours: 24,
  stuckAfterDays: 4,
  transitBusinessDays: { 'UPS:GROUND': 4, 'FEDEX:GROUND': 4, 'USPS:PRIORITY': 3, '*': 5 },
};

export const demoVendors: Omit<Vendor, 'updatedAt'>[] = [
  {
    vendorId: 'acme',
    name: 'Acme Supply (EDI)',
    active: true,
    status: 'LIVE',
    channel: 'EDI',
    edi: { senderId: 'ACMESUPPLY', receiverId: 'DROPSHIPOMS', qualifier: 'ZZ', version: '004010', functionalAck: '997' },
    contact: { name: 'Acme EDI desk', email: 'edi@acme.example' },
    sla: { ...weekdaySla, timeZone: 'America/Chicago', autoCancelAfterHours: 72 },
  },
  {
    vendorId: 'globex',
    name: 'Globex Direct (API)',
    active: true,
    status: 'LIVE',
    channel: 'API',
    api: { webhookUrl: null, signingSecret: 'whsec_local_globex_demo_secret' },
    contact: { name: 'Globex integrations', email: 'api@globex.example' },
    sla: { ...weekdaySla, ackWithinHours: 4, shipWithinBusinessDays: 1, cutoffTime: '16:00', timeZone: 'America/New_York' },
  },
  {
    // No integration at all: POs by email, answered in the vendor portal.
    vendorId: 'hooli',
    name: 'Hooli Rugs (portal)',
    active: true,
    status: 'LIVE',
    channel: 'PORTAL',
    contact: { name: 'Peter at Hooli', email: 'orders@hooli.example' },
    sla: { ...weekdaySla, ackWithinHours: 24, shipWithinBusinessDays: 3, timeZone: 'America/Denver' },
  },
];

export const demoProducts: Omit<Product, 'updatedAt'>[] = [
  { sku: 'LAMP-001', name: 'Brass desk lamp', gtin: '036000291452', sources: [{ vendorId: 'acme', vendorSku: 'AC-100', unitCost: 1200, priority: 1, active: true }] },
  { sku: 'CHAIR-002', name: 'Ergonomic office chair', sources: [{ vendorId: 'globex', vendorSku: 'GX-200', unitCost: 8900, priority: 1, active: true }] },
  {
    sku: 'DESK-004',
    name: 'Standing desk',
    gtin: '4006381333931',
    sources: [
      { vendorId: 'acme', vendorSku: 'AC-400', unitCost: 21000, priority: 1, active: true },
      { vendorId: 'globex', vendorSku: 'GX-400', unitCost: 19500, priority: 2, active: true },
    ],
  },
  { sku: 'MUG-003', name: 'Stoneware mug (warehouse stock)', sources: [] },
  { sku: 'RUG-005', name: 'Hand-tufted wool rug', sources: [{ vendorId: 'hooli', vendorSku: 'HO-RUG-5', unitCost: 7400, priority: 1, active: true }] },
];

/** Each demo vendor's first inventory feed: enough stock to play with; it goes stale after a day, as a real feed would. */
export const demoStock: Record<string, { vendorSku: string; available: number; restockDate: string | null }[]> = {
  acme: [
    { vendorSku: 'AC-100', available: 25, restockDate: null },
    { vendorSku: 'AC-400', available: 5, restockDate: null },
  ],
  hooli: [{ vendorSku: 'HO-RUG-5', available: 12, restockDate: null }],
  globex: [
    { vendorSku: 'GX-200', available: 40, restockDate: null },
    { vendorSku: 'GX-400', available: 3, restockDate: '2026-12-15' },
  ],
};

/**
 * Puts the demo vendors, products, stock and keys in place. Catalog items already there are left as
 * they are, so edits survive a restart; the demo keys are restored (un-revoked) every start.
 */
export async function seedDemoData(table: Table, now: Date): Promise<void> {
  const updatedAt = now.toISOString();
  for (const vendor of demoVendors) {
    if (!(await getVendor(table, vendor.vendorId))) await putVendor(table, { ...vendor, updatedAt });
  }
  for (const product of demoProducts) {
    if (!(await getProduct(table, product.sku))) await putProduct(table, { ...product, updatedAt });
  }
  // Applied once per data folder (the feed id is remembered), so stock taken by orders stays taken.
  for (const [vendorId, rows] of Object.entries(demoStock)) {
    await applyInventoryFeed({ table, now: () => now }, vendorId, 'demo-stock', rows);
  }
  const keys: Omit<ApiKeyRecord, 'createdAt' | 'secretHash'>[] = [
    { keyId: 'key_local_storefront', role: 'storefront', storefrontId: 'demo-store', description: 'Demo storefront' },
    { keyId: 'key_local_ops', role: 'ops', description: 'Demo ops team' },
    { keyId: 'key_local_carrier', role: 'carrier', description: 'Demo carrier events feed' },
    ...demoVendors.map((v) => ({ keyId: `key_local_vendor_${v.vendorId}`, role: 'vendor' as const, vendorId: v.vendorId, description: `Demo vendor ${v.vendorId}` })),
  ];
  const secretOf = (key: (typeof keys)[number]) =>
    key.role === 'vendor' && key.vendorId ? demoKeys.vendor(key.vendorId) : key.role === 'ops' ? demoKeys.ops : key.role === 'carrier' ? demoKeys.carrier : demoKeys.storefront;
  for (const key of keys) {
    await putApiKey(table, { ...key, secretHash: hashSecret(secretOf(key)), createdAt: updatedAt }, { overwrite: true });
  }
}

/**
 * The demo EDI vendor on an SFTP mailbox of its own (connection `acme`), signing in with the key
 * pair made at first start: `sftp -i .local/keys/acme -P <port> acme@127.0.0.1` works out of the box.
 * Done once per data folder; a vendor ops moved elsewhere stays where ops put it.
 */
export async function connectDemoMailbox(deps: Pick<Dependencies, 'table' | 'now' | 'edi'>, publicKey: string): Promise<void> {
  if (await getConnection(deps.table, 'acme')) return;
  await saveConnection(deps, 'acme', { kind: 'SFTP', sshPublicKeys: [publicKey] });
  const vendor = await getVendor(deps.table, 'acme');
  if (!vendor?.edi || vendor.edi.connectionId) return;
  const onMailbox = { ...vendor, edi: { ...vendor.edi, connectionId: 'acme' } };
  await placeVendorOnConnection(deps, onMailbox, vendor);
  await putVendor(deps.table, onMailbox);
}
