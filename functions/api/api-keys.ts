import type { ApiKeyView } from '../contracts/api-keys';
import { notFound } from '../domain/errors';
import { hashSecret } from '../ids';
import { findApiKey, listApiKeys, putApiKey, revokeApiKey, type ApiKeyRecord } from '../store/api-key-store';
import { createApiHandler, operationsOf } from './http/api-handler';
import { apiKeysRoutes } from './routes/api-keys';
import { logger } from '../logger';

export const toApiKeyView = ({ secretHash: _secretHash, ...key }: ApiKeyRecord): ApiKeyView => key;

export const operations = operationsOf(apiKeysRoutes, {
  async createApiKey({ body, principal }, { table, now, ids }) {
    const secret = ids.apiKeySecret();
    const key: ApiKeyRecord = { keyId: ids.apiKeyId(), secretHash: hashSecret(secret), ...body, createdAt: now().toISOString() };
    await putApiKey(table, key, { overwrite: false });
    logger.info('API key created', { keyId: key.keyId, role: key.role, createdBy: principal.keyId });
    return { status: 201, body: { ...toApiKeyView(key), secret } };
  },

  async listApiKeys({ query }, { table }) {
    const page = await listApiKeys(table, query);
    return { body: { items: page.items.map(toApiKeyView), nextCursor: page.nextCursor } };
  },

  async revokeApiKey({ params, principal }, { table, now }) {
    const key = await findApiKey(table, params.keyId);
    if (!key) throw notFound('API key', params.keyId);
    const revoked = await revokeApiKey(table, key, now().toISOString());
    logger.info('API key revoked', { keyId: key.keyId, revokedBy: principal.keyId });
    return { body: toApiKeyView(revoked) };
  },
});

export const handler = createApiHandler(operations);
