/**
 * EDI connections: one pipe (an SFTP mailbox we host, or AS2) to one trading partner, a vendor or
 * the service provider that carries several. Pure rules: key and certificate checks, routing an
 * interchange to the vendor its ISA sender id names, the names of the files we write.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DomainError, type FieldIssue } from './errors';

export type ConnectionKind = 'SFTP' | 'AS2';
export type MdnMode = 'SYNC' | 'ASYNC' | 'NONE';
export const as2EncryptionAlgorithms = ['AES128_CBC', 'AES192_CBC', 'AES256_CBC', 'DES_EDE3_CBC', 'NONE'] as const;
export const as2SigningAlgorithms = ['SHA1', 'SHA256', 'SHA384', 'SHA512', 'NONE'] as const;

export interface As2PartnerSettings {
  as2Id: string;
  /** Where we send (their AS2 endpoint); without it they only send to us. */
  url?: string;
  signingCertificate: string;
  encryptionCertificate: string;
  mdn: MdnMode;
  encryption: (typeof as2EncryptionAlgorithms)[number];
  signing: (typeof as2SigningAlgorithms)[number];
  compression: boolean;
}

/** The Transfer Family resources a connection was given on AWS, kept on it so an update or delete finds them. */
export interface TransferResources {
  userName?: string;
  partnerProfileId?: string;
  certificateIds?: string[];
  agreementId?: string;
  connectorId?: string;
}

export interface Connection {
  connectionId: string;
  kind: ConnectionKind;
  /** SFTP: the partner's public keys, in OpenSSH's one-line form. */
  sshPublicKeys?: string[];
  as2?: As2PartnerSettings;
  transfer?: TransferResources;
  createdAt: string;
  updatedAt: string;
}

/** A vendor on a connection, by the ISA sender its interchanges carry (ISA05/ISA06). */
export interface ConnectionSender {
  connectionId: string;
  qualifier: string;
  senderId: string;
  vendorId: string;
  active: boolean;
}

/** The key types Transfer Family takes for service-managed users (and so do we offline). */
const sshKeyTypes = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

export interface SshKeyInfo {
  type: string;
  /** As `ssh-keygen -l` prints it: SHA256:<base64 without padding>. */
  fingerprint: string;
  comment?: string;
}

/**
 * Reads an OpenSSH public key line (`ssh-ed25519 AAAA… name`): the blob must decode and name the
 * same type as the line, or the key is refused with what is wrong.
 *
 * @example sshKeyInfo('ssh-ed25519 AAAAC3Nza… ops@acme').fingerprint // 'SHA256:…'
 */
export function sshKeyInfo(line: string): SshKeyInfo {
  const [type = '', data = '', ...comment] = line.trim().split(/\s+/);
  if (!sshKeyTypes.includes(type)) throw new Error(`the key type ${type || '(none)'} is not one of ${sshKeyTypes.join(', ')}`);
  const blob = Buffer.from(data, 'base64');
  const nameLength = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  if (!/^[A-Za-z0-9+/]+=*$/.test(data) || nameLength === 0 || blob.subarray(4, 4 + nameLength).toString('latin1') !== type) {
    throw new Error(`the key data is not an OpenSSH ${type} public key (paste the whole line of the .pub file)`);
  }
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { type, fingerprint, ...(comment.length > 0 && { comment: comment.join(' ') }) };
}

/** The same key (type and blob), whatever its comment. */
export const sameSshKey = (a: string, b: string) => a.trim().split(/\s+/).slice(0, 2).join(' ') === b.trim().split(/\s+/).slice(0, 2).join(' ');

export interface CertificateInfo {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, as colon-separated hex (what `openssl x509 -fingerprint -sha256` prints). */
  fingerprint: string;
  expired: boolean;
}

/** Reads a PEM certificate (throws when it is not one); `expired` as of `now`. */
export function readCertificate(pem: string, now: Date): CertificateInfo {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    throw new Error('is not a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …)');
  }
  const notAfter = new Date(certificate.validTo);
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: notAfter.toISOString(),
    fingerprint: certificate.fingerprint256,
    expired: notAfter.getTime() <= now.getTime(),
  };
}

/** A certificate we may start using: readable and not past its expiry (throws with the reason). */
export function usableCertificate(pem: string, now: Date): CertificateInfo {
  const info = readCertificate(pem, now);
  if (info.expired) throw new Error(`expired on ${info.notAfter}: ask the partner for its current certificate`);
  return info;
}

/** Checks a connection's keys and certificates as it is saved; every problem is named by its field. */
export function checkConnection(input: Pick<Connection, 'kind' | 'sshPublicKeys' | 'as2'>, now: Date): void {
  const issues: FieldIssue[] = [];
  input.sshPublicKeys?.forEach((key, index) => {
    try {
      sshKeyInfo(key);
    } catch (error) {
      issues.push({ field: `sshPublicKeys.${index}`, rule: 'ssh_public_key', message: (error as Error).message });
    }
  });
  for (const field of ['signingCertificate', 'encryptionCertificate'] as const) {
    const pem = input.as2?.[field];
    if (!pem) continue;
    try {
      usableCertificate(pem, now);
    } catch (error) {
      issues.push({ field, rule: 'valid_certificate', message: (error as Error).message });
    }
  }
  if (issues.length) throw new DomainError('VALIDATION_FAILED', 'The connection has keys or certificates we cannot use', issues);
}

/**
 * The vendor an interchange belongs to on a connection: the one whose ISA05/ISA06 it carries.
 * Undefined when no vendor there has that sender (the interchange is refused whole, never guessed).
 */
export function vendorForSender(senders: readonly ConnectionSender[], qualifier: string, senderId: string): ConnectionSender | undefined {
  const id = senderId.trim();
  const exact = senders.find((s) => s.senderId === id && s.qualifier === qualifier.trim());
  // Partners often send ZZ where the setting says 01 (or the reverse): the id alone decides when only one vendor has it.
  const byId = senders.filter((s) => s.senderId === id);
  return exact ?? (byId.length === 1 ? byId[0] : undefined);
}

/** `yyyymmddHHMMSS` in UTC. */
const stamp = (at: Date) => at.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/**
 * The name of a file we put in a mailbox's `/out`: `<type>_<vendorId>_<po number or control number>_<UTC yyyymmddHHMMSS>.edi`.
 * The same document always gets the same name, so a retried write is the same file.
 */
export function mailboxFileName(document: { type: string; vendorId: string; reference: string; at: Date }): string {
  const safe = (part: string) => part.replace(/[^A-Za-z0-9.-]/g, '-');
  return `${safe(document.type)}_${safe(document.vendorId)}_${safe(document.reference)}_${stamp(document.at)}.edi`;
}

/** Inbound files past this are refused unread (Transfer Family takes larger; our X12 never is). */
export const maxInboundFileBytes = 10 * 1024 * 1024;

/** Why an inbound file cannot be read at all, or undefined when it may be X12. */
export function unreadableFile(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.length > maxInboundFileBytes) return `the file is ${bytes.length} bytes, over the ${maxInboundFileBytes}-byte limit: split it into several interchanges`;
  const text = bytes.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (!text.startsWith('ISA')) return `the file is not X12: it must start with an ISA segment, and starts with ${JSON.stringify(text.slice(0, 20))}`;
  return undefined;
}
