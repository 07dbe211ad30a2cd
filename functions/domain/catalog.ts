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

export interface Vendor extends Omit<VendorInput, 'vendorId' | 'api' | 'inventory'> {
  vendorId: string;
  /** Missing on vendors saved before inventory feeds existed: the default policy applies. */
  inventory?: InventoryPolicy;
  api?: { webhookUrl: string | null; signingSecret?: string };
  updatedAt: string;
}

/** A SKU with no active source is fulfilled from the retailer's own warehouse. */
export const isDropshipProduct = (product: Pick<Product, 'sources'>): boolean =>
  product.sources.some((source) => source.active);

export type VendorSla = VendorInput['sla'];
