/**
 * X12 dates: CCYYMMDD (DT 8, version 004010 on) or YYMMDD (DT 6, versions 003060/003070 and older
 * translators; years 00–49 read as 20YY, 50–99 as 19YY, the X12 century window). Returns
 * YYYY-MM-DD, or undefined when the value is not a real calendar date.
 *
 * @example isoDateOf('261201') // '2026-12-01'
 */
export function isoDateOf(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  let year: number;
  let rest: string;
  if (/^\d{8}$/.test(text)) {
    year = Number(text.slice(0, 4));
    rest = text.slice(4);
  } else if (/^\d{6}$/.test(text)) {
    const yy = Number(text.slice(0, 2));
    year = yy < 50 ? 2000 + yy : 1900 + yy;
    rest = text.slice(2);
  } else {
    return undefined;
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
