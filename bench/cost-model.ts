import { awsPrices, scheduledRunsPerMonth, typicalOrder } from './aws-prices';
import type { OperationCost } from './requests-per-operation';
import type { WorkflowPath } from './workflow-transitions';

export interface CostRow {
  ordersPerMonth: number;
  services: Record<string, number>;
  total: number;
  perThousandOrders: number;
}

/**
 * The monthly AWS bill for 1,000 / 100,000 / 10 million orders, from the DynamoDB units and state
 * transitions this benchmark measured and the list prices in aws-prices.ts.
 */
export function costModel(operations: readonly OperationCost[], workflow: readonly WorkflowPath[]): { perOrder: Record<string, number>; rows: CostRow[] } {
  const units = (prefix: string) => {
    const op = operations.find((o) => o.operation.startsWith(prefix));
    if (!op) throw new Error(`no measurement for ${prefix}`);
    return op;
  };
  const t = typicalOrder;
  const perPo = ['workflow: transmit', 'workflow: park for the acknowledgment', 'vendor acknowledgment', 'workflow: park for the shipment', 'vendor shipment'].map(units);
  const notifier = [
    units('notifier: order received'),
    ...Array(t.purchaseOrders * 2).fill(units('notifier: PO milestone')),
    ...Array(t.purchaseOrders).fill(units('notifier: a PO sent')),
    ...Array(t.notifierInvocations - 1 - t.purchaseOrders * 3).fill(units('notifier: a PO change')),
  ];
  const orderOps = [units('POST /orders (5 lines'), ...Array(t.storefrontReads).fill(units('GET /orders/{id}'))];
  const sum = (ops: readonly OperationCost[], field: 'readUnits' | 'writeUnits') => ops.reduce((total, op) => total + op[field], 0);
  const readUnits = sum(orderOps, 'readUnits') + t.purchaseOrders * sum(perPo, 'readUnits') + sum(notifier, 'readUnits') + t.dropshipPagesPerOrder * units('Dropship tab page (25').readUnits;
  const writeUnits = sum(orderOps, 'writeUnits') + t.purchaseOrders * sum(perPo, 'writeUnits') + sum(notifier, 'writeUnits');
  const apiCalls = 1 + t.storefrontReads + t.purchaseOrders * t.vendorCallsPerPo + t.dropshipPagesPerOrder;
  const invocations = apiCalls * (1 + t.authorizerMissRate) + t.purchaseOrders * 3 + t.notifierInvocations;
  const transitions = t.purchaseOrders * (workflow.find((w) => w.path.startsWith('happy'))?.transitions ?? 0);
  const perOrder = { apiCalls, lambdaInvocations: invocations, readUnits, writeUnits, stateTransitions: transitions, emails: t.emails, sms: t.emails * t.smsShare };

  const p = awsPrices;
  const rows = [1_000, 100_000, 10_000_000].map((orders): CostRow => {
    const gbSeconds = (orders * invocations + scheduledRunsPerMonth) * (t.lambdaMsPerInvocation / 1000) * t.lambdaMemoryGb;
    const storedGb = (orders * t.storedKbPerOrder) / 1024 / 1024;
    const services = {
      'API Gateway': (orders * apiCalls * p.apiGatewayRestPerMillionRequests) / 1e6,
      Lambda: ((orders * invocations + scheduledRunsPerMonth) * p.lambdaPerMillionRequests) / 1e6 + gbSeconds * p.lambdaArmPerGbSecond,
      'DynamoDB requests': (orders * readUnits * p.dynamoDbPerMillionReadRequestUnits + orders * writeUnits * p.dynamoDbPerMillionWriteRequestUnits) / 1e6,
      'DynamoDB storage + PITR (one month of orders)': storedGb * (p.dynamoDbStoragePerGbMonth + p.dynamoDbPitrPerGbMonth),
      'Step Functions': orders * transitions * p.stepFunctionsStandardPerTransition,
      SES: (orders * t.emails * p.sesPerThousandEmails) / 1000,
      'SNS SMS': orders * t.emails * t.smsShare * p.snsSmsUsPerMessage,
      'CloudWatch Logs': ((orders * t.logKbPerOrder) / 1024 / 1024) * p.cloudWatchLogsPerGbIngested,
    };
    const total = Object.values(services).reduce((a, b) => a + b, 0);
    return { ordersPerMonth: orders, services, total, perThousandOrders: (total / orders) * 1000 };
  });
  return { perOrder, rows };
}
