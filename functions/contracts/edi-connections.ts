import * as z from 'zod';
import { vendorId } from './common';
import { as2EncryptionAlgorithms, as2SigningAlgorithms } from '../domain/edi-connections';

/** A connection id is also its Transfer Family user name and its mailbox folder. */
export const connectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, { error: 'must be 3-40 lowercase letters, digits or dashes' });

const pemCertificate = z.string().max(20_000).regex(/-----BEGIN CERTIFICATE-----/, { error: 'must be a PEM certificate (-----BEGIN CERTIFICATE----- …)' });

/** An AS2 id: 1-128 printable ASCII characters (RFC 4130 §6.2), no spaces or quotes for our own ease. */
export const as2Id = z.string().regex(/^[\x21\x23-\x7e]{1,128}$/, { error: 'must be 1-128 printable ASCII characters without spaces or quotes' });

const sftpConnectionInput = z.object({
  kind: z.literal('SFTP'),
  sshPublicKeys: z.array(z.string().max(16_000)).min(1, { error: 'needs at least one key: SFTP users sign in with keys only' }).max(10),
});

const as2ConnectionInput = z.object({
  kind: z.literal('AS2'),
  as2Id,
  url: z.url({ protocol: /^https?$/ }).optional(),
  signingCertificate: pemCertificate,
  /** Defaults to the signing certificate (many partners use one for both). */
  encryptionCertificate: pemCertificate.optional(),
  mdn: z.enum(['SYNC', 'ASYNC', 'NONE']).default('SYNC'),
  /** How we encrypt and sign what we send them. */
  encryption: z.enum(as2EncryptionAlgorithms).default('AES256_CBC'),
  signing: z.enum(as2SigningAlgorithms).default('SHA256'),
  compression: z.boolean().default(false),
});

export const connectionInput = z.discriminatedUnion('kind', [sftpConnectionInput, as2ConnectionInput]);
export type ConnectionInput = z.infer<typeof connectionInput>;

const certificateView = z.object({ subject: z.string(), issuer: z.string(), notBefore: z.string(), notAfter: z.string(), fingerprint: z.string(), expired: z.boolean() });

export const transferLogEntry = z.object({
  at: z.string(),
  direction: z.enum(['IN', 'OUT']),
  fileName: z.string(),
  vendorIds: z.array(z.string()),
  outcome: z.enum(['PROCESSED', 'REJECTED', 'WRITTEN', 'SENT', 'MDN_OK', 'MDN_FAILED']),
  reason: z.string().optional(),
  /** AS2: the Message-ID, and the MDN's disposition when one came back. */
  messageId: z.string().optional(),
  mdn: z.string().optional(),
});

export const connectionView = z.object({
  connectionId,
  kind: z.enum(['SFTP', 'AS2']),
  sshPublicKeys: z.array(z.object({ key: z.string(), type: z.string(), fingerprint: z.string(), comment: z.string().optional() })).optional(),
  as2: z
    .object({
      as2Id: z.string(),
      url: z.string().optional(),
      mdn: z.enum(['SYNC', 'ASYNC', 'NONE']),
      encryption: z.string(),
      signing: z.string(),
      compression: z.boolean(),
      signingCertificate: certificateView,
      encryptionCertificate: certificateView,
    })
    .optional(),
  vendors: z.array(z.object({ vendorId, qualifier: z.string(), senderId: z.string(), active: z.boolean() })),
  /** What ops hand the partner to connect. */
  ours: z.object({
    sftp: z.object({ host: z.string(), port: z.number(), user: z.string(), hostKeyFingerprint: z.string().optional() }).optional(),
    as2: z.object({ as2Id: z.string(), url: z.string(), certificate: z.string(), certificateExpiry: z.string().optional() }).optional(),
  }),
  recentFiles: z.array(transferLogEntry),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const as2ProfileInput = z.object({
  as2Id,
  certificate: pemCertificate,
  privateKey: z.string().max(20_000).regex(/-----BEGIN (RSA |EC )?PRIVATE KEY-----/, { error: 'must be a PEM private key' }),
});

export const as2ProfileView = z.object({ as2Id: z.string(), url: z.string(), certificate: z.string(), certificateInfo: certificateView });
