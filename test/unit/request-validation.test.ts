import { describe, expect, it } from 'vitest';
import { placeOrderInput } from '../../functions/contracts/orders';
import { vendorInput } from '../../functions/contracts/catalog';
import { resolveExceptionInput } from '../../functions/contracts/exceptions';
import { parseRequestPart } from '../../functions/api/http/validation';
import { DomainError } from '../../functions/domain/errors';
import { anOrder } from '../support/builders';

function issuesOf(schema: Parameters<typeof parseRequestPart>[0], body: unknown) {
  try {
    parseRequestPart(schema, body, 'body');
  } catch (error) {
    if (error instanceof DomainError) return error.details;
    throw error;
  }
  return [];
}

const fields = (schema: Parameters<typeof parseRequestPart>[0], body: unknown) => issuesOf(schema, body).map((i) => i.field);

describe('order body validation', () => {
  it('accepts the documented example', () => {
    expect(issuesOf(placeOrderInput, anOrder())).toEqual([]);
  });

  it('names a zero and a negative quantity by line', () => {
    const order = anOrder({ lineCount: 2 });
    order.lines[0]!.quantity = 0;
    order.lines[1]!.quantity = -3;
    expect(issuesOf(placeOrderInput, order)).toEqual([
      expect.objectContaining({ field: 'lines.0.quantity', rule: 'too_small' }),
      expect.objectContaining({ field: 'lines.1.quantity', rule: 'too_small' }),
    ]);
  });

  it('refuses a fractional quantity and a fractional price', () => {
    const order = anOrder();
    Object.assign(order.lines[0]!, { quantity: 1.5, unitPrice: 19.99 });
    expect(fields(placeOrderInput, order)).toEqual(['lines.0.quantity', 'lines.0.unitPrice']);
  });

  it('refuses more than 100 lines', () => {
    expect(issuesOf(placeOrderInput, anOrder({ lineCount: 101 }))).toEqual([
      expect.objectContaining({ field: 'lines', rule: 'too_big', message: 'an order holds at most 100 lines' }),
    ]);
  });

  it('refuses an order without lines', () => {
    expect(fields(placeOrderInput, { ...anOrder(), lines: [] })).toEqual(['lines']);
  });

  it('names a malformed US postal code and a missing state', () => {
    const order = anOrder();
    order.shippingAddress = { ...order.shippingAddress, postalCode: '6270', region: null };
    expect(issuesOf(placeOrderInput, order)).toEqual([
      expect.objectContaining({ field: 'shippingAddress.postalCode', message: expect.stringContaining('62701') }),
      expect.objectContaining({ field: 'shippingAddress.region' }),
    ]);
  });

  it('refuses a country that is not an ISO code', () => {
    const order = anOrder();
    order.shippingAddress = { ...order.shippingAddress, country: 'USA' };
    expect(fields(placeOrderInput, order)).toEqual(['shippingAddress.country']);
  });

  it('reports missing fields as required', () => {
    expect(issuesOf(placeOrderInput, { lines: [{ sku: 'A', quantity: 1, unitPrice: 1 }] }).slice(0, 2)).toEqual([
      { field: 'storefrontOrderId', rule: 'required', message: 'is required' },
      { field: 'currency', rule: 'required', message: 'is required' },
    ]);
  });

  it('refuses an unknown currency, a bad email and a phone that is not E.164', () => {
    const order = anOrder({ currency: 'XYZ' });
    order.customer = { name: 'A', email: 'not-an-email', phone: '555-0100' };
    expect(fields(placeOrderInput, order)).toEqual(['currency', 'customer.email', 'customer.phone']);
  });

  it('refuses SMS notification without a phone number', () => {
    const order = anOrder({ notify: { email: true, sms: true } });
    order.customer = { ...order.customer, phone: null };
    expect(fields(placeOrderInput, order)).toEqual(['notify.sms']);
  });
});

describe('vendor body validation', () => {
  const vendor = {
    name: 'Acme',
    channel: 'EDI',
    edi: { senderId: 'ACME', receiverId: 'OMS', qualifier: 'ZZ' },
    sla: { ackWithinHours: 24, shipWithinBusinessDays: 2, cutoffTime: '14:00', timeZone: 'America/Chicago', holidays: ['2026-12-25'] },
  };

  it('accepts the documented example', () => {
    expect(issuesOf(vendorInput, vendor)).toEqual([]);
  });

  it('needs EDI settings for an EDI vendor', () => {
    expect(fields(vendorInput, { ...vendor, edi: undefined })).toEqual(['edi']);
  });

  it('names a bad cut-off time, time zone and holiday', () => {
    const sla = { ...vendor.sla, cutoffTime: '25:00', timeZone: 'Mars/Olympus', holidays: ['2026-13-01'] };
    expect(fields(vendorInput, { ...vendor, sla })).toEqual(['sla.cutoffTime', 'sla.timeZone', 'sla.holidays.0']);
  });
});

describe('clean text in', () => {
  it('refuses a NUL in the customer name, naming the field and the character', () => {
    const order = anOrder();
    order.customer.name = 'Ada\u0000 Lovelace';
    expect(issuesOf(placeOrderInput, order)).toEqual([{ field: 'customer.name', rule: 'no_control_characters', message: 'contains the control character U+0000 at position 4' }]);
  });

  it('refuses control characters anywhere in a body, in arrays too, and C1 controls', () => {
    const order = anOrder({ lineCount: 2 });
    order.shippingAddress.city = 'Spring\u001bfield';
    (order.lines[1] as { sku: string }).sku = 'LAMP\u0085-001';
    expect(issuesOf(placeOrderInput, order).filter((i) => i.rule === 'no_control_characters').map((i) => i.field)).toEqual(['shippingAddress.city', 'lines.1.sku']);
  });

  it('refuses a line break in a one-line field, and keeps it where a field spans lines', () => {
    const order = anOrder();
    order.shippingAddress.line1 = '1 Main St\nApt 2';
    expect(issuesOf(placeOrderInput, order)).toEqual([expect.objectContaining({ field: 'shippingAddress.line1', message: 'must be one line (no line breaks or tabs)' })]);
    expect(issuesOf(resolveExceptionInput, { note: 'Called the vendor.\n\tThey ship Monday.' })).toEqual([]);
  });
});
