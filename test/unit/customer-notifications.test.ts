import { describe, expect, it } from 'vitest';
import { messageData, milestones, noticesFor, orderReceivedNotice, vendorMilestones, vendorNoticesFor, type MessageData, type Milestone, type Notice } from '../../functions/domain/notifications';
import { openException } from '../../functions/domain/exceptions';
import type { Order } from '../../functions/domain/orders';
import { acknowledge, cancelLines, markTransmitted, recordShipment } from '../../functions/domain/purchase-order-lifecycle';
import { maxSmsLength, renderEmail, renderSms } from '../../functions/notifications/templates';
import { aPurchaseOrder, aVendor } from '../support/builders';

const vendor = (by: string) => ({ by: `vendor:${by}`, at: new Date('2026-11-24T16:00:00Z') });
const sent = () => markTransmitted(aPurchaseOrder({ lineCount: 3 }), [1, 2, 3], { by: 'workflow', at: new Date('2026-11-24T15:00:00Z') }, aVendor().sla);
const ups = '1Z999AA10123456784';

describe('which milestones a PO change reaches', () => {
  it('tells of the acknowledgment once, with the ship date and each backordered line', () => {
    const before = sent();
    const after = acknowledge(
      before,
      {
        estimatedShipDate: '2026-11-27',
        lines: [
          { lineNumber: 1, status: 'ACCEPTED' },
          { lineNumber: 2, status: 'BACKORDERED', backorderDate: '2026-12-20' },
          { lineNumber: 3, status: 'ACCEPTED' },
        ],
      },
      vendor('acme'),
    );
    expect(noticesFor(before, after)).toEqual([
      expect.objectContaining({
        milestone: 'ACKNOWLEDGED',
        key: `ACKNOWLEDGED#${after.poNumber}`,
        estimatedShipDate: '2026-11-27',
        estimatedDeliveryDate: '2026-12-04',
        lines: [{ sku: 'SKU-2', quantity: 2, backorderDate: '2026-12-20' }],
      }),
    ]);
    // The same change seen again (a replayed stream record) reaches nothing new.
    expect(noticesFor(after, after)).toEqual([]);
  });

  it('tells of each new shipment with the items in each package, keyed by shipment', () => {
    const before = sent();
    const after = recordShipment(
      before,
      { shipmentId: 'ASN-1', carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', source: 'API', packages: [{ trackingNumber: ups, lines: [{ lineNumber: 1, quantity: 2 }, { lineNumber: 3, quantity: 1 }] }] },
      vendor('acme'),
    );
    const [notice, ...rest] = noticesFor(before, after);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({
      milestone: 'SHIPPED',
      key: `SHIPPED#${after.poNumber}#ASN-1`,
      shipment: { carrier: 'UPS', packages: [{ trackingNumber: ups, trackingUrl: expect.stringContaining(ups), items: [{ sku: 'SKU-1', quantity: 2 }, { sku: 'SKU-3', quantity: 1 }] }] },
    });
  });

  it('tells of cancelled and rejected lines with what will not arrive and why', () => {
    const before = sent();
    const cancelled = cancelLines(before, [2], 'customer changed their mind', { by: 'storefront:shop', at: new Date('2026-11-24T17:00:00Z') });
    expect(noticesFor(before, cancelled)).toEqual([
      { milestone: 'CANCELLED', key: `CANCELLED#${before.poNumber}#2`, poNumber: before.poNumber, lines: [{ sku: 'SKU-2', quantity: 2, reason: 'customer changed their mind' }] },
    ]);
    const rejected = acknowledge(before, { lines: [1, 2, 3].map((lineNumber) => ({ lineNumber, status: 'REJECTED' as const, reason: 'discontinued' })) }, vendor('acme'));
    expect(noticesFor(before, rejected).map((n) => [n.milestone, n.lines?.length])).toEqual([['LINE_REJECTED', 3]]);
  });

  it('tells of a delay once, with a new date only when a backorder gives one', () => {
    const before = sent();
    const delayed = openException(before, 'DELAYED', 'promised ship date passed', new Date('2026-11-28T06:00:00Z'));
    expect(noticesFor(before, delayed)).toEqual([{ milestone: 'DELAYED', key: `DELAYED#${before.poNumber}`, poNumber: before.poNumber }]);
    expect(noticesFor(delayed, { ...delayed, version: delayed.version + 1 })).toEqual([]);
  });

  it('gives a delayed PO promised with a transit its new delivery date: from the next business day, or the backorder date', () => {
    const promise = { shipBy: '2026-11-26', deliveryWindow: { earliest: '2026-11-27', latest: '2026-12-01' }, basis: 'LEARNED' as const, sampleSize: 40, transit: { low: 1, high: 3, basis: 'LEARNED' as const, sampleSize: 25 }, region: 'US-627' };
    const before = { ...sent(), promise };
    // Opened on Friday 27 Nov (Chicago): ships Monday 30th at the earliest, 3 business days in transit → Thursday 3 Dec.
    const delayed = openException(before, 'DELAYED', 'promised ship date passed', new Date('2026-11-27T18:00:00Z'));
    expect(noticesFor(before, delayed)).toEqual([{ milestone: 'DELAYED', key: `DELAYED#${before.poNumber}`, poNumber: before.poNumber, estimatedDeliveryDate: '2026-12-03' }]);
    const email = renderEmail('DELAYED', messageData(order, noticesFor(before, delayed)[0] as Notice)).text;
    expect(email).toContain('It should now arrive by Thursday, December 3, 2026');
    // A backorder names the ship date: 7 Dec plus 3 days.
    const backordered = acknowledge(before, { estimatedShipDate: '2026-11-26', lines: [{ lineNumber: 1, status: 'BACKORDERED', backorderDate: '2026-12-07' }, { lineNumber: 2, status: 'ACCEPTED' }, { lineNumber: 3, status: 'ACCEPTED' }] }, vendor('acme'));
    const late = openException(backordered, 'DELAYED', 'backordered', new Date('2026-11-27T18:00:00Z'));
    expect(noticesFor(backordered, late)).toContainEqual(expect.objectContaining({ milestone: 'DELAYED', estimatedShipDate: '2026-12-07', estimatedDeliveryDate: '2026-12-10' }));
  });

  it('promises at order time the latest ship-by day and delivery day of the vendors involved', () => {
    const chicago = { ...aVendor().sla, shipWithinBusinessDays: 2, transitBusinessDays: { '*': 5 } };
    const slower = { ...chicago, shipWithinBusinessDays: 4, holidays: ['2026-11-26'] };
    // Tuesday 24 Nov 2026, 10:00 in Chicago, before the 14:00 cut-off.
    const notice = orderReceivedNotice({ createdAt: '2026-11-24T16:00:00.000Z' }, [chicago, slower]);
    expect(notice).toEqual({ milestone: 'ORDER_RECEIVED', key: 'ORDER_RECEIVED', estimatedShipDate: '2026-12-01', estimatedDeliveryDate: '2026-12-08' });
    expect(orderReceivedNotice({ createdAt: '2026-11-24T16:00:00.000Z' }, [])).toEqual({ milestone: 'ORDER_RECEIVED', key: 'ORDER_RECEIVED' });
  });
});

const order: Pick<Order, 'customer' | 'storefrontOrderId' | 'lines'> = {
  storefrontOrderId: 'SO-1001',
  customer: { name: 'Zoë Ñúñez-李 <script>alert(1)</script>', email: 'zoe@example.com', phone: null },
  lines: [
    { lineNumber: 1, sku: 'LAMP-001', name: 'Brass "desk" lamp & shade', quantity: 2, unitPrice: 1999, fulfillment: 'DROPSHIP' },
    { lineNumber: 2, sku: 'MUG-003', quantity: 1, unitPrice: 899, fulfillment: 'WAREHOUSE' },
  ],
};

const manyPackages = Array.from({ length: 12 }, (_, i) => ({
  trackingNumber: `1Z999AA1012345${String(6700 + i)}`,
  trackingUrl: `https://www.ups.com/track?tracknum=1Z999AA1012345${String(6700 + i)}`,
  items: [{ sku: 'LAMP-001', quantity: 1 }],
}));

const dataFor = (milestone: Milestone): MessageData =>
  messageData(order, {
    milestone,
    key: milestone,
    poNumber: 'PO-7K2M9QX4TB',
    estimatedShipDate: '2026-12-01',
    estimatedDeliveryDate: '2026-12-08',
    ...(milestone === 'SHIPPED' && { shipment: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: manyPackages } }),
    ...((milestone === 'CANCELLED' || milestone === 'LINE_REJECTED') && { lines: [{ sku: 'LAMP-001', quantity: 2, reason: 'out of stock <for good>' }] }),
  });

const customerMilestones = milestones.filter((m) => !vendorMilestones.includes(m));

describe('the customer messages', () => {
  it.each(customerMilestones)('renders %s as subject, HTML and text, with every value filled in and the HTML escaped', (milestone) => {
    const email = renderEmail(milestone, dataFor(milestone));
    expect(email.subject).toContain('SO-1001');
    expect(email.subject).not.toMatch(/\n|undefined|\{\{/);
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Zoë Ñúñez-李');
      expect(part).not.toMatch(/undefined|\[object|\{\{/);
    }
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).not.toContain('&lt;');
  });

  it('names the products and the new dates as a customer reads them', () => {
    const received = renderEmail('ORDER_RECEIVED', dataFor('ORDER_RECEIVED'));
    expect(received.text).toContain('2 x Brass "desk" lamp & shade');
    expect(received.text).toContain('1 x MUG-003');
    expect(received.text).toContain('ship by Tuesday, December 1, 2026 and arrive by Tuesday, December 8, 2026');
    expect(received.html).toContain('Brass &quot;desk&quot; lamp &amp; shade');
    expect(renderEmail('CANCELLED', dataFor('CANCELLED')).text).toContain('- 2 x Brass "desk" lamp & shade (out of stock <for good>)');
  });

  it('reads like a retailer\'s receipt: the retailer, each item\'s price, the total, the address and a link to the order', () => {
    const storefront = { retailerName: 'Acme Home & Garden', orderUrlTemplate: 'https://shop.example/orders/{storefrontOrderId}?id={orderId}' };
    const full = { ...order, orderId: 'ord_01', currency: 'USD', shippingAddress: { line1: '1 Main St', line2: 'Apt 4', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' } };
    const { html, text } = renderEmail('ORDER_RECEIVED', messageData(full, { milestone: 'ORDER_RECEIVED', key: 'ORDER_RECEIVED', estimatedShipDate: '2026-12-01' }, storefront));
    expect(text).toContain('Thank you for your order SO-1001 at Acme Home & Garden.');
    // 2 × $19.99 and 1 × $8.99, from the order's integer minor units.
    expect(text).toContain('- 2 x Brass "desk" lamp & shade  $39.98');
    expect(text).toContain('- 1 x MUG-003  $8.99');
    expect(text).toContain('Total: $48.97');
    expect(text).toContain('Shipping to:\nZoë Ñúñez-李 <script>alert(1)</script>\n1 Main St\nApt 4\nSpringfield IL 62701\nUS');
    expect(text).toContain('See your order: https://shop.example/orders/SO-1001?id=ord_01');
    expect(html).toContain('Acme Home &amp; Garden</p>');
    expect(html).toContain('<a href="https://shop.example/orders/SO-1001?id&#x3D;ord_01">See your order</a>');
    // Other messages carry no receipt.
    expect(renderEmail('SHIPPED', messageData(full, { milestone: 'SHIPPED', key: 'S', shipment: { carrier: 'UPS', service: 'GROUND', shipDate: '2026-11-25', packages: [] } }, storefront)).text).not.toContain('Total:');
  });

  it('lists every package of a shipment with its tracking link and its items', () => {
    const { html, text } = renderEmail('SHIPPED', dataFor('SHIPPED'));
    for (const pkg of manyPackages) {
      expect(html).toContain(`<a href="${pkg.trackingUrl.replace(/=/g, '&#x3D;')}">${pkg.trackingNumber}</a>`);
      expect(text).toContain(`${pkg.trackingNumber}: ${pkg.trackingUrl}`);
    }
    expect(text).toContain('Package 12 of 12');
  });

  it.each(customerMilestones)('keeps the %s SMS within two segments, with no customer name in it', (milestone) => {
    const sms = renderSms(milestone, dataFor(milestone));
    expect(sms.length).toBeGreaterThan(10);
    expect(sms.length).toBeLessThanOrEqual(maxSmsLength);
    expect(sms).toContain('SO-1001');
    expect(sms).not.toContain('Zoë');
  });

  it('puts the first tracking link in a shipment SMS even with many packages', () => {
    expect(renderSms('SHIPPED', dataFor('SHIPPED'))).toContain(manyPackages[0]?.trackingUrl);
  });

  it('says when no date is known rather than inventing one', () => {
    const data = messageData(order, { milestone: 'DELAYED', key: 'DELAYED#PO-1', poNumber: 'PO-1' });
    expect(renderEmail('DELAYED', data).text).toContain('will write as soon as it ships');
    expect(renderSms('DELAYED', data)).toContain('We will text you when it ships');
  });
});

describe("a portal vendor's messages", () => {
  it.each(vendorMilestones)('renders %s with the vendor, the PO, its items and the link to it, escaped', (milestone) => {
    const data = { ...dataFor(milestone), ackDueAt: '2026-11-27T18:00:00.000Z', vendorName: 'Hooli <Rugs>', poUrl: 'https://shop.example/portal/#/po/PO-7K2M9QX4TB' };
    const email = renderEmail(milestone, { ...data, items: [{ sku: 'RUG-005', quantity: 1, name: 'Wool rug' }] });
    expect(email.subject).toContain('PO-7K2M9QX4TB');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('https://shop.example/portal/#/po/PO-7K2M9QX4TB');
      expect(part).not.toMatch(/undefined|\[object|\{\{/);
    }
    expect(email.html).toContain('Hooli &lt;Rugs&gt;');
    expect(email.text).not.toContain('Zoë');
  });

  it('tells the vendor of a new PO, a reminder and cancelled lines, once each', () => {
    const sent = { ...aPurchaseOrder({ status: 'SENT_TO_VENDOR' }), transmittedAt: '2026-11-24T15:00:00.000Z', ackDueAt: '2026-11-25T15:00:00.000Z' };
    const pending = { ...sent, status: 'PENDING' as const, transmittedAt: undefined };
    expect(vendorNoticesFor(pending, sent).map((n) => n.key)).toEqual([`VENDOR_NEW_PO#${sent.poNumber}`]);
    const reminded = { ...sent, reminderSentAt: '2026-11-25T03:00:00.000Z' };
    expect(vendorNoticesFor(sent, reminded).map((n) => n.milestone)).toEqual(['VENDOR_REMINDER']);
    const cancelled = { ...reminded, lines: reminded.lines.map((l, i) => (i === 0 ? { ...l, status: 'CANCELLED' as const, reason: 'customer changed mind' } : l)) };
    expect(vendorNoticesFor(reminded, cancelled)).toMatchObject([{ milestone: 'VENDOR_CANCELLATION', lines: [{ reason: 'customer changed mind' }] }]);
    expect(vendorNoticesFor(cancelled, cancelled)).toEqual([]);
  });
});
