/** The vendorSignIn group's routes with their schemas: its Lambda loads these and no other group's. */
import { signInLinkInput, signInLinkResult, vendorSessionInput, vendorSessionView } from '../../contracts/vendor-sign-in';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const vendorSignInRoutes = {
  requestSignInLink: {
    ...routeAccess.requestSignInLink,
    summary: "Email a one-time sign-in link to a vendor's contact address (always 202: it does not say whether the address is known)",
    body: signInLinkInput, response: signInLinkResult, successStatus: 202,
  },
  startVendorSession: {
    ...routeAccess.startVendorSession,
    summary: "Exchange a sign-in link's token (once, within 15 minutes) for a session key scoped to the vendor, valid 12 hours",
    body: vendorSessionInput, response: vendorSessionView, successStatus: 201,
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'vendorSignIn' }>;
