import * as z from 'zod';
import { vendorId } from './common';

export const roles = ['storefront', 'ops', 'vendor', 'carrier'] as const;
export type Role = (typeof roles)[number];

export const createApiKeyInput = z
  .object({
    role: z.enum(roles),
    vendorId: vendorId.optional(),
    storefrontId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/).optional(),
    description: z.string().trim().max(200).optional(),
  })
  .superRefine((key, ctx) => {
    if (key.role === 'vendor' && !key.vendorId) {
      ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'is required for a vendor key' });
    }
    if (key.role !== 'vendor' && key.vendorId) {
      ctx.addIssue({ code: 'custom', path: ['vendorId'], message: 'is only allowed on a vendor key' });
    }
    if (key.role !== 'storefront' && key.storefrontId) {
      ctx.addIssue({ code: 'custom', path: ['storefrontId'], message: 'is only allowed on a storefront key' });
    }
  });

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyView = z.object({
  keyId: z.string(),
  role: z.enum(roles),
  vendorId: z.string().optional(),
  storefrontId: z.string().optional(),
  description: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

export type ApiKeyView = z.infer<typeof apiKeyView>;

/** The principal a key stands for, passed from the authorizer to every handler. */
export interface Principal {
  keyId: string;
  role: Role;
  vendorId?: string;
  storefrontId?: string;
  /** A vendor portal session (a person signed in by email), not a key the vendor's own system holds. */
  session?: boolean;
}
