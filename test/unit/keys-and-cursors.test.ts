import { describe, expect, it } from 'vitest';
import { purchaseOrderKeys, vendorKeys, productKeys, orderKeys, idempotencyKeys, apiKeyKeys } from '../../functions/store/keys';
import { decodeCursor, encodeCursor } from '../../functions/store/cursor';
import { DomainError } from '../../functions/domain/errors';
import { aPurchaseOrder } from '../support/builders';

describe('key builders', () => {
  it('gives each entity its own key space', () => {
    const keys = [vendorKeys.item('x'), productKeys.item('x'), orderKeys.item('x'), purchaseOrderKeys.item('x'), apiKeyKeys.item('x'), idempotencyKeys.item('s', 'x')];
    expect(new Set(keys.map((k) => `${k.PK}|${k.SK}`)).size).toBe(keys.length);
  });

  it('scopes idempotency keys to the storefront', () => {
    expect(idempotencyKeys.item('shop-a', 'k1')).not.toEqual(idempotencyKeys.item('shop-b', 'k1'));
  });

  it('lists a purchase order under all, status, vendor and vendor+status, sorted by creation time', () => {
    const keys = purchaseOrderKeys.listKeys(aPurchaseOrder({ poNumber: 'PO-1', vendorId: 'acme', status: 'PENDING', createdAt: '2026-11-24T10:00:00.000Z' }));
    expect(keys).toEqual({
      GSI1PK: 'POS', GSI1SK: '2026-11-24T10:00:00.000Z#PO-1',
      GSI2PK: 'POS#STATUS#PENDING', GSI2SK: '2026-11-24T10:00:00.000Z#PO-1',
      GSI3PK: 'POS#VENDOR#acme', GSI3SK: '2026-11-24T10:00:00.000Z#PO-1',
      GSI4PK: 'POS#VENDOR#acme#STATUS#PENDING', GSI4SK: '2026-11-24T10:00:00.000Z#PO-1',
    });
  });
});

describe('cursors', () => {
  const expected = { attributes: ['PK', 'SK', 'GSI2PK', 'GSI2SK'], partition: { name: 'GSI2PK', value: 'POS#STATUS#PENDING' } };
  const key = { PK: 'PO#1', SK: 'PO', GSI2PK: 'POS#STATUS#PENDING', GSI2SK: '2026#PO-1' };

  it('round-trips the last evaluated key', () => {
    expect(decodeCursor(encodeCursor(key) ?? undefined, expected)).toEqual(key);
  });

  it('is null when there is no next page', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  it.each([
    ['garbage', 'not base64 json'],
    ['another filter', encodeCursor({ ...key, GSI2PK: 'POS#STATUS#DISPATCHED' })],
    ['extra attributes', encodeCursor({ ...key, other: 'x' })],
    ['non-string values', encodeCursor({ ...key, SK: 1 })],
  ])('refuses a cursor with %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor ?? '', expected)).toThrow(DomainError);
  });
});
