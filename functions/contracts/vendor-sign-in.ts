import * as z from 'zod';

export const signInLinkInput = z.object({ email: z.email({ error: 'must be an email address' }) });
export const signInLinkResult = z.object({ message: z.string() });
export const vendorSessionInput = z.object({ token: z.string().trim().min(20).max(200) });
export const vendorSessionView = z.object({
  /** Send as x-api-key: it acts as the vendor's key until `expiresAt`. */
  key: z.string(),
  vendorId: z.string(),
  expiresAt: z.string(),
});
