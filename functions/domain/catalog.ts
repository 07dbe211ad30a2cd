import type { ReturnPolicy } from './returns';
import { DomainError } from './errors';
import type { ProductInput, VendorInput } from '../contracts/catalog';
import type { InventoryPolicy } from './inventory';

export type ProductSource = ProductInput['sources'][number];

export interface Product {
  sku: string;
  name: string;
  /** GTIN-8/12/13/14 (a UPC-A is a GTIN-12). */
  gtin?: string;
  sources: ProductSource[];
  updatedAt: string;
}

export type VendorStatus = 'ONBOARDING' | 'LIVE';

export interface VendorStatusChange {
  at: string;
  status: VendorStatus;
  by: string;
  reason: string;
}

export interface Vendor extends Omit<VendorInput, 'vendorId' | 'api' | 'inventory' | 'status' | 'statusReason' | 'sla' | 'invoicing' | 'returns'> {
  vendorId: string;
  /** The SLA as saved, with its calendar's public holidays as dates (last year to two years ahead of the last save). */
  sla: VendorSla & { calendarHolidays?: string[] };
  /** Absent on vendors saved before onboarding existed: they were live. */
  status?: VendorStatus;
  statusHistory?: VendorStatusChange[];
  /** Missing on vendors saved before inventory feeds existed: the default policy applies. */
  inventory?: InventoryPolicy;
  /** Missing on vendors saved before invoicing existed: VENDOR_INVOICES. */
  invoicing?: { mode: 'VENDOR_INVOICES' | 'PAY_ON_SHIPMENT' };
  /** Missing on vendors saved before returns existed: the default policy (30 days, approval needed, back to the vendor). */
  returns?: Partial<ReturnPolicy>;
  api?: { webhookUrl: string | null; signingSecret?: string };
  /** When it was first saved (absent on vendors saved before it was kept): its scorecard counts days from it. */
  createdAt?: string;
  updatedAt: string;
}

/** A SKU with no active source is fulfilled from the retailer's own warehouse. */
export const isDropshipProduct = (product: Pick<Product, 'sources'>): boolean =>
  product.sources.some((source) => source.active);

export type VendorSla = VendorInput['sla'];

/** Only a LIVE, active vendor gets real orders. */
export const takesOrders = (vendor: Pick<Vendor, 'active' | 'status'>): boolean => vendor.active && (vendor.status ?? 'LIVE') === 'LIVE';

/**
 * A vendor's status after a save: a new vendor starts ONBOARDING unless the save says otherwise; a
 * save that names no status keeps the one it had. Going LIVE needs a passed certification run or,
 * until one has passed, a reason, which is kept in the vendor's history with who and when.
 */
export function nextVendorStatus(
  existing: Pick<Vendor, 'status' | 'statusHistory'> | undefined,
  requested: { status?: VendorStatus; statusReason?: string },
  actor: { by: string; at: string },
  /** The id of the vendor's latest certification run when it passed. */
  passedRun?: string,
): { status: VendorStatus; statusHistory: VendorStatusChange[] } {
  const current = existing ? (existing.status ?? 'LIVE') : undefined;
  const status = requested.status ?? current ?? 'ONBOARDING';
  const history = existing?.statusHistory ?? [];
  if (status === current) return { status, statusHistory: history };
  if (status === 'LIVE' && !requested.statusReason && !passedRun) {
    throw new DomainError('INVALID_TRANSITION', 'The vendor has passed no certification run, so it can go LIVE only with a reason', [
      { field: 'statusReason', rule: 'required_to_go_live', message: 'is required to set LIVE while no certification run has passed (POST /vendors/{vendorId}/certification starts one)' },
    ]);
  }
  const reason = requested.statusReason ?? (status === 'LIVE' && passedRun ? `certification run ${passedRun} passed` : current ? 'status changed' : 'new vendor');
  return { status, statusHistory: [...history, { at: actor.at, status, by: actor.by, reason }] };
}
