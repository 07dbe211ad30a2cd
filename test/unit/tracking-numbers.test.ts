import { describe, expect, it } from 'vitest';
import { checkTrackingNumber } from '../../functions/domain/tracking-numbers';

describe('tracking numbers', () => {
  it.each([
    ['UPS', '1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['UPSN', '1z999aa10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['FedEx', '799531274483', 'https://www.fedex.com/fedextrack/?trknbr=799531274483'],
    ['USPS', 'EA123456785US', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=EA123456785US'],
    ['DHL', '3318810025', 'https://www.dhl.com/en/express/tracking.html?AWB=3318810025'],
  ])('accepts a valid %s number and links it', (carrier, number, url) => {
    expect(checkTrackingNumber(carrier, number)).toMatchObject({ valid: true, url });
  });

  it.each([
    ['UPS', '1Z999AA10123456785'],
    ['UPS', '1Z999AA1012345678'],
    ['FedEx', '799531274484'],
    ['USPS', 'EA123456784US'],
    ['DHL', '3318810026'],
    ['USPS', '1Z999AA10123456784'],
  ])('refuses %s %s', (carrier, number) => {
    expect(checkTrackingNumber(carrier, number).valid).toBe(false);
  });

  it('names the carriers it knows when given another', () => {
    expect(checkTrackingNumber('Pony Express', '123')).toEqual({ valid: false, message: expect.stringContaining('UPS, FedEx, USPS, DHL') });
  });
});
