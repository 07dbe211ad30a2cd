import { defaultDependencies, type Dependencies } from '../dependencies';
import { wakeOutput } from '../domain/purchase-order-lifecycle';
import { instrument } from '../observability';
import { decideDroppedLines } from '../services/rerouting';

/**
 * Task `Reroute`: decides each line the vendor dropped — another source by the rules, or why not —
 * and writes the decisions, the new POs, the order's lines pointing at them and their stock in one
 * transaction, then starts the new POs' workflows. It runs after NotifyVendor, so a line cancelled
 * for lateness moves only once the first vendor has been told. A race (another event on the PO, the
 * stock taken) decides again on what is there; a line already decided is never decided twice.
 */
export function createRerouteTask(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: { poNumber: string }) => wakeOutput(await decideDroppedLines(dependencies(), event.poNumber));
}

export const handler = instrument(createRerouteTask());
