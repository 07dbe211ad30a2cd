import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import type { PurchaseOrder } from '../domain/orders';
import { changePurchaseOrder, getPurchaseOrder } from '../store/purchase-order-store';
import { decideDroppedLines } from './rerouting';
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

/**
 * Ops' answer to dropped lines waiting for approval (re-routing rules with `requireApproval`):
 * approved, each moves to the source the rules name now (as the Reroute task would, in its one
 * transaction); declined, it stays closed with the note, and the customer hears it will not arrive.
 * Lines not waiting are refused, naming each.
 */
export async function answerRerouteApproval(
  dependencies: Dependencies,
  poNumber: string,
  answer: { lineNumbers: number[]; decision: 'APPROVE' | 'DECLINE'; note: string },
  by: string,
): Promise<PurchaseOrder> {
  const po = await getPurchaseOrder(dependencies.table, poNumber);
  if (!po) throw notFound('Purchase order', poNumber);
  const issues = answer.lineNumbers.flatMap((lineNumber, i) => {
    const line = po.lines.find((l) => l.lineNumber === lineNumber);
    return line?.reroute?.outcome === 'AWAITING_APPROVAL'
      ? []
      : [{ field: `lineNumbers.${i}`, rule: 'awaiting_approval', message: line ? `line ${lineNumber} is not waiting for approval (${line.reroute?.outcome ?? 'not dropped'})` : `line ${lineNumber} is not on ${poNumber}` }];
  });
  if (issues.length > 0) throw new DomainError('INVALID_TRANSITION', `Purchase order ${poNumber} has no such line waiting for a re-routing approval`, issues);
  if (answer.decision === 'APPROVE') return decideDroppedLines(dependencies, poNumber, answer.lineNumbers);
  const at = dependencies.now();
  const change = await changePurchaseOrder(dependencies.table, poNumber, (current) => {
    const waiting = current.lines.filter((l) => answer.lineNumbers.includes(l.lineNumber) && l.reroute?.outcome === 'AWAITING_APPROVAL');
    if (waiting.length === 0) return { response: null };
    const lines = current.lines.map((l) => (waiting.includes(l) ? { ...l, reroute: { outcome: 'NOT_REROUTED' as const, reason: `ops declined the move: ${answer.note}`, at: at.toISOString() } } : l));
    return { next: advance(current, { lines }, { by, at }, `line${waiting.length === 1 ? '' : 's'} ${waiting.map((l) => l.lineNumber).join(', ')} not re-routed: ops declined (${answer.note})`), response: null };
  });
  return change.after;
}
