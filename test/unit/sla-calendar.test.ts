import { describe, expect, it } from 'vitest';
import { ackDueAt, addBusinessDaysToDate, shipDueAt, withPublicHolidays } from '../../functions/domain/sla-calendar';
import { DateTime } from 'luxon';
import { calendarHolidays, isKnownCalendar, publicHolidays } from '../../functions/domain/holiday-calendar';

const chicago = { cutoffTime: '14:00', timeZone: 'America/Chicago', holidays: [] as string[], shipWithinBusinessDays: 2 };

describe('ship-by dates in the vendor calendar', () => {
  it('counts from the order day when it arrives before the cut-off', () => {
    // Monday 2026-11-16 10:00 in Chicago (16:00 UTC) + 2 business days → end of Wednesday in Chicago.
    expect(shipDueAt(new Date('2026-11-16T16:00:00Z'), chicago).toISOString()).toBe('2026-11-19T05:59:59.999Z');
  });

  it('counts from the next business day after the cut-off', () => {
    // Monday 15:00 Chicago is after the 14:00 cut-off → starts Tuesday → due end of Thursday.
    expect(shipDueAt(new Date('2026-11-16T21:00:00Z'), chicago).toISOString()).toBe('2026-11-20T05:59:59.999Z');
  });

  it('skips the weekend', () => {
    // Friday 10:00 + 2 → Tuesday.
    expect(shipDueAt(new Date('2026-11-20T16:00:00Z'), chicago).toISOString()).toBe('2026-11-25T05:59:59.999Z');
  });

  it('treats an order on Saturday as arriving Monday', () => {
    expect(shipDueAt(new Date('2026-11-21T16:00:00Z'), { ...chicago, shipWithinBusinessDays: 0 }).toISOString()).toBe('2026-11-24T05:59:59.999Z');
  });

  it("skips the vendor's holidays", () => {
    // Wednesday 25 Nov + 2, Thanksgiving (26th) off → Friday 27th and Monday 30th.
    const sla = { ...chicago, holidays: ['2026-11-26'] };
    expect(shipDueAt(new Date('2026-11-25T16:00:00Z'), sla).toISOString()).toBe('2026-12-01T05:59:59.999Z');
  });

  it('uses the order time in the vendor time zone, not UTC', () => {
    // 2026-11-17T02:00Z is still Monday 20:00 in Chicago: after cut-off on Monday → from Tuesday.
    expect(shipDueAt(new Date('2026-11-17T02:00:00Z'), chicago).toISOString()).toBe('2026-11-20T05:59:59.999Z');
    // The same instant is Tuesday 11:00 in Tokyo: before cut-off → from Tuesday, due end of Thursday Tokyo time.
    expect(shipDueAt(new Date('2026-11-17T02:00:00Z'), { ...chicago, timeZone: 'Asia/Tokyo' }).toISOString()).toBe('2026-11-19T14:59:59.999Z');
  });

  it('ends the day at local midnight across the spring DST change', () => {
    // Friday 2026-03-06 + 2 business days = Tuesday 10 March, after the US switch to CDT (UTC-5) on Sunday 8 March.
    expect(shipDueAt(new Date('2026-03-06T16:00:00Z'), chicago).toISOString()).toBe('2026-03-11T04:59:59.999Z');
  });

  it('ends the day at local midnight across the autumn DST change', () => {
    // Friday 2026-10-30 + 2 = Tuesday 3 November, after the switch back to CST (UTC-6) on Sunday 1 November.
    expect(shipDueAt(new Date('2026-10-30T15:00:00Z'), chicago).toISOString()).toBe('2026-11-04T05:59:59.999Z');
  });

  it('crosses the year end, skipping Christmas and New Year', () => {
    const sla = { ...chicago, holidays: ['2026-12-25', '2027-01-01'], shipWithinBusinessDays: 3 };
    // Thursday 24 Dec + 3 → Mon 28, Tue 29, Wed 30.
    expect(shipDueAt(new Date('2026-12-24T16:00:00Z'), sla).toISOString()).toBe('2026-12-31T05:59:59.999Z');
    // Wednesday 30 Dec after cut-off → from Thursday 31; +2 skipping Fri 1 Jan and the weekend → Mon 4, Tue 5.
    expect(shipDueAt(new Date('2026-12-30T22:00:00Z'), { ...sla, shipWithinBusinessDays: 2 }).toISOString()).toBe('2027-01-06T05:59:59.999Z');
  });
});

describe('acknowledgment and delivery dates', () => {
  it('gives the vendor its ack window in clock hours', () => {
    expect(ackDueAt(new Date('2026-11-24T15:00:00Z'), { ackWithinHours: 24 }).toISOString()).toBe('2026-11-25T15:00:00.000Z');
  });

  it('adds transit business days to a ship date', () => {
    expect(addBusinessDaysToDate('2026-11-25', 3, { timeZone: 'America/Chicago', holidays: ['2026-11-26'] })).toBe('2026-12-01');
  });
});

describe('public holidays from a calendar (date-holidays)', () => {
  const base = { shipWithinBusinessDays: 1, cutoffTime: '14:00', holidays: [] as string[] };
  // As the catalog saves it: the calendar's dates kept with the SLA; as transmission stamps it: joined to the vendor's own.
  const due = (sla: typeof base & { timeZone: string; holidayCalendar?: string }, at: string) => {
    const saved = { ...sla, ...(sla.holidayCalendar && { calendarHolidays: calendarHolidays(sla.holidayCalendar, new Date(at)) }) };
    return DateTime.fromJSDate(shipDueAt(new Date(at), withPublicHolidays(saved)), { zone: sla.timeZone }).toISODate();
  };

  it('skips Thanksgiving and the observed Independence Day for a vendor on US', () => {
    const us = { ...base, timeZone: 'America/New_York', holidayCalendar: 'US' };
    // Wednesday before Thanksgiving: one business day is Friday, not Thursday.
    expect(due({ ...us, holidayCalendar: undefined }, '2026-11-25T15:00:00Z')).toBe('2026-11-26');
    expect(due(us, '2026-11-25T15:00:00Z')).toBe('2026-11-27');
    // 4 July 2026 is a Saturday: the US observes it on Friday the 3rd, so Thursday's order is due Monday.
    expect(due(us, '2026-07-02T15:00:00Z')).toBe('2026-07-06');
  });

  it('skips the English bank holidays, substitute days included, for GB-ENG', () => {
    const england = { ...base, timeZone: 'Europe/London', holidayCalendar: 'GB-ENG' };
    // Christmas Eve 2026: Friday is Christmas, Monday the 28th the substitute for Boxing Day (a Saturday).
    expect(due(england, '2026-12-24T10:00:00Z')).toBe('2026-12-29');
    // Easter Monday 2026 is 6 April; Scotland's calendar does not have it.
    expect(due(england, '2026-04-02T10:00:00Z')).toBe('2026-04-07');
    expect(due({ ...england, holidayCalendar: 'GB-SCT' }, '2026-04-02T10:00:00Z')).toBe('2026-04-06');
  });

  it("adds the vendor's own closed days to either calendar", () => {
    const us = { ...base, timeZone: 'America/New_York', holidayCalendar: 'US', holidays: ['2026-11-27'] };
    expect(due(us, '2026-11-25T15:00:00Z')).toBe('2026-11-30');
    expect(withPublicHolidays({ ...us, calendarHolidays: calendarHolidays('US', new Date('2026-11-25T15:00:00Z')) }).holidays).toEqual(expect.arrayContaining(['2026-11-26', '2026-11-27', '2027-01-01', '2028-07-04']));
  });

  it('knows the calendars date-holidays knows, and no others', () => {
    expect(['US', 'US-NY', 'GB-ENG', 'DE-BY'].map(isKnownCalendar)).toEqual([true, true, true, true]);
    expect(['XX', 'US-ZZ'].map(isKnownCalendar)).toEqual([false, false]);
    expect(publicHolidays('US', 2027)).toContain('2027-07-05');
  });
});
