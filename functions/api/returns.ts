import type { Principal } from '../contracts/api-keys';
import { DomainError, notFound } from '../domain/errors';
import { answerAsVendor, receiveAsRetailer, receiveAsVendor, requestReturn } from '../services/returns';
import { getReturn, listReturns } from '../store/return-store';
import { idempotencyKeyOf } from './http/idempotency';
import { createApiHandler, operationsOf } from './http/api-handler';
import { returnsRoutes } from './routes/returns';
import { getStorefrontWebhook, putStorefrontWebhook, type StorefrontWebhook } from '../store/storefront-store';

const vendorOf = (principal: Principal): string => {
  if (!principal.vendorId) throw new DomainError('FORBIDDEN', 'This key is not bound to a vendor');
  return principal.vendorId;
};

const storefrontOf = (principal: Principal): string => {
  if (!principal.storefrontId) throw new DomainError('FORBIDDEN', 'This key is not bound to a storefront');
  return principal.storefrontId;
};

const webhookView = ({ url, signingSecret, updatedAt }: StorefrontWebhook) => ({ url, hasSigningSecret: Boolean(signingSecret), updatedAt });

export const operations = operationsOf(returnsRoutes, {
  async requestReturn({ params, body, headers, principal }, deps) {
    const { returns, created } = await requestReturn(deps, principal, params.orderId, body, idempotencyKeyOf(headers));
    return { status: created ? 201 : 200, body: { returns } };
  },

  async listReturns({ query }, { table }) {
    return { body: await listReturns(table, { ...(query.vendorId && { vendorId: query.vendorId }), ...(query.status && { status: query.status }) }, { limit: query.limit, cursor: query.cursor }) };
  },

  async getReturn({ params }, { table }) {
    const record = await getReturn(table, params.rmaId);
    if (!record) throw notFound('Return', params.rmaId);
    return { body: record };
  },

  async receiveReturnAtRetailer({ params, body, principal }, deps) {
    return { body: await receiveAsRetailer(deps, `ops:${principal.keyId}`, params.rmaId, body.lines) };
  },

  async listOwnReturns({ query, principal }, { table }) {
    return { body: await listReturns(table, { vendorId: vendorOf(principal), ...(query.status && { status: query.status }) }, { limit: query.limit, cursor: query.cursor }) };
  },

  async answerReturn({ params, body, principal }, deps) {
    return { body: await answerAsVendor(deps, vendorOf(principal), params.rmaId, body) };
  },

  async receiveReturn({ params, body, principal }, deps) {
    return { body: await receiveAsVendor(deps, vendorOf(principal), params.rmaId, body.lines) };
  },

  async putStorefrontWebhook({ body, principal }, { table, now }) {
    const storefrontId = storefrontOf(principal);
    const signingSecret = body.signingSecret ?? (await getStorefrontWebhook(table, storefrontId))?.signingSecret;
    if (!signingSecret) throw new DomainError('VALIDATION_FAILED', 'The webhook needs a signing secret', [{ field: 'signingSecret', rule: 'required', message: 'is required the first time the webhook is set' }]);
    const webhook = { storefrontId, url: body.url, signingSecret, updatedAt: now().toISOString() };
    await putStorefrontWebhook(table, webhook);
    return { body: webhookView(webhook) };
  },

  async getStorefrontWebhook({ principal }, { table }) {
    const webhook = await getStorefrontWebhook(table, storefrontOf(principal));
    if (!webhook) throw notFound('Storefront webhook', storefrontOf(principal));
    return { body: webhookView(webhook) };
  },
});

export const handler = createApiHandler(operations);
