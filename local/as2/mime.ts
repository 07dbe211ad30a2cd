/**
 * Just enough MIME for AS2 (RFC 4130, RFC 5751), read liberally: LF or CRLF line ends, folded
 * headers, TABs before parameters, quoted or bare parameter values, any header case.
 */

export interface MimeEntity {
  /** Header names lower-cased, folded lines joined. */
  headers: Map<string, string>;
  body: Buffer;
}

const headerEnd = (raw: Buffer): { at: number; length: number } | undefined => {
  const candidates = [
    { at: raw.indexOf('\r\n\r\n'), length: 4 },
    { at: raw.indexOf('\n\r\n'), length: 3 },
    { at: raw.indexOf('\n\n'), length: 2 },
  ].filter((c) => c.at >= 0);
  return candidates.sort((a, b) => a.at - b.at)[0];
};

/** Headers from their text block (unfolding continuation lines). */
export function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  let last = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last) ?? ''} ${line.trim()}`);
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      headers.set(last, line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/** Whether bytes start with MIME headers (a `Name: value` first line) rather than bare content. */
export const startsWithHeaders = (raw: Buffer) => /^[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n/.test(raw.subarray(0, 200).toString('latin1'));

export function parseEntity(raw: Buffer): MimeEntity {
  const end = headerEnd(raw);
  if (!end) return { headers: parseHeaders(raw.toString('latin1')), body: Buffer.alloc(0) };
  return { headers: parseHeaders(raw.subarray(0, end.at).toString('latin1')), body: raw.subarray(end.at + end.length) };
}

/** A Content-Type (or Content-Disposition) value: its value lower-cased and its parameters by lower-cased name. */
export function headerValue(value: string | undefined): { value: string; params: Record<string, string> } {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value ?? '') {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const [first = '', ...rest] = parts.map((p) => p.trim());
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { value: first.toLowerCase(), params };
}

export const contentTypeOf = (entity: MimeEntity) => headerValue(entity.headers.get('content-type') ?? 'text/plain');

/**
 * The parts of a multipart body, each as the exact bytes between its delimiter line and the line
 * break before the next delimiter (RFC 2046 §5.1.1): what a signature covers.
 */
export function multipartParts(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let position = body.indexOf(delimiter);
  while (position >= 0) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const lineEnd = body.indexOf('\n', afterDelimiter);
    if (lineEnd < 0) break;
    const start = lineEnd + 1;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // The line break before the next delimiter belongs to the delimiter.
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    parts.push(body.subarray(start, end));
    position = next;
  }
  return parts;
}

/** A part with its header lines re-terminated by CRLF and its body left alone (what senders that stored LF signed). */
export function withCrlfHeaders(part: Buffer): Buffer {
  const end = headerEnd(part);
  if (!end) return part;
  const headers = part.subarray(0, end.at).toString('latin1').split(/\r?\n/).join('\r\n');
  return Buffer.concat([Buffer.from(`${headers}\r\n\r\n`, 'latin1'), part.subarray(end.at + end.length)]);
}

/** Writes an entity: headers with CRLF, a blank line, the body. */
export function entity(headers: [string, string][], body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

/** Base64 in 76-character lines, as S/MIME writes it. */
export const base64Lines = (bytes: Buffer) => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
