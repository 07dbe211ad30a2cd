import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dependencies } from '../dependencies';
import { DomainError } from '../domain/errors';
import { hashSecret } from '../ids';
import { logger } from '../logger';
import { putApiKey } from '../store/api-key-store';
import { findVendorByEmail, getVendor } from '../store/catalog-store';
import { signInKeys } from '../store/keys';

/** A sign-in link works once, for 15 minutes; the session it opens lasts 12 hours. */
export const signInLinkMinutes = 15;
export const sessionHours = 12;

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Emails a one-time sign-in link to a vendor's contact address. The answer is the same whether or
 * not the address belongs to a vendor, so nobody can learn which do. The token is stored only as
 * its SHA-256.
 */
export async function requestSignInLink(
  dependencies: Pick<Dependencies, 'table' | 'now'>,
  email: string,
  portalUrl: string,
  send: (to: string, vendorName: string, link: string) => Promise<unknown>,
): Promise<void> {
  const vendor = await findVendorByEmail(dependencies.table, email);
  if (!vendor?.active || !vendor.contact?.email) {
    logger.info('Sign-in link not sent', { known: Boolean(vendor) });
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(dependencies.now().getTime() + signInLinkMinutes * 60_000);
  await dependencies.table.db.send(
    new PutCommand({
      TableName: dependencies.table.name,
      Item: { ...signInKeys.token(hashSecret(token)), entity: 'SignInToken', vendorId: vendor.vendorId, expiresAt: expires.toISOString(), expiresAtEpoch: epochSeconds(expires) },
    }),
  );
  await send(vendor.contact.email, vendor.name, `${portalUrl.replace(/\/$/, '')}/#/sign-in/${token}`);
  logger.info('Sign-in link sent', { vendorId: vendor.vendorId });
}

const invalidLink = () =>
  new DomainError('UNAUTHORIZED', 'This sign-in link is not valid any more: it works once, for 15 minutes. Ask for a new one.', [
    { field: 'token', rule: 'sign_in_link', message: 'is used, expired or unknown' },
  ]);

/**
 * Exchanges a sign-in token for a session key scoped to its vendor: the token is deleted in the same
 * step (a conditional delete), so a second use finds nothing.
 */
export async function startVendorSession(dependencies: Pick<Dependencies, 'table' | 'now' | 'ids'>, token: string): Promise<{ key: string; vendorId: string; expiresAt: string }> {
  const { table, now } = dependencies;
  let used: Record<string, unknown> | undefined;
  try {
    used = (await table.db.send(new DeleteCommand({ TableName: table.name, Key: signInKeys.token(hashSecret(token)), ConditionExpression: 'attribute_exists(PK)', ReturnValues: 'ALL_OLD' }))).Attributes;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw invalidLink();
    throw error;
  }
  const vendorId = String(used?.vendorId ?? '');
  if (!used || Date.parse(String(used.expiresAt)) <= now().getTime() || !(await getVendor(table, vendorId))?.active) throw invalidLink();
  const secret = dependencies.ids.apiKeySecret();
  const expires = new Date(now().getTime() + sessionHours * 3_600_000);
  await putApiKey(
    table,
    {
      keyId: dependencies.ids.apiKeyId(), secretHash: hashSecret(secret), role: 'vendor', vendorId, description: 'vendor portal session',
      createdAt: now().toISOString(), expiresAt: expires.toISOString(), expiresAtEpoch: epochSeconds(expires),
    },
    { overwrite: false },
  );
  logger.info('Vendor portal session started', { vendorId });
  return { key: secret, vendorId, expiresAt: expires.toISOString() };
}
