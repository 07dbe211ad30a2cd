import { defaultDependencies, type Dependencies } from '../dependencies';
import { canWait, wakeOutput, type WaitFor } from '../domain/purchase-order-lifecycle';
import { logger } from '../api/http/logger';
import { exceptionToItem } from '../store/exception-store';
import { changePurchaseOrder } from '../store/purchase-order-store';

export interface ParkEvent {
  poNumber: string;
  taskToken: string;
  waitFor: WaitFor;
  /** From the Catch of a failed transmission: Step Functions' Error and Cause. */
  error?: { Error?: string; Cause?: string };
}

/** Lambda puts a thrown error in Cause as JSON; ops want its message. */
const causeOf = (error: ParkEvent['error']): string => {
  try {
    const cause = JSON.parse(error?.Cause ?? '') as { errorMessage?: string };
    return cause.errorMessage ?? error?.Cause ?? 'unknown';
  } catch {
    return error?.Cause ?? error?.Error ?? 'unknown';
  }
};

/**
 * Tasks `WaitFor…` and `AwaitTransmissionRetry`: keeps the execution's task token on the PO while
 * it waits. When the PO has already moved on (the vendor answered before the token got here), the
 * execution is woken at once instead, so no answer is ever missed.
 */
export function createParkTask(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: ParkEvent): Promise<void> => {
    const deps = dependencies();
    const at = deps.now().toISOString();
    const change = await changePurchaseOrder(deps.table, event.poNumber, (po) =>
      canWait(po, event.waitFor)
        ? {
            next: { ...po, taskToken: event.taskToken, version: po.version + 1 },
            response: 'PARKED' as const,
            items:
              event.waitFor === 'TRANSMISSION_RETRY'
                ? [exceptionToItem({ poNumber: po.poNumber, orderId: po.orderId, vendorId: po.vendorId, type: 'TRANSMISSION_FAILED', status: 'OPEN', detail: causeOf(event.error), openedAt: at })]
                : [],
          }
        : { response: 'WAKE' as const },
    );
    if (change.response === 'WAKE') await deps.workflow.wake(event.taskToken, wakeOutput(change.after));
    if (event.waitFor === 'TRANSMISSION_RETRY') {
      logger.warn('Transmission failed; waiting for ops', { poNumber: event.poNumber, vendorId: change.after.vendorId, error: event.error?.Error });
    }
  };
}

export const handler = createParkTask();
