import { loadConfig } from '../config';
import { afterShipEvents, afterShipPayload, afterShipSignatureHeader, verifyAfterShip } from '../domain/aftership';
import { DomainError } from '../domain/errors';
import { applyCarrierEvents, type EventResult } from '../services/tracking-events';
import { createApiHandler, operationsOf } from './http/api-handler';
import { trackingRoutes } from './routes/tracking';

const summary = (results: EventResult[]) => ({
  results,
  applied: results.filter((r) => r.outcome === 'APPLIED').length,
  duplicates: results.filter((r) => r.outcome === 'DUPLICATE').length,
  unknown: results.filter((r) => r.outcome === 'UNKNOWN_TRACKING_NUMBER').length,
});

export const operations = operationsOf(trackingRoutes, {
  async postTrackingEvents({ body, principal }, dependencies) {
    return { body: summary(await applyCarrierEvents(dependencies, body.events, `carrier:${principal.keyId}`)) };
  },

  /** Signed by the aggregator, not by our key: the signature is checked before anything is read. */
  async receiveTrackingWebhook({ params, body, headers }, dependencies) {
    const secret = loadConfig().AFTERSHIP_WEBHOOK_SECRET;
    if (!secret || !verifyAfterShip(secret, body, headers[afterShipSignatureHeader])) {
      throw new DomainError('UNAUTHORIZED', `The ${afterShipSignatureHeader} signature does not match this body`);
    }
    if (params.provider !== 'aftership') throw new DomainError('NOT_FOUND', `No tracking webhook for ${params.provider}; aftership is supported`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new DomainError('INVALID_JSON', 'The webhook body is not valid JSON');
    }
    const payload = afterShipPayload.safeParse(json);
    if (!payload.success) {
      throw new DomainError('VALIDATION_FAILED', 'The webhook body is not an AfterShip tracking event', payload.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.code, message: i.message })));
    }
    return { body: summary(await applyCarrierEvents(dependencies, afterShipEvents(payload.data), 'aftership')) };
  },
});

export const handler = createApiHandler(operations);
