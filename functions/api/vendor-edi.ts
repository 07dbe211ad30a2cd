import type { Principal } from '../contracts/api-keys';
import type { Dependencies } from '../dependencies';
import { DomainError, notFound } from '../domain/errors';
import { readAcknowledgment855 } from '../domain/x12/acknowledgment-855';
import { functionalAck997, segmentErrors, type SegmentError, type SetResult } from '../domain/x12/functional-ack-997';
import { readInterchange, X12EnvelopeError, X12SetError, type InboundInterchange, type InboundSet } from '../domain/x12/inbound';
import { readShipNotice856 } from '../domain/x12/ship-notice-856';
import { readInventory846 } from '../domain/x12/inventory-846';
import { applyInventoryFeed } from '../services/inventory-feeds';
import { acknowledgeAsVendor, shipAsVendor } from '../services/vendor-events';
import { getVendor } from '../store/catalog-store';
import { listPendingDocuments, markDocumentCollected, nextControlNumber } from '../store/edi-store';
import { messageKeys } from '../store/keys';
import { recordPoDocument } from '../store/po-document-store';
import { getPurchaseOrder } from '../store/purchase-order-store';
import { getItem } from '../store/table';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Vendor } from '../domain/catalog';
import { createApiHandler, type Operations } from './http/api-handler';
import { logger } from './http/logger';

const x12ContentType = 'application/edi-x12';

async function ediVendorOf(table: Dependencies['table'], principal: Principal): Promise<Vendor & { edi: NonNullable<Vendor['edi']> }> {
  const vendor = principal.vendorId ? await getVendor(table, principal.vendorId) : undefined;
  if (!vendor?.edi) throw new DomainError('FORBIDDEN', 'This key belongs to no vendor with EDI settings');
  return vendor as Vendor & { edi: NonNullable<Vendor['edi']> };
}

/** Applies one 855 or 856; its ISA and ST control numbers make the message key, so a replay applies nothing. */
async function applySet(dependencies: Dependencies, vendorId: string, interchange: InboundInterchange, set: InboundSet): Promise<void> {
  const messageKey = `X12#${interchange.controlNumber}#${set.controlNumber}`;
  const anchor = (tag: string) => set.segments.find((s) => s.tag === tag);
  try {
    if (set.id === '855') {
      const { poNumber, rejectAll, ...ack } = readAcknowledgment855(set);
      await acknowledgeAsVendor(dependencies, vendorId, poNumber, messageKey, (po) =>
        rejectAll
          ? { lines: po.lines.filter((l) => l.status !== 'CANCELLED').map((l) => ({ lineNumber: l.lineNumber, status: 'REJECTED' as const, reason: 'rejected by the vendor (855 BAK02 RJ)' })) }
          : ack,
      );
    } else if (set.id === '856') {
      const { poNumber, notice } = readShipNotice856(set);
      await shipAsVendor(dependencies, vendorId, poNumber, messageKey, notice);
    } else if (set.id === '846') {
      const result = await applyInventoryFeed(dependencies, vendorId, messageKey, readInventory846(set));
      const [bad] = result.rejected;
      if (bad) {
        // Good rows applied; the 997 names the first bad item's LIN so the vendor can find it.
        const lin = set.segments.filter((s) => s.tag === 'LIN')[bad.index];
        throw new X12SetError({ segment: 'LIN', position: lin?.position ?? 0, code: segmentErrors.dataElementErrors, message: `item ${bad.index + 1}: ${bad.reason}` }, true);
      }
    } else {
      throw new X12SetError({ segment: 'ST', position: 1, code: segmentErrors.unrecognized, message: `transaction set ${set.id} is not accepted here (855, 856, 846)` });
    }
  } catch (error) {
    if (error instanceof DomainError) {
      // A business refusal (unknown PO, wrong status, bad tracking number) rejects the set at its anchor segment.
      const segment = anchor(set.id === '855' ? 'BAK' : 'PRF') ?? anchor('ST');
      throw new X12SetError({ segment: segment?.tag ?? 'ST', position: segment?.position ?? 1, code: segmentErrors.dataElementErrors, message: `${error.code}: ${error.message}` });
    }
    throw error;
  }
}

async function resultOf(dependencies: Dependencies, vendorId: string, interchange: InboundInterchange, set: InboundSet): Promise<SetResult> {
  const result = { setId: set.id, controlNumber: set.controlNumber };
  if (interchange.syntaxError) return { ...result, errors: [interchange.syntaxError] };
  try {
    await applySet(dependencies, vendorId, interchange, set);
    return { ...result, errors: [] };
  } catch (error) {
    if (error instanceof X12SetError) return { ...result, errors: [error.error], appliedWithErrors: error.appliedWithErrors };
    throw error;
  }
}

/** The PO an inbound set is about: BAK03 on an 855, PRF01 on an 856. */
const poNumberOf = (set: InboundSet) =>
  set.id === '855' ? set.segments.find((s) => s.tag === 'BAK')?.elements[2] : set.id === '856' ? set.segments.find((s) => s.tag === 'PRF')?.elements[0] : undefined;

/** Each 855 and 856 (and the 997 that answered it) is kept beside its PO, when the PO is this vendor's. */
async function keepBesideTheirPurchaseOrders(dependencies: Dependencies, vendorId: string, interchange: InboundInterchange, results: SetResult[], answer: string, at: Date) {
  for (const [i, set] of interchange.sets.entries()) {
    const poNumber = poNumberOf(set);
    const po = poNumber ? await getPurchaseOrder(dependencies.table, poNumber) : undefined;
    if (!poNumber || po?.vendorId !== vendorId) continue;
    await recordPoDocument(dependencies.table, {
      poNumber,
      direction: 'IN',
      type: set.id,
      documentId: `${set.id}-${interchange.controlNumber}-${set.controlNumber}`,
      at: at.toISOString(),
      x12: set.segments.map((s) => [s.tag, ...s.elements].join('*')).join('~\n') + '~',
      acknowledgment: answer,
      accepted: (results[i]?.errors.length ?? 1) === 0 || results[i]?.appliedWithErrors === true,
    });
  }
}

export const operations: Operations<'vendorEdi'> = {
  async listOutboundDocuments({ query, principal }, { table }) {
    const vendor = await ediVendorOf(table, principal);
    const page = await listPendingDocuments(table, vendor.vendorId, query);
    return {
      body: {
        documents: page.items.map((d) => ({ id: d.documentId, type: d.type, poNumber: d.poNumber, x12: d.x12, createdAt: d.createdAt })),
        nextCursor: page.nextCursor,
      },
    };
  },

  async markDocumentReceived({ params, principal }, { table, now }) {
    const vendor = await ediVendorOf(table, principal);
    const document = await markDocumentCollected(table, vendor.vendorId, params.documentId, now().toISOString());
    if (!document?.collectedAt) throw notFound('Document', params.documentId);
    return { body: { id: document.documentId, collectedAt: document.collectedAt } };
  },

  async receiveX12({ body, principal }, dependencies) {
    const { table, now } = dependencies;
    const vendor = await ediVendorOf(table, principal);
    let interchange: InboundInterchange;
    try {
      interchange = readInterchange(body);
    } catch (error) {
      if (!(error instanceof X12EnvelopeError)) throw error;
      throw new DomainError('INVALID_X12', 'The interchange cannot be read, so no 997 can answer it', [{ field: 'body', rule: 'ISA', message: error.message }]);
    }
    if (interchange.senderId !== vendor.edi.senderId) {
      throw new DomainError('INVALID_X12', `ISA06 ${interchange.senderId} is not this vendor's sender id`, [{ field: 'body', rule: 'ISA06', message: `must be ${vendor.edi.senderId}` }]);
    }

    // The interchange control number identifies the document: a repeat gets the first 997 back.
    const messageKey = messageKeys.item(vendor.vendorId, `X12#${interchange.controlNumber}`);
    const earlier = await getItem<{ response: string }>(table, messageKey);
    if (earlier) return { contentType: x12ContentType, body: earlier.response };

    const results: SetResult[] = [];
    for (const set of interchange.sets) results.push(await resultOf(dependencies, vendor.vendorId, interchange, set));
    const at = now();
    const answer = functionalAck997(interchange.group, results, {
      sender: { qualifier: vendor.edi.qualifier, id: vendor.edi.receiverId },
      receiver: { qualifier: interchange.senderQualifier, id: interchange.senderId },
      controlNumber: await nextControlNumber(table, vendor.vendorId),
      at,
      usage: interchange.usage,
    });
    try {
      await table.db.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...messageKey, entity: 'Message', response: answer, receivedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const first = await getItem<{ response: string }>(table, messageKey);
      return { contentType: x12ContentType, body: first?.response ?? answer };
    }
    await keepBesideTheirPurchaseOrders(dependencies, vendor.vendorId, interchange, results, answer, at);
    const rejected = results.filter((r) => r.errors.length > 0);
    logger.info('X12 received', { vendorId: vendor.vendorId, sets: results.length, rejected: rejected.length, errors: rejected.flatMap((r) => r.errors.map((e: SegmentError) => e.segment)) });
    return { contentType: x12ContentType, body: answer };
  },
};

export const handler = createApiHandler(operations);
