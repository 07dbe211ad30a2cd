const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The vendor's calendar day (YYYY-MM-DD) of an instant, in its SLA's time zone (a PO not yet sent has
 * none: UTC). Node's own Intl, so the functions that only count a day (inventory feeds) load no date
 * library.
 */
export function vendorDay(at: string, timeZone = 'UTC'): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}
