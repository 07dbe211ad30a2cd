import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Product, Vendor } from '../domain/catalog';
import { batchGetFound } from './batch-get';
import { productKeys, signInKeys, vendorKeys } from './keys';
import { queryPage, type Page } from './list-query';
import { indexes } from './table-definition';
import { getItem, type Table } from './table';

export const vendorToItem = (vendor: Vendor) => ({
  ...vendorKeys.item(vendor.vendorId),
  ...vendorKeys.collection(vendor.vendorId),
  entity: 'Vendor',
  ...vendor,
});

export const productToItem = (product: Product) => ({
  ...productKeys.item(product.sku),
  ...productKeys.collection(product.sku),
  entity: 'Product',
  ...product,
});

export async function getVendor(table: Table, vendorId: string): Promise<Vendor | undefined> {
  return getItem<Vendor>(table, vendorKeys.item(vendorId));
}

/** Stores a vendor, and the pointer from its contact email that a portal sign-in link starts from. */
export async function putVendor(table: Table, vendor: Vendor): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: vendorToItem(vendor) }));
  const email = vendor.contact?.email;
  if (email) await table.db.send(new PutCommand({ TableName: table.name, Item: { ...signInKeys.vendorByEmail(email), entity: 'VendorEmail', vendorId: vendor.vendorId } }));
}

/** The vendor whose contact email this is (a stale pointer, left by a changed email, finds nobody). */
export async function findVendorByEmail(table: Table, email: string): Promise<Vendor | undefined> {
  const pointer = await getItem<{ vendorId: string }>(table, signInKeys.vendorByEmail(email));
  const vendor = pointer && (await getVendor(table, pointer.vendorId));
  return vendor?.contact?.email?.toLowerCase() === email.trim().toLowerCase() ? vendor : undefined;
}

export function listVendors(table: Table, page: { limit: number; cursor?: string }): Promise<Page<Vendor>> {
  return queryPage<Vendor>(table, { index: indexes.byCollection, partition: vendorKeys.collectionPartition, ...page });
}

/** Every vendor, page after page (the ranking and the charges cover them all; vendors are few). */
export async function allVendors(table: Table): Promise<Vendor[]> {
  const vendors: Vendor[] = [];
  let cursor: string | undefined;
  do {
    const page = await listVendors(table, { limit: 100, cursor });
    vendors.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return vendors;
}

export async function getVendors(table: Table, vendorIds: readonly string[]): Promise<Map<string, Vendor>> {
  const vendors = await batchGetFound<Vendor>(table, vendorIds.map(vendorKeys.item));
  return new Map(vendors.map((vendor) => [vendor.vendorId, vendor]));
}

/** Products by SKU in one BatchGet (a cart's, a page's); those not found are left out. */
export async function getProducts(table: Table, skus: readonly string[]): Promise<Map<string, Product>> {
  const found = await batchGetFound<Product>(table, skus.map(productKeys.item));
  return new Map(found.map((product) => [product.sku, product]));
}

export async function getProduct(table: Table, sku: string): Promise<Product | undefined> {
  return getItem<Product>(table, productKeys.item(sku));
}

export async function putProduct(table: Table, product: Product): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: productToItem(product) }));
}

export function listProducts(table: Table, page: { limit: number; cursor?: string }): Promise<Page<Product>> {
  return queryPage<Product>(table, { index: indexes.byCollection, partition: productKeys.collectionPartition, ...page });
}
