/** How figures read in the console; one place so every page shows them alike. */
export const percent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)} %`);
export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
export const date = (iso: string | null | undefined) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' }) : '—');
export const money = (minor: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
/** `SENT_TO_VENDOR` → "Sent to vendor"; acronyms stay as written (`EDI_REJECTED` → "EDI rejected"). */
export const statusLabel = (status: string) =>
  status.replaceAll('_', ' ').toLowerCase().replace(/\b(edi|asn|po|sla|as2|sftp)\b/g, (word) => word.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());

/** "in 3 h", "2 d ago": how far a time is from now. */
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  const size = Math.abs(minutes);
  if (size < 1) return 'just now';
  const text = size < 60 ? `${size} min` : size < 48 * 60 ? `${Math.round(size / 60)} h` : `${Math.round(size / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

/** How long something has been open: "3 h"; a time ahead of this browser's clock reads "just now". */
export function age(iso: string, now = Date.now()): string {
  return Date.parse(iso) >= now ? 'just now' : relative(iso, now).replace(' ago', '');
}
