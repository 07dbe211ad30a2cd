/**
 * AS2 messages (RFC 4130): opening what a partner sent (decrypt, verify, decompress, in whatever
 * order its software layered them), the MDN that answers it with the MIC of what we received, and
 * the same in the other direction for what we send.
 */
import { randomUUID } from 'node:crypto';
import {
  CmsError,
  compress,
  contentTypeOfCms,
  decompress,
  decrypt,
  digestOfMicalg,
  encrypt,
  mic,
  micalgName,
  signDetached,
  verifyDetached,
  type Cipher,
  type DigestName,
} from './cms';
import { base64Lines, contentTypeOf, entity, headerValue, multipartParts, parseEntity, startsWithHeaders, withCrlfHeaders, type MimeEntity } from './mime';

export interface Identity {
  as2Id: string;
  certificate: string;
  privateKey: string;
}

export interface PartnerCertificates {
  signingCertificate: string;
  encryptionCertificate: string;
}

export interface OpenedMessage {
  payload: Buffer;
  fileName?: string;
  encrypted: boolean;
  signed: boolean;
  compressed: boolean;
  /** Base64 digest of what the signature covered (or of the content received, unsigned), and its algorithm. */
  mic: string;
  micAlgorithm: DigestName;
}

const transferDecoded = (part: MimeEntity) =>
  /base64/i.test(part.headers.get('content-transfer-encoding') ?? '') ? Buffer.from(part.body.toString('latin1').replace(/\s+/g, ''), 'base64') : part.body;

/**
 * Opens a partner's message: the HTTP body with its Content-Type. Throws CmsError with the MDN
 * disposition that says what failed.
 */
export function openMessage(contentType: string, body: Buffer, ours: Identity, partner: PartnerCertificates, requestedMicalg?: string): OpenedMessage {
  let current: MimeEntity = { headers: new Map([['content-type', contentType]]), body };
  let raw = entity([['Content-Type', contentType]], body);
  const found = { encrypted: false, signed: false, compressed: false };
  let micValue: string | undefined;
  let micAlgorithm: DigestName = digestOfMicalg(requestedMicalg) ?? 'sha256';
  for (let layer = 0; layer < 6; layer++) {
    const type = contentTypeOf(current);
    const smime = type.params['smime-type']?.toLowerCase();
    if (type.value === 'application/pkcs7-mime' || type.value === 'application/x-pkcs7-mime') {
      const der = transferDecoded(current);
      const kind = smime === 'compressed-data' ? 'compressed' : smime === 'enveloped-data' ? 'enveloped' : contentTypeOfCms(der);
      const inner = kind === 'compressed' ? decompress(der) : kind === 'enveloped' ? decrypt(der, ours.certificate, ours.privateKey).content : undefined;
      if (!inner) throw new CmsError('unexpected-processing-error', `application/pkcs7-mime with smime-type ${smime ?? 'none'} is neither encrypted nor compressed data`);
      if (kind === 'compressed') found.compressed = true;
      else found.encrypted = true;
      if (!startsWithHeaders(inner)) {
        // Some senders (Mendelson, encrypted only) put the bare payload inside: no headers of its own.
        current = { headers: new Map([['content-type', 'application/octet-stream']]), body: inner };
        raw = inner;
        break;
      }
      current = parseEntity(inner);
      raw = inner;
      continue;
    }
    if (type.value === 'multipart/signed') {
      const [signedPart, signaturePart] = multipartParts(current.body, type.params.boundary ?? '');
      if (!signedPart || !signaturePart) throw new CmsError('integrity-check-failed', 'multipart/signed without its two parts');
      const signature = transferDecoded(parseEntity(signaturePart));
      let covered = signedPart;
      let verified;
      try {
        verified = verifyDetached(covered, signature, partner.signingCertificate);
      } catch (error) {
        // Software that stored the message with LF line ends signed CRLF headers: try them before refusing.
        const crlf = withCrlfHeaders(signedPart);
        if (!(error instanceof CmsError) || error.disposition !== 'integrity-check-failed' || crlf.equals(signedPart)) throw error;
        verified = verifyDetached(crlf, signature, partner.signingCertificate);
        covered = crlf;
      }
      found.signed = true;
      micAlgorithm = digestOfMicalg(requestedMicalg) ?? verified.digest;
      micValue ??= mic(covered, micAlgorithm);
      current = parseEntity(covered);
      raw = covered;
      continue;
    }
    break;
  }
  const disposition = headerValue(current.headers.get('content-disposition'));
  return {
    payload: current.body,
    ...(disposition.params.filename && { fileName: disposition.params.filename }),
    ...found,
    mic: micValue ?? mic(raw, micAlgorithm),
    micAlgorithm,
  };
}

export interface MdnRequest {
  messageId: string;
  originalRecipient: string;
  /** `processed`, or `processed/error: <what>` (RFC 4130 §7.4.3). */
  disposition: string;
  mic?: { value: string; algorithm: DigestName };
  explanation: string;
  /** Sign it with our key and this digest (the partner asked for a signed receipt), or not. */
  signWith?: DigestName;
}

/** The MDN: multipart/report (signed in multipart/signed when asked), as its Content-Type and body. */
export function buildMdn(ours: Identity, request: MdnRequest): { contentType: string; body: Buffer } {
  const boundary = `----=_MDN_${randomUUID()}`;
  const notification = [
    'Reporting-UA: Dropship OMS offline AS2',
    `Original-Recipient: rfc822; ${request.originalRecipient}`,
    `Final-Recipient: rfc822; ${ours.as2Id}`,
    `Original-Message-ID: ${request.messageId}`,
    `Disposition: automatic-action/MDN-sent-automatically; ${request.disposition}`,
    ...(request.mic ? [`Received-Content-MIC: ${request.mic.value}, ${micalgName(request.mic.algorithm)}`] : []),
  ].join('\r\n');
  const reportType = `multipart/report; report-type=disposition-notification; boundary="${boundary}"`;
  const reportBody = Buffer.from(
    [`--${boundary}`, 'Content-Type: text/plain', '', request.explanation, `--${boundary}`, 'Content-Type: message/disposition-notification', '', notification, '', `--${boundary}--`, ''].join('\r\n'),
  );
  if (!request.signWith) return { contentType: reportType, body: reportBody };
  const report = entity([['Content-Type', reportType]], reportBody);
  return signedEntity(report, ours, request.signWith);
}

/** `multipart/signed` around content, as its Content-Type and body. */
function signedEntity(content: Buffer, ours: Identity, digest: DigestName): { contentType: string; body: Buffer } {
  const boundary = `----=_Signed_${randomUUID()}`;
  const signature = signDetached(content, ours.certificate, ours.privateKey, digest);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7s\r\n\r\n`),
    Buffer.from(`${base64Lines(signature)}\r\n--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/signed; protocol="application/pkcs7-signature"; micalg=${micalgName(digest)}; boundary="${boundary}"`, body };
}

export interface OutboundOptions {
  fileName: string;
  signing?: DigestName;
  encryption?: Cipher;
  compression: boolean;
}

/** Our message to a partner: payload (compressed), signed, encrypted, as the connection says. Returns the MIC the MDN must echo. */
export function buildMessage(payload: Buffer, ours: Identity, partner: PartnerCertificates, options: OutboundOptions): { contentType: string; body: Buffer; mic: string; micAlgorithm: DigestName } {
  // X12 is text: sent in canonical form (CRLF line breaks), so every S/MIME reader, strict or binary, verifies the same bytes.
  const canonical = Buffer.from(payload.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  let content = entity([['Content-Type', 'application/edi-x12'], ['Content-Transfer-Encoding', 'binary'], ['Content-Disposition', `attachment; filename="${options.fileName}"`]], canonical);
  if (options.compression) {
    content = entity([['Content-Type', 'application/pkcs7-mime; smime-type=compressed-data; name=smime.p7z'], ['Content-Transfer-Encoding', 'binary']], compress(content));
  }
  const micAlgorithm = options.signing ?? 'sha256';
  const micValue = mic(content, micAlgorithm);
  const inner = parseEntity(content);
  let contentType = inner.headers.get('content-type') ?? 'application/edi-x12';
  let body = inner.body;
  let whole = content;
  if (options.signing) {
    const signed = signedEntity(content, ours, options.signing);
    contentType = signed.contentType;
    body = signed.body;
    whole = entity([['Content-Type', signed.contentType]], signed.body);
  }
  if (options.encryption) {
    contentType = 'application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m';
    body = encrypt(whole, partner.encryptionCertificate, options.encryption);
  }
  return { contentType, body, mic: micValue, micAlgorithm };
}

export interface ReadMdn {
  disposition: string;
  originalMessageId?: string;
  mic?: string;
  signed: boolean;
}

/** Reads a partner's MDN (signed or not); a signature that does not verify is itself the failure. */
export function readMdn(contentType: string, body: Buffer, partner: PartnerCertificates): ReadMdn {
  let report: MimeEntity = { headers: new Map([['content-type', contentType]]), body };
  let signed = false;
  if (contentTypeOf(report).value === 'multipart/signed') {
    const [content, signaturePart] = multipartParts(body, contentTypeOf(report).params.boundary ?? '');
    if (!content || !signaturePart) throw new CmsError('integrity-check-failed', 'the signed MDN lacks its parts');
    verifyDetached(content, transferDecoded(parseEntity(signaturePart)), partner.signingCertificate);
    report = parseEntity(content);
    signed = true;
  }
  const parts = multipartParts(report.body, contentTypeOf(report).params.boundary ?? '');
  const notification = parts.map(parseEntity).find((part) => contentTypeOf(part).value === 'message/disposition-notification');
  const fields = parseEntity(Buffer.concat([notification?.body ?? Buffer.alloc(0), Buffer.from('\r\n\r\n')])).headers;
  const disposition = (fields.get('disposition') ?? '').split(';').slice(1).join(';').trim() || 'no disposition';
  const received = fields.get('received-content-mic');
  return { disposition, signed, ...(fields.get('original-message-id') && { originalMessageId: fields.get('original-message-id') }), ...(received && { mic: received.split(',')[0]?.trim() }) };
}
