import { loadConfig } from '../config';
import { configuredSenders } from '../notifications/senders';
import { renderSignInEmail } from '../notifications/templates';
import { requestSignInLink, signInLinkMinutes, startVendorSession } from '../services/vendor-sign-in';
import { createApiHandler, operationsOf } from './http/api-handler';
import { vendorSignInRoutes } from './routes/vendor-sign-in';

let senders: ReturnType<typeof configuredSenders> | undefined;

/** The vendor portal's way in for vendors with no key: a one-time link by email, exchanged for a session key. */
export const operations = operationsOf(vendorSignInRoutes, {
  async requestSignInLink({ body }, dependencies) {
    const config = loadConfig();
    senders ??= configuredSenders(config);
    const email = senders.email;
    await requestSignInLink(dependencies, body.email, config.PORTAL_URL, (to, vendorName, link) => email({ to, ...renderSignInEmail({ vendorName, link, minutes: signInLinkMinutes }), tags: { milestone: 'VENDOR_SIGN_IN' } }));
    return { status: 202, body: { message: `If ${body.email} belongs to a vendor, a sign-in link is on its way; it works once, for ${signInLinkMinutes} minutes.` } };
  },

  async startVendorSession({ body }, dependencies) {
    return { status: 201, body: await startVendorSession(dependencies, body.token) };
  },
});

export const handler = createApiHandler(operations);
