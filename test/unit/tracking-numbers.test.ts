import { describe, expect, it } from 'vitest';
import { carrierNamed, checkTrackingNumber, detectCarrier } from '../../functions/domain/tracking-numbers';

/** Changes the last digit, the way a typo in a check digit does. */
const oneOff = (number: string) => number.replace(/(\d)(\D*)$/, (_m, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`);

/**
 * Real-format numbers (the tracking_number_data test vectors and carriers' published examples):
 * carriers whose numbers are checked, and carriers whose numbers no library can check.
 */
const verified: [carrier: string, number: string, code: string, oneOffIs: 'refused' | 'another valid number'][] = [
  ['UPS', '1Z5R89390357567127', 'UPS', 'refused'],
  ['FedEx', '986578788855', 'FEDEX', 'refused'],
  ['FDEG', '9611020987654312345672', 'FEDEX', 'refused'],
  ['USPS', '9400111899223972361544', 'USPS', 'refused'],
  ['DHL', '3318810025', 'DHL', 'refused'],
  ['ONTC', 'C11031500001879', 'ONTRAC', 'refused'],
  // Amazon Logistics numbers carry no check digit: one off is another Amazon number.
  ['AMZL', 'TBA000000000000', 'AMAZON', 'another valid number'],
  ['CPCL', 'EE123456785CA', 'CANADA_POST', 'refused'],
  ['RMAL', 'RB123456785GB', 'ROYAL_MAIL', 'refused'],
];
const unverifiable: [carrier: string, number: string, code: string][] = [
  ['LSHP', '1LS717500051234', 'LASERSHIP'],
  ['ODFL', '07712345678', 'ODFL'],
  ['XPOL', '123456789', 'XPO'],
  ['EXLA', '0123456789', 'ESTES'],
  ['SAIA', '10234567890', 'SAIA'],
];

describe('tracking numbers', () => {
  it.each(verified)('accepts a valid %s number (%s) as VERIFIED', (carrier, number, code, oneOffIs) => {
    expect(checkTrackingNumber(carrier, number)).toMatchObject({ valid: true, carrier: code, verification: 'VERIFIED', url: expect.stringMatching(/^https:\/\//) });
    expect(checkTrackingNumber(carrier, oneOff(number)).valid).toBe(oneOffIs !== 'refused');
  });

  it.each(unverifiable)('accepts a %s number, which no library can check, as UNVERIFIED with the carrier kept', (carrier, number, code) => {
    expect(checkTrackingNumber(carrier, number)).toMatchObject({ valid: true, carrier: code, verification: 'UNVERIFIED' });
    expect(checkTrackingNumber(carrier, oneOff(number))).toMatchObject({ valid: true, verification: 'UNVERIFIED' });
  });

  it('detects the carrier when the vendor names none', () => {
    expect(verified.map(([, number]) => detectCarrier(number)?.code)).toEqual(verified.map(([, , code]) => code));
    expect(checkTrackingNumber(undefined, '1z5r8939 0357567127')).toMatchObject({ valid: true, carrier: 'UPS', trackingNumber: '1Z5R89390357567127' });
    expect(checkTrackingNumber(undefined, '07712345678')).toEqual({ valid: false, message: expect.stringContaining('names no carrier and fits no known') });
  });

  it('refuses a number of another carrier than the one named, saying whose it is', () => {
    expect(checkTrackingNumber('USPS', '1Z5R89390357567127')).toEqual({ valid: false, message: 'is a UPS tracking number, not USPS' });
    expect(checkTrackingNumber('UPS', '1Z5R89390357567128')).toEqual({ valid: false, message: 'is not a valid UPS tracking number: its check digit is wrong' });
  });

  it('maps SCAC codes and names to one carrier each', () => {
    const scacs = { UPSN: 'UPS', FDEG: 'FEDEX', FDXE: 'FEDEX', USPS: 'USPS', DHLC: 'DHL', ONTC: 'ONTRAC', LSHP: 'LASERSHIP', AMZL: 'AMAZON', CPCL: 'CANADA_POST', RMAL: 'ROYAL_MAIL', ODFL: 'ODFL', XPOL: 'XPO', EXLA: 'ESTES', RLCA: 'RL', SAIA: 'SAIA', ABFS: 'ABF', YRCW: 'YELLOW' };
    expect(Object.fromEntries(Object.keys(scacs).map((scac) => [scac, carrierNamed(scac)?.code]))).toEqual(scacs);
    expect(['UPS Ground', 'fedex home delivery', 'Royal Mail'].map((name) => carrierNamed(name)?.code)).toEqual(['UPS', 'FEDEX', 'ROYAL_MAIL']);
  });

  it('keeps a carrier it does not list under the name given, UNVERIFIED', () => {
    expect(checkTrackingNumber('Pony Express', 'PX-42-0001')).toEqual({ valid: true, carrier: 'PONY EXPRESS', trackingNumber: 'PX-42-0001', verification: 'UNVERIFIED' });
  });
});
