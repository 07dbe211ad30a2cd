import type { Dependencies } from '../dependencies';
import { DomainError } from '../domain/errors';
import type { Resolution } from '../domain/exceptions';
import { advance, cancelLines } from '../domain/purchase-order-lifecycle';
import { changeAndWake } from './change-purchase-order';

type Deps = Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>;

/** Ops send a PO whose transmission failed again: taking its token wakes the workflow, which routes the PENDING PO back to Transmit. */
export function retryTransmission(dependencies: Deps, poNumber: string, by: string, resolution?: Resolution) {
  return changeAndWake(dependencies, poNumber, (po) => {
    if (po.status !== 'PENDING' || !po.taskToken || !po.openExceptions?.TRANSMISSION_FAILED) {
      throw new DomainError('INVALID_TRANSITION', `Purchase order ${po.poNumber} is not waiting for a transmission retry`, [
        { field: 'status', rule: 'transition', message: `current status ${po.status}; a retry needs a failed transmission` },
      ]);
    }
    const { TRANSMISSION_FAILED: _failed, ...stillOpen } = po.openExceptions;
    const next = advance(po, { taskToken: undefined, ...(resolution && { openExceptions: stillOpen }) }, { by, at: dependencies.now() }, 'transmission retried');
    return { next: { ...next, taskToken: undefined }, response: null, ...(resolution && { resolution }) };
  });
}

/** Ops cancel a PO from an exception: every open line, the vendor told, the exceptions closed with the note. */
export function cancelPurchaseOrder(dependencies: Deps, poNumber: string, by: string, resolution: Resolution) {
  return changeAndWake(dependencies, poNumber, (po) => ({
    next: { ...cancelLines(po, 'ALL', resolution.note, { by, at: dependencies.now() }), openExceptions: {} },
    response: null,
    resolution,
  }));
}

/**
 * Ops give the vendor more time: the overdue deadline moves by `hours` and the exception closes,
 * so the SLA check raises it again if the new deadline passes too.
 */
export function extendDueDate(dependencies: Deps, poNumber: string, type: 'ACK_OVERDUE' | 'SHIP_OVERDUE', hours: number, by: string, resolution: Resolution) {
  return changeAndWake(dependencies, poNumber, (po) => {
    const field = type === 'ACK_OVERDUE' ? 'ackDueAt' : 'shipDueAt';
    const current = po[field];
    if (!current || !po.openExceptions?.[type]) {
      throw new DomainError('INVALID_TRANSITION', `Purchase order ${po.poNumber} has no open ${type} to extend`);
    }
    const { [type]: _closing, ...stillOpen } = po.openExceptions;
    const dueAt = new Date(Date.parse(current) + hours * 3_600_000).toISOString();
    const next = advance(
      po,
      { [field]: dueAt, openExceptions: stillOpen, raisedExceptions: (po.raisedExceptions ?? []).filter((t) => t !== type) },
      { by, at: dependencies.now() },
      `${field} extended by ${hours} h to ${dueAt}`,
    );
    return { next, response: null, resolution };
  });
}
