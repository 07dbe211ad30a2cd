import { defaultDependencies, type Dependencies } from '../dependencies';
import { canWait, wakeOutput, type WaitFor } from '../domain/purchase-order-lifecycle';
import { logger } from '../logger';
import { openException } from '../domain/exceptions';
import { changePurchaseOrder } from '../store/purchase-order-store';
import { instrument } from '../observability';

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
    const at = deps.now();
    const change = await changePurchaseOrder(deps.table, event.poNumber, (po) => {
      if (!canWait(po, event.waitFor)) return { response: 'WAKE' as const };
      const parked = { ...po, taskToken: event.taskToken, version: po.version + 1, updatedAt: at.toISOString() };
      return {
        next: event.waitFor === 'TRANSMISSION_RETRY' ? openException(parked, 'TRANSMISSION_FAILED', causeOf(event.error), at) : parked,
        response: 'PARKED' as const,
      };
    });
    if (change.response === 'WAKE') await deps.workflow.wake(event.taskToken, wakeOutput(change.after));
    if (event.waitFor === 'TRANSMISSION_RETRY') {
      logger.warn('Transmission failed; waiting for ops', { poNumber: event.poNumber, vendorId: change.after.vendorId, error: event.error?.Error });
    }
  };
}

export const handler = instrument(createParkTask());
