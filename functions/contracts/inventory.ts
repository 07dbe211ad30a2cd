import * as z from 'zod';

/** Rows are checked one by one (bad rows are reported, good rows apply), so here only the envelope is strict. */
export const inventoryFeedInput = z.object({
  feedId: z.string().trim().min(1).max(100),
  items: z.array(z.unknown()).min(1).max(5000, { error: 'a feed holds at most 5,000 rows; send several feeds' }),
});

export const inventoryFeedResult = z.object({
  feedId: z.string(),
  applied: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), vendorSku: z.string().optional(), reason: z.string() })),
  receivedAt: z.string(),
});

export const vendorStockView = z.object({
  vendorSku: z.string(),
  available: z.number(),
  restockDate: z.string().nullable(),
  updatedAt: z.string(),
  feedId: z.string(),
  fresh: z.boolean(),
});

export const skuInventoryView = z.object({
  sku: z.string(),
  name: z.string(),
  sources: z.array(
    z.object({
      vendorId: z.string(),
      vendorSku: z.string(),
      active: z.boolean(),
      available: z.number().nullable(),
      restockDate: z.string().nullable(),
      updatedAt: z.string().nullable(),
      fresh: z.boolean(),
      stock: z.enum(['FRESH', 'UNKNOWN']),
    }),
  ),
});
