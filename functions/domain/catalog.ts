import type { ProductInput, VendorInput } from '../contracts/catalog';

export type ProductSource = ProductInput['sources'][number];

export interface Product {
  sku: string;
  name: string;
  sources: ProductSource[];
  updatedAt: string;
}

export interface Vendor extends Omit<VendorInput, 'vendorId' | 'api'> {
  vendorId: string;
  api?: { webhookUrl: string | null; signingSecret?: string };
  updatedAt: string;
}

/** A SKU with no active source is fulfilled from the retailer's own warehouse. */
export const isDropshipProduct = (product: Pick<Product, 'sources'>): boolean =>
  product.sources.some((source) => source.active);

export type VendorSla = VendorInput['sla'];
