import Holidays from 'date-holidays';

/**
 * Public holidays from a country or region calendar (`US`, `US-NY`, `GB-ENG`, `DE-BY` …), read
 * with date-holidays: public days only (bank and observance days are working days), including the
 * observed ("substitute") day when a holiday falls on a weekend, e.g. Friday 3 July 2026 in the US.
 */
const calendars = new Map<string, Holidays>();

function calendarOf(code: string): Holidays | undefined {
  if (!calendars.has(code)) {
    const [country = '', region] = code.split('-');
    const known = new Holidays().getCountries()?.[country] !== undefined && (region === undefined || new Holidays().getStates(country)?.[region] !== undefined);
    if (!known) return undefined;
    calendars.set(code, region ? new Holidays(country, region, { types: ['public'] }) : new Holidays(country, { types: ['public'] }));
  }
  return calendars.get(code);
}

export const isKnownCalendar = (code: string): boolean => calendarOf(code) !== undefined;

const byYear = new Map<string, string[]>();

/** The public holidays of a calendar in a year, as YYYY-MM-DD (computed once per calendar and year). */
export function publicHolidays(code: string, year: number): string[] {
  const key = `${code}:${year}`;
  let days = byYear.get(key);
  if (!days) {
    const calendar = calendarOf(code);
    days = calendar ? [...new Set(calendar.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)))] : [];
    byYear.set(key, days);
  }
  return days;
}

/**
 * A calendar's public holidays from the year before `at` to two years after, as the vendor keeps
 * them (`sla.calendarHolidays`, refreshed at each save): the functions that count business days read
 * those dates, and only the catalog loads date-holidays (2 MB of rules) to make them.
 */
export function calendarHolidays(code: string, at: Date): string[] {
  const year = at.getUTCFullYear();
  return [year - 1, year, year + 1, year + 2].flatMap((y) => publicHolidays(code, y));
}
