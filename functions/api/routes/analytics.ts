/** The analytics group's routes with their schemas: its Lambda loads these and no other group's. */
import * as z from 'zod';
import { lookupId, vendorId } from '../../contracts/common';
import { analyticsQuery, complianceQuery, promiseAccuracy, complianceRulesInput, complianceRulesView, vendorChargesView, vendorScorecard } from '../../contracts/exceptions';
import { routingRulesInput, routingRulesView } from '../../contracts/routing';
import { routeAccess } from '../route-access';
import type { RouteDefinition } from '../route-definition';

export const analyticsRoutes = {
  vendorAnalytics: {
    ...routeAccess.vendorAnalytics,
    summary: 'Scorecards of every vendor for a period (default: the last 30 days), best score first; with the lines re-routing rescued across vendors',
    query: analyticsQuery,
    response: z.object({
      items: z.array(vendorScorecard),
      /** Across vendors: lines dropped, those another source took (rescued), and the drop rate customers saw. */
      rerouting: z.object({ linesSent: z.number(), linesDropped: z.number(), linesRescued: z.number(), dropRateSeenByCustomers: z.number().nullable() }),
      /** Across vendors: how the delivery promises made at the order held. */
      promiseAccuracy,
    }),
  },
  vendorAnalyticsOne: {
    ...routeAccess.vendorAnalyticsOne,
    summary: "One vendor's scorecard, with its change against the previous period of the same length",
    params: z.object({ vendorId: lookupId }), query: analyticsQuery, response: vendorScorecard,
  },
  getComplianceRules: {
    ...routeAccess.getComplianceRules,
    summary: 'The compliance rules: per late shipment, vendor cancellation (per line), invalid or late ship notice, missed carrier scan: an amount beyond an allowance', response: complianceRulesView,
  },
  putComplianceRules: {
    ...routeAccess.putComplianceRules,
    summary: 'Replace the compliance rules (a rule left out is off)', body: complianceRulesInput, response: complianceRulesView,
  },
  getRoutingRules: {
    ...routeAccess.getRoutingRules,
    summary: 'The re-routing rules: when a line a vendor drops goes to another source, and the limits (attempts, extra unit cost, approval)', response: routingRulesView,
  },
  putRoutingRules: {
    ...routeAccess.putRoutingRules,
    summary: 'Replace the re-routing rules (a part left out keeps its default)', body: routingRulesInput, response: routingRulesView,
  },
  listComplianceCharges: {
    ...routeAccess.listComplianceCharges,
    summary: "Each vendor's compliance charges for a period (default: the last 30 days; days in the vendor's own time zone), each listing the POs behind it; format=csv for the export",
    query: complianceQuery, response: z.object({ items: z.array(vendorChargesView) }),
  },
} as const satisfies Record<string, RouteDefinition & { readonly group: 'analytics' }>;
