/**
 * A valid UPS tracking number for a serial: 1Z, a shipper id, service 01, the serial as the package
 * id, and the check digit by UPS's rule (letters to digits by (code - 63) mod 10, odd positions
 * doubled, mod 10) — written out here, independently of the library under test.
 */
export function upsNumber(serial: number): string {
  const body = `999AA01${String(serial).padStart(8, '0')}`;
  const values = [...body].map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
  const sum = values.reduce((total, v, i) => total + (i % 2 === 1 ? v * 2 : v), 0);
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
