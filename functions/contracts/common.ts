import * as z from 'zod';

/** A one-line text field: no line breaks or tabs (control characters are refused for every field). */
export const oneLine = (min: number, max: number) =>
  z.string().trim().min(min).max(max).regex(/^[^\t\n\r]*$/, { error: 'must be one line (no line breaks or tabs)' });

/** Calendar date, as vendors and holidays use them: 2026-12-25. */
export const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

export const timeZone = z.string().refine(isTimeZone, {
  error: 'must be an IANA time zone such as America/Chicago',
});

export const currencyCode = z
  .string()
  .refine((code) => Intl.supportedValuesOf('currency').includes(code), {
    error: 'must be an ISO 4217 currency code such as USD',
  });

export const vendorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'must be 2-40 lowercase letters, digits or dashes' });

export const sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    error: 'must be 1-64 letters, digits, dots, dashes or underscores',
  });

/** Money in integer minor units (cents), never floats. */
export const minorUnits = z.number().int({ error: 'must be an integer amount in minor units' }).min(0);

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })),
  }),
});

/** A path id looked up as given: anything not found is a 404, not a 400. */
export const lookupId = z.string().min(1).max(128);
