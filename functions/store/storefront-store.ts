import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { storefrontKeys } from './keys';
import { getItem, type Table } from './table';

/** Where a storefront hears of its customers' returns, and the secret it checks our signature with. */
export interface StorefrontWebhook {
  storefrontId: string;
  url: string;
  signingSecret: string;
  updatedAt: string;
}

export const getStorefrontWebhook = (table: Table, storefrontId: string) => getItem<StorefrontWebhook>(table, storefrontKeys.webhook(storefrontId));

export async function putStorefrontWebhook(table: Table, webhook: StorefrontWebhook): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...storefrontKeys.webhook(webhook.storefrontId), entity: 'StorefrontWebhook', ...webhook } }));
}
