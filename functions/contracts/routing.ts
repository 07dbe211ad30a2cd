import * as z from 'zod';
import { defaultRoutingRules } from '../domain/rerouting';

const toggle = z.object({ enabled: z.boolean() }).strict();

/** The re-routing rules (docs/ops-guide.md, "Re-routing"): a part left out keeps its default. */
export const routingRulesInput = z
  .object({
    onRejection: z
      .object({
        enabled: z.boolean(),
        /** Only rejections whose reason contains one of these (any case): "out of stock", "discontinued" …; null: every rejection. */
        reasons: z.array(z.string().trim().min(1).max(80)).min(1).max(20).nullable().default(null),
      })
      .strict()
      .default(defaultRoutingRules.onRejection),
    onBackorder: z.object({ enabled: z.boolean(), laterThanDays: z.number().int().min(0).max(365) }).strict().default(defaultRoutingRules.onBackorder),
    onAckTimeout: toggle.default(defaultRoutingRules.onAckTimeout),
    onVendorCancellation: toggle.default(defaultRoutingRules.onVendorCancellation),
    maxAttempts: z.number().int().min(1).max(5).default(defaultRoutingRules.maxAttempts),
    maxExtraUnitCost: z
      .object({
        /** Minor units of the PO's currency, per unit. */
        amount: z.number().int().min(0).nullable(),
        percent: z.number().min(0).max(1000).nullable(),
      })
      .strict()
      .default(defaultRoutingRules.maxExtraUnitCost),
    requireApproval: z.boolean().default(defaultRoutingRules.requireApproval),
  })
  .strict();

export const routingRulesView = routingRulesInput.extend({ updatedAt: z.string().optional(), updatedBy: z.string().optional() });
