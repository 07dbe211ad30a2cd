/**
 * Carrier tracking number formats and check digits, so a typo is refused at the door instead of
 * reaching the customer as a dead link. Sources: UPS 1Z format (mod-10 over the 15 characters
 * after "1Z", letters mapped by (code - 63) mod 10); FedEx Express 12-digit (weights 1,3,7 from
 * the right, mod 11); USPS IMpb 20/22-digit (weights 3,1 from the right, mod 10) and UPU S10
 * (weights 8,6,4,2,3,5,9,7, mod 11); DHL Express 10-digit (mod 7).
 */
export const carriers = ['UPS', 'FEDEX', 'USPS', 'DHL'] as const;
export type Carrier = (typeof carriers)[number];

/** SCAC codes and common names vendors send, mapped to the carrier. */
const carrierAliases: Record<string, Carrier> = {
  UPS: 'UPS', UPSN: 'UPS', 'UNITED PARCEL SERVICE': 'UPS',
  FEDEX: 'FEDEX', FDX: 'FEDEX', FDXE: 'FEDEX', FDEG: 'FEDEX', 'FEDERAL EXPRESS': 'FEDEX',
  USPS: 'USPS', 'US POSTAL SERVICE': 'USPS',
  DHL: 'DHL', DHLC: 'DHL', DHLE: 'DHL', 'DHL EXPRESS': 'DHL',
};

/** The SCAC we write for each carrier (850 TD5-03). */
export const scacOf: Record<Carrier, string> = { UPS: 'UPSN', FEDEX: 'FDEG', USPS: 'USPS', DHL: 'DHLC' };

export const carrierOf = (nameOrScac: string): Carrier | undefined => carrierAliases[nameOrScac.trim().toUpperCase()];

/** A carrier named in free text ("UPS GROUND", "FedEx Home Delivery"): the whole text, else its first word. */
export const carrierNamedIn = (text: string): Carrier | undefined => carrierOf(text) ?? carrierOf(text.trim().split(/[\s/,-]+/)[0] ?? '');

const digits = (value: string) => [...value].map(Number);

function upsValid(number: string): boolean {
  if (!/^1Z[0-9A-Z]{16}$/.test(number)) return false;
  const body = [...number.slice(2, 17)].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = body.reduce((total, value, index) => total + (index % 2 === 1 ? value * 2 : value), 0);
  return (10 - (sum % 10)) % 10 === Number(number[17]);
}

function fedexValid(number: string): boolean {
  if (!/^\d{12}$/.test(number)) return /^\d{15}$|^\d{20}$|^\d{22}$/.test(number);
  const weights = [1, 3, 7];
  const body = digits(number.slice(0, 11)).reverse();
  const sum = body.reduce((total, value, index) => total + value * (weights[index % 3] ?? 1), 0);
  return (sum % 11) % 10 === Number(number[11]);
}

function uspsValid(number: string): boolean {
  if (/^[A-Z]{2}\d{9}US$/.test(number)) {
    const weights = [8, 6, 4, 2, 3, 5, 9, 7];
    const sum = digits(number.slice(2, 10)).reduce((total, value, index) => total + value * (weights[index] ?? 0), 0);
    const check = 11 - (sum % 11);
    return (check === 10 ? 0 : check === 11 ? 5 : check) === Number(number[10]);
  }
  if (!/^\d{20}$|^\d{22}$/.test(number)) return false;
  const body = digits(number.slice(0, -1)).reverse();
  const sum = body.reduce((total, value, index) => total + value * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(number.at(-1));
}

function dhlValid(number: string): boolean {
  if (!/^\d{10}$/.test(number)) return false;
  return Number(number.slice(0, 9)) % 7 === Number(number[9]);
}

const rules: Record<Carrier, { valid: (n: string) => boolean; url: (n: string) => string; format: string }> = {
  UPS: { valid: upsValid, url: (n) => `https://www.ups.com/track?tracknum=${n}`, format: '1Z followed by 16 letters or digits, with a valid check digit' },
  FEDEX: { valid: fedexValid, url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`, format: '12 digits with a valid check digit, or 15, 20 or 22 digits' },
  USPS: { valid: uspsValid, url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`, format: '20 or 22 digits, or two letters, 9 digits and US, with a valid check digit' },
  DHL: { valid: dhlValid, url: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`, format: '10 digits with a valid check digit' },
};

/**
 * The carrier a tracking number belongs to, when exactly one carrier's format and check digit fit
 * it (FedEx's 15/20/22-digit forms carry no check digit here, so they never decide alone).
 *
 * @example detectCarrier('1Z999AA10123456784') // 'UPS'
 */
export function detectCarrier(trackingNumber: string): Carrier | undefined {
  const normalized = trackingNumber.replace(/\s+/g, '').toUpperCase();
  const fits = carriers.filter((carrier) => (carrier === 'FEDEX' ? /^\d{12}$/.test(normalized) && fedexValid(normalized) : rules[carrier].valid(normalized)));
  return fits.length === 1 ? fits[0] : undefined;
}

export type TrackingCheck = { valid: true; carrier: Carrier; url: string } | { valid: false; message: string };

/** Checks a tracking number against its carrier's format and check digit. */
export function checkTrackingNumber(carrierName: string, trackingNumber: string): TrackingCheck {
  const carrier = carrierOf(carrierName);
  if (!carrier) return { valid: false, message: `carrier ${carrierName} is not one of UPS, FedEx, USPS, DHL (or their SCAC codes)` };
  const normalized = trackingNumber.replace(/\s+/g, '').toUpperCase();
  const rule = rules[carrier];
  return rule.valid(normalized)
    ? { valid: true, carrier, url: rule.url(normalized) }
    : { valid: false, message: `is not a valid ${carrier} tracking number (${rule.format})` };
}
