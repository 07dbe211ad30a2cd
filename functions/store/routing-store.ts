import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defaultRoutingRules, type RoutingRules } from '../domain/rerouting';
import { routingKeys } from './keys';
import { getItem, type Table } from './table';

type Stamped = RoutingRules & { updatedAt?: string; updatedBy?: string };

/** The retailer's re-routing rules; the defaults until ops save some. One GetItem. */
export async function getRoutingRules(table: Table): Promise<Stamped> {
  const item = await getItem<Stamped & { PK?: string; SK?: string; entity?: string }>(table, routingKeys.rules());
  if (!item) return defaultRoutingRules;
  const { PK: _pk, SK: _sk, entity: _entity, ...rules } = item;
  return rules;
}

export async function putRoutingRules(table: Table, rules: Stamped): Promise<Stamped> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...routingKeys.rules(), entity: 'RoutingRules', ...rules } }));
  return rules;
}
