import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import { DomainError } from '../domain/errors';
import { acknowledgmentFrom855, purchaseOrderOf855 } from '../domain/x12/acknowledgment-855';
import { elementErrors, interchangeNotes, segmentErrors, setErrors } from '../domain/x12/codes';
import { interchange } from '../domain/x12/envelope';
import { functionalAck, interchangeAck, setStatus, type GroupVerdict, type SetVerdict } from '../domain/x12/functional-acks';
import { readFunctionalAck } from '../domain/x12/functional-ack-in';
import { readInventory846 } from '../domain/x12/inventory-846';
import { readInterchanges, X12EnvelopeError, type InboundInterchange, type InboundSet, type Segment } from '../domain/x12/read-interchange';
import { problemAt, X12Refusal, type SetProblem } from '../domain/x12/set-problem';
import { readShipNotice856, shipmentFor } from '../domain/x12/ship-notice-856';
import { logger } from '../logger';
import { recordEdiDocuments, type EdiDocument, type Transport } from '../store/edi-log-store';
import { getOutboundByControl, nextControlNumber } from '../store/edi-store';
import { messageKeys } from '../store/keys';
import { recordPoDocument } from '../store/po-document-store';
import { getPurchaseOrder } from '../store/purchase-order-store';
import { getItem } from '../store/table';
import { raiseVendorException } from '../store/vendor-exception-store';
import { announce } from './alerts';
import { applyInventoryFeed } from './inventory-feeds';
import { acknowledgeAsVendor, ownedBy, shipAsVendor } from './vendor-events';
import { invoiceFrom810, purchaseOrderOf810 } from '../domain/x12/invoice-810';
import { submitInvoice } from './invoicing';
import { looksLikeOurRma, read180 } from '../domain/x12/return-180';
import { answerReturnBy180 } from './returns';
import { getReturn } from '../store/return-store';

type Deps = Pick<Dependencies, 'table' | 'workflow' | 'now' | 'alerts'>;

/** A partner's 997 or 999 about our documents: kept, never answered, never about a live change. */
const isFunctionalAck = (set: InboundSet) => set.id === '997' || set.id === '999';
export type EdiVendor = Vendor & { edi: NonNullable<Vendor['edi']> };

/** What became of one set, with the POs it was about. */
interface SetResult {
  groupControl: string;
  set: InboundSet;
  verdict: SetVerdict;
  poNumbers: string[];
  /** Words for the log beyond the problems (a partner's 997 verdict on our document). */
  notes: string[];
}

/** A domain refusal (unknown PO, wrong status, bad tracking) as a problem at the segment that named the PO. */
function problemFromDomain(error: DomainError, segment: Segment | undefined, tag: string, poNumber: string): SetProblem {
  const details = error.details.map((d) => `${d.field} ${d.message}`).join('; ');
  const reason = `PO ${poNumber}: ${error.code === 'NOT_FOUND' ? `no purchase order ${poNumber} for this vendor` : error.message}${details ? ` (${details})` : ''}`;
  const element = segment?.tag === 'BAK' ? 3 : segment?.tag === 'BIG' ? 4 : 1;
  return problemAt(segment, tag, reason, error.code === 'NOT_FOUND' ? { element, elementCode: elementErrors.invalidCode, badData: poNumber } : {});
}

const refusalOf = (error: unknown, segment: Segment | undefined, tag: string, poNumber: string): SetProblem[] => {
  if (error instanceof X12Refusal) return error.problems;
  if (error instanceof DomainError) return [problemFromDomain(error, segment, tag, poNumber)];
  throw error;
};

const verdict = (set: InboundSet, applied: SetVerdict['applied'], problems: SetProblem[], setError?: string): SetVerdict => ({
  setId: set.id,
  controlNumber: set.controlNumber,
  applied,
  problems,
  ...(setError && { setError }),
});

async function applySet(deps: Deps, vendorId: string, ic: InboundInterchange, groupControl: string, set: InboundSet): Promise<Omit<SetResult, 'groupControl' | 'set'>> {
  const messageKey = `X12#${ic.controlNumber}#${groupControl}#${set.controlNumber}`;
  const st = set.segments[0];
  // A test interchange (ISA15 T) may answer a certification run's test POs; it never changes stock.
  if (ic.usage === 'T' && set.id === '846') {
    const reason = 'ISA15 is T (test): a test interchange does not change stock; send inventory with ISA15 P';
    return { verdict: verdict(set, 'NONE', [problemAt(st, 'ST', reason, { code: segmentErrors.dataElementErrors })]), poNumbers: [], notes: [] };
  }
  const origin = { restatementIsDuplicate: true, usage: ic.usage };
  try {
    if (set.id === '855') {
      const { poNumber, segment } = purchaseOrderOf855(set);
      try {
        await acknowledgeAsVendor(deps, vendorId, poNumber, messageKey, (po) => acknowledgmentFrom855(set, po), origin);
        return { verdict: verdict(set, 'ALL', []), poNumbers: [poNumber], notes: [] };
      } catch (error) {
        return { verdict: verdict(set, 'NONE', refusalOf(error, segment, 'BAK', poNumber)), poNumbers: [poNumber], notes: [] };
      }
    }
    if (set.id === '856') {
      const notice = readShipNotice856(set);
      const problems: SetProblem[] = [];
      let applied = 0;
      for (const part of notice.parts) {
        try {
          await shipAsVendor(deps, vendorId, part.poNumber, `${messageKey}#${part.poNumber}`, (po) => shipmentFor(notice, part, po), origin);
          applied++;
        } catch (error) {
          problems.push(...refusalOf(error, part.segment, 'PRF', part.poNumber));
        }
      }
      // Each PO's part stands alone: a refused part leaves the others applied (AK5 E names it).
      return { verdict: verdict(set, applied === 0 ? 'NONE' : problems.length ? 'PART' : 'ALL', problems), poNumbers: notice.parts.map((p) => p.poNumber), notes: [] };
    }
    if (set.id === '810') {
      const { poNumber, segment } = purchaseOrderOf810(set);
      if (ic.usage === 'T') {
        return { verdict: verdict(set, 'NONE', [problemAt(st, 'ST', 'ISA15 is T (test): a test interchange is not invoiced; send invoices with ISA15 P', { code: segmentErrors.dataElementErrors })]), poNumbers: [poNumber], notes: [] };
      }
      try {
        const po = ownedBy(await getPurchaseOrder(deps.table, poNumber), vendorId, poNumber);
        const { invoice, duplicate } = await submitInvoice(deps, vendorId, invoiceFrom810(set, po), 'EDI');
        // The 810 is well formed and taken (997 accepted); a dispute is business, said in the log, the portal and the API.
        const outcome = `invoice ${invoice.invoiceNumber} ${duplicate ? 'already received: ' : ''}${invoice.status.toLowerCase()}${invoice.match.disputes.length ? `: ${invoice.match.disputes.map((d) => d.message).join('; ')}` : ''}`;
        return { verdict: verdict(set, 'ALL', []), poNumbers: [poNumber], notes: [outcome] };
      } catch (error) {
        return { verdict: verdict(set, 'NONE', refusalOf(error, segment, 'BIG', poNumber)), poNumbers: [poNumber], notes: [] };
      }
    }
    if (set.id === '180') {
      if (ic.usage === 'T') {
        return { verdict: verdict(set, 'NONE', [problemAt(st, 'ST', 'ISA15 is T (test): a test interchange does not answer returns; send it with ISA15 P', { code: segmentErrors.dataElementErrors })]), poNumbers: [], notes: [] };
      }
      const reading = read180(set);
      try {
        const { record, outcome } = await answerReturnBy180(deps, vendorId, reading, messageKey);
        return { verdict: verdict(set, 'ALL', []), poNumbers: [record.poNumber], notes: [outcome] };
      } catch (error) {
        // A refusal shows on the PO of the return it names (this vendor's), else of the PO it names.
        const rma = reading.references.find((r) => looksLikeOurRma(r.value));
        const named = rma ? await getReturn(deps.table, rma.value.toUpperCase()) : undefined;
        const poNumbers = named?.vendorId === vendorId ? [named.poNumber] : reading.poNumber ? [reading.poNumber.value] : [];
        if (error instanceof X12Refusal) return { verdict: verdict(set, 'NONE', error.problems), poNumbers, notes: [] };
        if (!(error instanceof DomainError)) throw error;
        const about = rma ? rma.value : `PO ${reading.poNumber?.value ?? '(none named)'}`;
        const details = error.details.map((d) => `${d.field} ${d.message}`).join('; ');
        const missing = error.code === 'NOT_FOUND';
        const reason = missing ? `no ${rma ? `return ${rma.value}` : `open return on ${about}`} for this vendor` : `${about}: ${error.message}${details ? ` (${details})` : ''}`;
        const at = rma ?? (reading.poNumber && { ...reading.poNumber, element: 1 });
        const problem = problemAt(at?.segment ?? st, at?.segment.tag ?? 'BGN', reason, missing && at ? { element: at.element, elementCode: elementErrors.invalidCode, badData: at.value } : {});
        return { verdict: verdict(set, 'NONE', [problem]), poNumbers, notes: [] };
      }
    }
    if (set.id === '846') {
      const rows = readInventory846(set);
      const result = await applyInventoryFeed(deps, vendorId, messageKey, rows);
      const lins = set.segments.filter((s) => s.tag === 'LIN');
      const problems = result.rejected.map((bad) => problemAt(lins[bad.index], 'LIN', `item ${bad.index + 1}: ${bad.reason}`, { loopId: 'LIN' }));
      return { verdict: verdict(set, result.applied === 0 && rows.length > 0 ? 'NONE' : problems.length ? 'PART' : 'ALL', problems), poNumbers: [], notes: [] };
    }
    if (isFunctionalAck(set)) {
      const reading = readFunctionalAck(set);
      const ours = await getOutboundByControl(deps.table, vendorId, reading.groupControl);
      const accepted = reading.groupStatus === 'A' || reading.groupStatus === 'E';
      const errors = reading.sets.flatMap((s) => s.errors);
      const about = ours && (ours.poNumber ? `${ours.type} for ${ours.poNumber}` : `${ours.type} ${ours.documentId}`);
      const note = `the vendor ${accepted ? 'accepted' : 'rejected'} our group ${reading.groupControl}${about ? ` (${about})` : ' (no document of ours has that control number)'}${errors.length ? `: ${errors.join('; ')}` : ''}`;
      if (ours?.poNumber) {
        await recordPoDocument(deps.table, {
          poNumber: ours.poNumber, direction: 'IN', type: set.id, documentId: `${set.id}-${ic.controlNumber}-${set.controlNumber}`, at: deps.now().toISOString(),
          x12: setText(set, ic), accepted, reasons: [note],
        });
      }
      return { verdict: verdict(set, 'ALL', []), poNumbers: ours?.poNumber ? [ours.poNumber] : [], notes: [note] };
    }
    return { verdict: verdict(set, 'NONE', [problemAt(st, 'ST', `transaction set ${set.id} is not one we take (855, 856, 810, 180, 846, 997, 999)`, { code: segmentErrors.unrecognized })], setErrors.notSupported), poNumbers: [], notes: [] };
  } catch (error) {
    if (error instanceof X12Refusal) return { verdict: verdict(set, 'NONE', error.problems), poNumbers: [], notes: [] };
    throw error;
  }
}

/**
 * What the log and the PO page keep of a set: the whole interchange as received when it holds
 * only this set, else the set's own segments in the partner's separators (a batch of 500 846s is
 * not copied 500 times).
 */
const setText = (set: InboundSet, ic: InboundInterchange) =>
  ic.groups.flatMap((g) => g.sets).length === 1
    ? ic.text
    : set.segments.map((s) => [s.tag, ...s.elements].join(ic.separators.element) + ic.separators.segment).join('\n');

/** A refused envelope: nothing applies; the verdicts say where the fault is. */
function faultVerdicts(ic: InboundInterchange): SetResult[] {
  const fault = ic.fault;
  return ic.groups.flatMap((group) =>
    group.sets.map((set) => {
      const here = fault?.level === 'SET' && fault.setControl === set.controlNumber && fault.groupControl === group.controlNumber;
      const problems = here && fault.position ? [problemAt(set.segments[fault.position - 1], fault.segment, fault.message, { ...(fault.element !== undefined && { element: fault.element }), ...(fault.elementCode && { elementCode: fault.elementCode }), ...(fault.badData !== undefined && { badData: fault.badData }) })] : [];
      const reason = here ? fault.message : `not applied: ${fault?.message ?? 'the envelope is at fault'}`;
      return { groupControl: group.controlNumber, set, verdict: { ...verdict(set, 'NONE', problems, here ? fault.code : undefined), problems: problems.length ? problems : [{ segment: fault?.segment ?? 'SE', position: 0, code: segmentErrors.dataElementErrors, reason }] }, poNumbers: [], notes: [] };
    }),
  );
}

/** The answer to one interchange: a TA1 when asked for or when the envelope is at fault, and a 997/999 per group (none for the partner's own 997s). */
function answerFor(vendor: EdiVendor, ic: InboundInterchange, results: SetResult[], controlNumber: number, at: Date): string {
  const kind = vendor.edi.functionalAck === '999' ? '999' : '997';
  const fault = ic.fault;
  const ta1 = fault?.level === 'INTERCHANGE' ? interchangeAck(ic, 'R', fault.code) : ic.ackRequested ? interchangeAck(ic, 'A', interchangeNotes.none) : undefined;
  const groups: GroupVerdict[] =
    fault?.level === 'INTERCHANGE'
      ? []
      : ic.groups
          .filter((group) => group.functionalId !== 'FA')
          .map((group) => ({
            functionalId: group.functionalId,
            controlNumber: group.controlNumber,
            version: group.version,
            sets: results.filter((r) => r.groupControl === group.controlNumber).map((r) => r.verdict),
            ...(fault?.level === 'GROUP' && fault.groupControl === group.controlNumber && { groupError: fault.code }),
          }));
  if (!ta1 && groups.length === 0) return '';
  return interchange(
    {
      sender: { qualifier: vendor.edi.qualifier, id: vendor.edi.receiverId },
      receiver: { qualifier: ic.senderQualifier, id: ic.senderId },
      functionalId: 'FA',
      controlNumber,
      at,
      usage: ic.usage,
      version: vendor.edi.version ?? '004010',
    },
    groups.map((group) => functionalAck(kind, group)),
    ta1 ? { ta1 } : {},
  );
}

const outcomeOf = (v: SetVerdict) => (setStatus(v) === 'A' ? 'ACCEPTED' : setStatus(v) === 'E' ? 'PARTIAL' : 'REJECTED') as 'ACCEPTED' | 'PARTIAL' | 'REJECTED';

/** Keeps what happened where ops and the vendor look: the EDI log, each PO's page, one EDI_REJECTED exception per vendor, the log line. */
async function record(deps: Deps, vendorId: string, ic: InboundInterchange, results: SetResult[], answer: string, at: Date, transport?: Transport): Promise<void> {
  const base = { vendorId, direction: 'IN' as const, at: at.toISOString(), interchangeControl: ic.controlNumber, test: ic.usage === 'T', answer, ...transport };
  const documents: EdiDocument[] =
    ic.fault?.level === 'INTERCHANGE'
      ? [{ ...base, documentId: `IN-${vendorId}-${ic.controlNumber}`, type: 'ISA', poNumbers: [], outcome: 'REJECTED', accepted: false, reasons: [ic.fault.message], x12: ic.text }]
      : results.map((r) => ({
          ...base,
          documentId: `IN-${vendorId}-${ic.controlNumber}-${r.groupControl}-${r.set.controlNumber}`,
          type: r.set.id,
          groupControl: r.groupControl,
          setControl: r.set.controlNumber,
          poNumbers: r.poNumbers,
          outcome: outcomeOf(r.verdict),
          accepted: outcomeOf(r.verdict) === 'ACCEPTED',
          reasons: [...r.verdict.problems.map((p) => p.reason), ...r.notes],
          x12: setText(r.set, ic),
        }));
  await recordEdiDocuments(deps.table, documents);

  for (const r of results.filter((r) => !isFunctionalAck(r.set))) {
    for (const poNumber of r.poNumbers) {
      const po = await getPurchaseOrder(deps.table, poNumber);
      if (po?.vendorId !== vendorId) continue;
      const problems = r.verdict.problems.map((p) => p.reason).filter((reason) => r.poNumbers.length === 1 || reason.includes(poNumber));
      // Notes (an invoice's dispute) show beside the document; only problems make it refused.
      await recordPoDocument(deps.table, {
        poNumber, direction: 'IN', type: r.set.id, documentId: `${r.set.id}-${ic.controlNumber}-${r.set.controlNumber}`, at: base.at,
        x12: setText(r.set, ic), acknowledgment: answer, accepted: problems.length === 0 && r.verdict.applied !== 'NONE', reasons: [...problems, ...r.notes],
      });
    }
  }

  const refused = documents.filter((d) => d.outcome !== 'ACCEPTED');
  // A test interchange's refusals show on its test POs and in the EDI log, not in the Exceptions tab.
  if (refused.length && ic.usage === 'P') {
    const detail = refused.map((d) => `${d.type} ${d.interchangeControl}${d.setControl ? `/${d.setControl}` : ''}: ${d.reasons.join('; ')}`).join(' | ').slice(0, 1000);
    const opened = await raiseVendorException(deps.table, vendorId, 'EDI_REJECTED', detail, at);
    if (opened) await announce(deps.alerts, [opened]);
  }
  // Reasons name segments, PO numbers and item ids, never the ship-to's name or address.
  logger[refused.length ? 'warn' : 'info']('X12 received', {
    vendorId,
    interchange: ic.controlNumber,
    sets: results.length,
    refused: refused.length,
    reasons: refused.flatMap((d) => d.reasons).slice(0, 20),
  });
}

async function receiveInterchange(deps: Deps, vendor: EdiVendor, ic: InboundInterchange, transport?: Transport): Promise<string> {
  const { table } = deps;
  // ISA13 identifies the interchange per sender: a repeat gets the first answer and applies nothing.
  const key = messageKeys.item(vendor.vendorId, `X12#${ic.controlNumber}`);
  const earlier = await getItem<{ response: string }>(table, key);
  if (earlier) return earlier.response;

  const results: SetResult[] = [];
  if (ic.fault) results.push(...faultVerdicts(ic));
  else {
    for (const group of ic.groups) {
      for (const set of group.sets) results.push({ groupControl: group.controlNumber, set, ...(await applySet(deps, vendor.vendorId, ic, group.controlNumber, set)) });
    }
  }
  const at = deps.now();
  const answer = answerFor(vendor, ic, results, await nextControlNumber(table, vendor.vendorId), at);
  try {
    await table.db.send(new PutCommand({ TableName: table.name, Item: { ...key, entity: 'Message', response: answer, receivedAt: at.toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return (await getItem<{ response: string }>(table, key))?.response ?? answer;
  }
  await record(deps, vendor.vendorId, ic, results, answer, at, transport);
  return answer;
}

/** Something refused before any set could be read: kept in the EDI log and the vendor's EDI_REJECTED exception. */
export async function logRefusedWhole(deps: Deps, vendorId: string, raw: string, message: string, transport?: Transport): Promise<void> {
  const at = deps.now();
  await recordEdiDocuments(deps.table, [
    { documentId: `IN-${vendorId}-${at.getTime()}`, vendorId, direction: 'IN', type: 'ISA', at: at.toISOString(), interchangeControl: '', poNumbers: [], outcome: 'REJECTED', accepted: false, reasons: [message], test: false, x12: raw, ...transport },
  ]);
  const opened = await raiseVendorException(deps.table, vendorId, 'EDI_REJECTED', `unreadable document${transport?.fileName ? ` ${transport.fileName}` : ''}: ${message}`, at);
  if (opened) await announce(deps.alerts, [opened]);
  logger.warn('X12 refused whole', { vendorId, reason: message, ...(transport && { transport: transport.transport }) });
}

/** A body that is not X12 at all, or from another sender: refused with a 400, and still logged for ops. */
async function refuseWhole(deps: Deps, vendorId: string, raw: string, rule: string, message: string): Promise<never> {
  await logRefusedWhole(deps, vendorId, raw, message);
  throw new DomainError('INVALID_X12', `The document cannot be answered with a 997: ${message}`, [{ field: 'body', rule, message }]);
}

/**
 * Applies interchanges already routed to their vendor (by its key, or by ISA sender on a
 * connection) and answers each: the answers in the order received, '' where none is due.
 */
export async function receiveInterchanges(deps: Deps, vendor: EdiVendor, interchanges: readonly InboundInterchange[], transport?: Transport): Promise<string[]> {
  const answers: string[] = [];
  for (const ic of interchanges) answers.push(await receiveInterchange(deps, vendor, ic, transport));
  return answers;
}

/**
 * Receives a body of X12 from an EDI vendor: every interchange in it is read whatever its dress,
 * applied set by set, and answered (997 or 999 per group, TA1 when asked or when the envelope is
 * at fault). The answers come back in one body, in the order received.
 */
export async function receiveX12(deps: Deps, vendor: EdiVendor, raw: string): Promise<string> {
  let interchanges: InboundInterchange[];
  try {
    interchanges = readInterchanges(raw);
  } catch (error) {
    if (!(error instanceof X12EnvelopeError)) throw error;
    return refuseWhole(deps, vendor.vendorId, raw, 'ISA', error.message);
  }
  const foreign = interchanges.find((ic) => ic.senderId !== vendor.edi.senderId);
  if (foreign) return refuseWhole(deps, vendor.vendorId, raw, 'ISA06', `ISA06 ${foreign.senderId} is not this vendor's sender id ${vendor.edi.senderId}`);
  return (await receiveInterchanges(deps, vendor, interchanges, { transport: 'HTTPS' })).filter(Boolean).join('\n');
}
