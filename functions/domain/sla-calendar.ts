import { DateTime } from 'luxon';
import type { VendorSla } from './catalog';

/**
 * Vendor SLA arithmetic, in the vendor's own time zone (luxon handles DST and zone rules).
 * - Acknowledgment: due `ackWithinHours` clock hours after the PO reached the vendor.
 * - Shipment: due by the end of the `shipWithinBusinessDays`-th business day after the order's
 *   business day. Business days skip Saturdays, Sundays and the vendor's holidays; an order placed
 *   after the daily cut-off (or on a non-business day) counts from the next business day.
 */
export function ackDueAt(sentAt: Date, sla: Pick<VendorSla, 'ackWithinHours'>): Date {
  return new Date(sentAt.getTime() + sla.ackWithinHours * 3_600_000);
}

const isBusinessDay = (day: DateTime, holidays: ReadonlySet<string>) => day.weekday <= 5 && !holidays.has(day.toISODate() ?? '');

function nextBusinessDay(day: DateTime, holidays: ReadonlySet<string>): DateTime {
  let next = day.plus({ days: 1 });
  while (!isBusinessDay(next, holidays)) next = next.plus({ days: 1 });
  return next;
}

/** The business day an order placed at `at` counts from, as a start-of-day in the vendor's zone. */
export function orderBusinessDay(at: Date, sla: Pick<VendorSla, 'cutoffTime' | 'timeZone' | 'holidays'>): DateTime {
  const holidays = new Set(sla.holidays);
  const local = DateTime.fromJSDate(at, { zone: sla.timeZone });
  const [hour = 0, minute = 0] = sla.cutoffTime.split(':').map(Number);
  const cutoff = local.set({ hour, minute, second: 0, millisecond: 0 });
  const day = local.startOf('day');
  return isBusinessDay(day, holidays) && local < cutoff ? day : nextBusinessDay(day, holidays);
}

/** Adds business days to a business day (0 keeps it). */
export function addBusinessDays(day: DateTime, count: number, holidays: ReadonlySet<string>): DateTime {
  let result = day;
  for (let i = 0; i < count; i++) result = nextBusinessDay(result, holidays);
  return result;
}

export function shipDueAt(orderedAt: Date, sla: Pick<VendorSla, 'cutoffTime' | 'timeZone' | 'holidays' | 'shipWithinBusinessDays'>): Date {
  const due = addBusinessDays(orderBusinessDay(orderedAt, sla), sla.shipWithinBusinessDays, new Set(sla.holidays));
  return due.endOf('day').toJSDate();
}

/** A calendar date (YYYY-MM-DD) plus business days, in the vendor's calendar: for delivery estimates. */
export function addBusinessDaysToDate(date: string, count: number, sla: Pick<VendorSla, 'timeZone' | 'holidays'>): string {
  const holidays = new Set(sla.holidays);
  let day = DateTime.fromISO(date, { zone: sla.timeZone });
  for (let added = 0; added < count; ) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, holidays)) added++;
  }
  return day.toISODate() ?? date;
}

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`), in the vendor's calendar. */
export function businessDaysBetween(from: string, to: string, sla: Pick<VendorSla, 'timeZone' | 'holidays'>): number {
  const holidays = new Set(sla.holidays);
  const end = DateTime.fromISO(to, { zone: sla.timeZone });
  let count = 0;
  for (let day = DateTime.fromISO(from, { zone: sla.timeZone }).plus({ days: 1 }); day <= end; day = day.plus({ days: 1 })) if (isBusinessDay(day, holidays)) count++;
  return count;
}

/** The instant a calendar date ends in the vendor's zone: a promise for that date is late after it. */
export const endOfDate = (date: string, timeZone: string): Date => DateTime.fromISO(date, { zone: timeZone }).endOf('day').toJSDate();

/**
 * The SLA whose closed days are its own plus its public-holiday calendar's (dates the vendor keeps
 * with its SLA): what is stamped on a PO and used for promises, so every business-day sum skips both.
 */
export function withPublicHolidays<T extends Pick<VendorSla, 'holidays'> & { calendarHolidays?: readonly string[] }>(sla: T): T {
  if (!sla.calendarHolidays?.length) return sla;
  return { ...sla, holidays: [...new Set([...sla.holidays, ...sla.calendarHolidays])].sort() };
}
