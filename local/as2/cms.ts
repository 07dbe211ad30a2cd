/**
 * CMS for AS2 on node-forge: EnvelopedData (AES-128/192/256-CBC, 3DES), detached SignedData
 * (SHA-1/256/384/512, with or without signed attributes) and zlib CompressedData (RFC 3274).
 * Forge encrypts, decrypts and signs; it cannot verify SignedData, so verification walks the
 * ASN.1 here and checks the signature with Node's crypto.
 */
import { createHash, createPublicKey, verify as verifySignature, X509Certificate } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import forge from 'node-forge';

const { asn1, pki, pkcs7, util } = forge;

export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export type Cipher = 'AES128_CBC' | 'AES192_CBC' | 'AES256_CBC' | 'DES_EDE3_CBC';

const digestOids: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const cipherOids: Record<Cipher, string> = {
  AES128_CBC: pki.oids['aes128-CBC'] ?? '2.16.840.1.101.3.4.1.2',
  AES192_CBC: pki.oids['aes192-CBC'] ?? '2.16.840.1.101.3.4.1.22',
  AES256_CBC: pki.oids['aes256-CBC'] ?? '2.16.840.1.101.3.4.1.42',
  DES_EDE3_CBC: pki.oids['des-EDE3-CBC'] ?? '1.2.840.113549.3.7',
};
const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  compressedData: '1.2.840.113549.1.9.16.1.9',
  zlib: '1.2.840.113549.1.9.16.3.8',
  messageDigest: '1.2.840.113549.1.9.4',
  contentType: '1.2.840.113549.1.9.3',
  signingTime: '1.2.840.113549.1.9.5',
};

/** AS2's micalg names (RFC 5751: sha-256) and ours. */
export const micalgName = (digest: DigestName) => (digest === 'sha1' ? 'sha1' : digest.replace('sha', 'sha-'));
export const digestOfMicalg = (micalg: string | undefined): DigestName | undefined => {
  const name = (micalg ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return (['sha1', 'sha256', 'sha384', 'sha512'] as const).find((d) => d === name);
};

export const mic = (bytes: Buffer, digest: DigestName) => createHash(digest).update(bytes).digest('base64');

const binary = (bytes: Buffer) => bytes.toString('binary');
const bytesOf = (forgeBinary: string) => Buffer.from(forgeBinary, 'binary');
type Asn1 = forge.asn1.Asn1;
const children = (node: Asn1 | undefined): Asn1[] => (node && Array.isArray(node.value) ? (node.value as Asn1[]) : []);
const oidOf = (node: Asn1 | undefined) => (node && typeof node.value === 'string' ? asn1.derToOid(node.value) : '');

/** Which kind of CMS content a DER blob holds (its ContentInfo's type). */
export function contentTypeOfCms(der: Buffer): 'enveloped' | 'signed' | 'compressed' | 'other' {
  try {
    const type = oidOf(children(asn1.fromDer(binary(der)))[0]);
    return type === oid.envelopedData ? 'enveloped' : type === oid.signedData ? 'signed' : type === oid.compressedData ? 'compressed' : 'other';
  } catch {
    return 'other';
  }
}

export class CmsError extends Error {
  constructor(
    readonly disposition: 'decryption-failed' | 'authentication-failed' | 'integrity-check-failed' | 'decompression-failed' | 'unexpected-processing-error',
    message: string,
  ) {
    super(message);
  }
}

/** Decrypts EnvelopedData addressed to our certificate. */
export function decrypt(der: Buffer, certificatePem: string, privateKeyPem: string): { content: Buffer; cipher: string } {
  try {
    const message = pkcs7.messageFromAsn1(asn1.fromDer(binary(der))) as forge.pkcs7.PkcsEnvelopedData & {
      findRecipient(cert: forge.pki.Certificate): unknown;
      decrypt(recipient: unknown, key: forge.pki.PrivateKey): void;
      encryptedContent?: { algorithm: string };
    };
    const recipient = message.findRecipient(pki.certificateFromPem(certificatePem));
    if (!recipient) throw new Error('the message is not encrypted to our certificate (no recipient has its issuer and serial)');
    message.decrypt(recipient, pki.privateKeyFromPem(privateKeyPem));
    const cipher = Object.entries(cipherOids).find(([, value]) => value === message.encryptedContent?.algorithm)?.[0] ?? 'unknown';
    return { content: bytesOf((message.content as forge.util.ByteStringBuffer).getBytes()), cipher };
  } catch (error) {
    throw new CmsError('decryption-failed', `cannot decrypt: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** EnvelopedData of content, to the recipient's certificate. */
export function encrypt(content: Buffer, recipientPem: string, cipher: Cipher): Buffer {
  const message = pkcs7.createEnvelopedData();
  message.addRecipient(pki.certificateFromPem(recipientPem));
  message.content = util.createBuffer(binary(content));
  message.encrypt(undefined, cipherOids[cipher]);
  return bytesOf(asn1.toDer(message.toAsn1()).getBytes());
}

/** A detached SignedData over content, with the usual signed attributes and our certificate. */
export function signDetached(content: Buffer, certificatePem: string, privateKeyPem: string, digest: DigestName): Buffer {
  const message = pkcs7.createSignedData();
  message.content = util.createBuffer(binary(content));
  const certificate = pki.certificateFromPem(certificatePem);
  message.addCertificate(certificate);
  message.addSigner({
    key: pki.privateKeyFromPem(privateKeyPem),
    certificate,
    digestAlgorithm: pki.oids[digest] ?? pki.oids.sha256 ?? '',
    authenticatedAttributes: [
      { type: oid.contentType, value: oid.data },
      { type: oid.messageDigest },
      { type: oid.signingTime, value: new Date() as unknown as string },
    ],
  });
  message.sign({ detached: true });
  return bytesOf(asn1.toDer(message.toAsn1()).getBytes());
}

export interface Verified {
  digest: DigestName;
  signer: string;
}

/**
 * Verifies a detached SignedData over content against the partner's certificate. A signer that is
 * not that certificate is `authentication-failed`; a digest or signature that does not match the
 * content is `integrity-check-failed`.
 */
export function verifyDetached(content: Buffer, signatureDer: Buffer, partnerPem: string): Verified {
  let signedData: Asn1[];
  try {
    const info = children(asn1.fromDer(binary(signatureDer)));
    if (oidOf(info[0]) !== oid.signedData) throw new Error('not SignedData');
    signedData = children(children(info[1])[0]);
  } catch (error) {
    throw new CmsError('integrity-check-failed', `the signature is not CMS SignedData: ${error instanceof Error ? error.message : String(error)}`);
  }
  const signerInfos = children(signedData[signedData.length - 1]);
  const signerInfo = children(signerInfos[0]);
  const partner = new X509Certificate(partnerPem);
  const [, sid, digestAlgorithm, ...rest] = signerInfo;
  const signedAttributes = rest[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && rest[0].type === 0 ? rest[0] : undefined;
  const signature = signedAttributes ? rest[2] : rest[1];
  const digest = digestOids[oidOf(children(digestAlgorithm)[0])];
  if (!digest) throw new CmsError('integrity-check-failed', `unsupported digest algorithm ${oidOf(children(digestAlgorithm)[0])}`);
  // The signer by issuer and serial (IssuerAndSerialNumber): must be the certificate on the connection.
  const serial = children(sid)[1];
  const signerSerial = serial && typeof serial.value === 'string' ? util.bytesToHex(serial.value).replace(/^0+/, '').toUpperCase() : '';
  if (signerSerial && signerSerial !== partner.serialNumber.replace(/^0+/, '').toUpperCase()) {
    throw new CmsError('authentication-failed', `signed by a certificate with serial ${signerSerial}, not the partner's certificate (serial ${partner.serialNumber}, ${partner.subject.replace(/\n/g, ', ')})`);
  }
  let signedBytes: Buffer;
  if (signedAttributes) {
    const messageDigest = children(signedAttributes).find((attribute) => oidOf(children(attribute)[0]) === oid.messageDigest);
    const value = children(children(messageDigest)[1])[0];
    const claimed = value && typeof value.value === 'string' ? bytesOf(value.value) : Buffer.alloc(0);
    if (!claimed.equals(createHash(digest).update(content).digest())) throw new CmsError('integrity-check-failed', 'the content does not match the digest its signature was made over: it was changed after signing');
    // Signed attributes are signed as a SET (RFC 5652 §5.4), not with their [0] tag.
    const der = bytesOf(asn1.toDer(signedAttributes).getBytes());
    der[0] = 0x31;
    signedBytes = der;
  } else {
    signedBytes = content;
  }
  const signatureBytes = signature && typeof signature.value === 'string' ? bytesOf(signature.value) : Buffer.alloc(0);
  if (!verifySignature(digest, signedBytes, createPublicKey(partnerPem), signatureBytes)) {
    throw new CmsError('integrity-check-failed', 'the signature does not verify over the content with the partner\'s certificate');
  }
  return { digest, signer: partner.subject.replace(/\n/g, ', ') };
}

/** RFC 3274 CompressedData (zlib) of content. */
export function compress(content: Buffer): Buffer {
  const compressed = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid.zlib).getBytes())]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid.data).getBytes()),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, binary(deflateSync(content)))]),
    ]),
  ]);
  const info = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid.compressedData).getBytes()),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [compressed]),
  ]);
  return bytesOf(asn1.toDer(info).getBytes());
}

/** The content of RFC 3274 CompressedData (zlib), its octets possibly in constructed chunks. */
export function decompress(der: Buffer): Buffer {
  try {
    const info = children(asn1.fromDer(binary(der)));
    const compressed = children(children(info[1])[0]);
    const encapsulated = children(compressed[2]);
    const explicit = children(encapsulated[1])[0];
    const octets = (node: Asn1 | undefined): string => (node ? (typeof node.value === 'string' ? node.value : children(node).map(octets).join('')) : '');
    return inflateSync(bytesOf(octets(explicit)));
  } catch (error) {
    throw new CmsError('decompression-failed', `cannot decompress: ${error instanceof Error ? error.message : String(error)}`);
  }
}
