import { loadConfig } from '../config';
import { randomUUID } from 'node:crypto';
import type { Dependencies } from '../dependencies';
import type { Vendor } from '../domain/catalog';
import type { PurchaseOrder, VendorNotice } from '../domain/orders';
import { signWebhook, webhookHeaders } from '../domain/webhook-signature';
import { changeOrder860 } from '../domain/x12/change-order-860';
import type { EnvelopeSettings } from '../domain/x12/envelope';
import { purchaseOrder850 } from '../domain/x12/purchase-order-850';
import { getOutboundDocument, nextControlNumber, putOutboundDocument, type OutboundDocument } from '../store/edi-store';
import type { Remittance } from '../domain/payables';
import { remittance820 } from '../domain/x12/remittance-820';
import { returnRequest180 } from '../domain/x12/return-180';
import type { ReturnRecord } from '../domain/returns';
import { toPurchaseOrderView } from './order-views';
import { TransmissionError, VendorRefusedError } from './transmission-errors';
import { deliverOverConnection } from './connection-delivery';

async function post(dependencies: Pick<Dependencies, 'fetch'>, url: string, body: string, headers: Record<string, string>): Promise<void> {
  let response: Response;
  try {
    response = await dependencies.fetch(url, { method: 'POST', body, headers });
  } catch (error) {
    throw new TransmissionError(`could not reach ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status >= 500 || response.status === 429) throw new TransmissionError(`${new URL(url).host} answered ${response.status}`);
  if (response.status >= 400) throw new VendorRefusedError(`${new URL(url).host} refused the message with ${response.status}`);
}

/** A signed JSON webhook (`x-dropship-signature`), to a vendor or a storefront; a 5xx or no answer is worth retrying, a 4xx is a refusal. */
export async function postSignedWebhook(dependencies: Pick<Dependencies, 'fetch' | 'now'>, url: string, secret: string, event: string, payload: object): Promise<void> {
  const body = JSON.stringify({ event, ...payload });
  const timestamp = Math.floor(dependencies.now().getTime() / 1000);
  await post(dependencies, url, body, {
    'content-type': 'application/json',
    [webhookHeaders.event]: event,
    [webhookHeaders.delivery]: randomUUID(),
    [webhookHeaders.timestamp]: String(timestamp),
    [webhookHeaders.signature]: signWebhook(secret, timestamp, body),
  });
}

async function sendWebhook(dependencies: Pick<Dependencies, 'fetch' | 'now'>, vendor: Vendor, event: string, payload: unknown): Promise<void> {
  const url = vendor.api?.webhookUrl;
  const secret = vendor.api?.signingSecret;
  if (!url || !secret) return; // a pull-only vendor reads GET /vendor/purchase-orders
  await postSignedWebhook(dependencies, url, secret, event, payload as object);
}

/** Our envelope to the vendor: ISA15 T for a certification run's test POs, P for everything else. */
function envelopeFor(vendor: Vendor, test: boolean, controlNumber: number, at: Date): Omit<EnvelopeSettings, 'functionalId'> {
  const edi = vendor.edi;
  if (!edi) throw new VendorRefusedError(`vendor ${vendor.vendorId} has no EDI settings`);
  return {
    sender: { qualifier: edi.qualifier, id: edi.receiverId },
    receiver: { qualifier: edi.qualifier, id: edi.senderId },
    controlNumber,
    at,
    usage: test ? 'T' : 'P',
    version: edi.version ?? '004010',
  };
}

/**
 * Stores an X12 document for the vendor to collect (GET /vendor/edi/outbound), pushing it to the
 * vendor's endpoint when it has one. The document id is fixed per PO and purpose, so a retried
 * transmission sends the same document with the same control number, never a second one.
 */
async function sendX12(
  dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>,
  vendor: Vendor,
  subject: { poNumber: string; test?: unknown },
  document: { id: string; type: OutboundDocument['type']; build: (envelope: Omit<EnvelopeSettings, 'functionalId'>) => string },
): Promise<void> {
  const { table, now } = dependencies;
  let stored = await getOutboundDocument(table, vendor.vendorId, document.id);
  if (!stored) {
    const at = now();
    const controlNumber = await nextControlNumber(table, vendor.vendorId);
    stored = await putOutboundDocument(table, {
      documentId: document.id,
      vendorId: vendor.vendorId,
      type: document.type,
      poNumber: subject.poNumber,
      x12: document.build(envelopeFor(vendor, Boolean(subject.test), controlNumber, at)),
      controlNumber,
      createdAt: at.toISOString(),
    }, { collect: !vendor.edi?.connectionId });
  }
  if (vendor.edi?.connectionId) await deliverOverConnection(dependencies, vendor, stored);
  else if (vendor.edi?.endpointUrl) await post(dependencies, vendor.edi.endpointUrl, stored.x12, { 'content-type': 'application/edi-x12' });
}

/** Sends a new PO over the vendor's channel. Returns the line numbers the vendor was sent. */
export async function transmitPurchaseOrder(dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>, vendor: Vendor, po: PurchaseOrder): Promise<number[]> {
  const sentLines = po.lines.filter((line) => line.status !== 'CANCELLED').map((line) => line.lineNumber);
  if (vendor.channel === 'PORTAL') {
    // Nothing to send: the PO is in the vendor portal, and the notifier emails the vendor about it.
  } else if (vendor.channel === 'EDI') {
    await sendX12(dependencies, vendor, po, { id: `850-${po.poNumber}`, type: '850', build: (envelope) => purchaseOrder850(po, envelope, { soldBy: loadConfig().RETAILER_NAME }) });
  } else {
    await sendWebhook(dependencies, vendor, 'purchase_order.created', { purchaseOrder: toPurchaseOrderView(po) });
  }
  return sentLines;
}

/** Tells the vendor about cancelled lines: an 860 for EDI vendors, a webhook for API vendors, an email (by the notifier) for portal vendors. */
export async function sendVendorNotice(
  dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>,
  vendor: Vendor,
  po: PurchaseOrder,
  notice: VendorNotice,
): Promise<void> {
  if (vendor.channel === 'PORTAL') return; // the notifier emails the cancellation request
  if (vendor.channel === 'EDI') {
    const id = `860-${po.poNumber}-v${po.version}`;
    await sendX12(dependencies, vendor, po, { id, type: '860', build: (envelope) => changeOrder860(po, notice, envelope) });
  } else {
    await sendWebhook(dependencies, vendor, 'purchase_order.cancelled', {
      poNumber: po.poNumber,
      cancelled: po.status === 'CANCELLED' ? 'ORDER' : 'LINES',
      lineNumbers: notice.lineNumbers,
      reason: notice.reason,
    });
  }
}

/**
 * Reminds a vendor that a PO still waits for its acknowledgment: a `purchase_order.reminder` webhook,
 * or the 850 sent again with BEG01 07 (duplicate) so the vendor's translator knows it is a re-send.
 */
export async function sendAckReminder(dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>, vendor: Vendor, po: PurchaseOrder): Promise<void> {
  if (vendor.channel === 'PORTAL') return; // the notifier emails the reminder
  if (vendor.channel === 'EDI') {
    await sendX12(dependencies, vendor, po, { id: `850R-${po.poNumber}`, type: '850', build: (envelope) => purchaseOrder850(po, envelope, { resend: true, soldBy: loadConfig().RETAILER_NAME }) });
  } else {
    await sendWebhook(dependencies, vendor, 'purchase_order.reminder', { poNumber: po.poNumber, ackDueAt: po.ackDueAt });
  }
}

/**
 * Tells a vendor what it is paid: an 820 for EDI vendors (returns its document id), a signed
 * `remittance.sent` webhook for API vendors; portal vendors hear by email from the notifier and see
 * it in the portal.
 */
export async function sendRemittance(dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>, vendor: Vendor, remittance: Remittance): Promise<string | undefined> {
  if (vendor.channel === 'PORTAL') return undefined;
  if (vendor.channel === 'EDI') {
    const id = `820-${remittance.reference}`;
    const parties = { payer: loadConfig().RETAILER_NAME, payee: vendor.name };
    await sendX12(dependencies, vendor, { poNumber: '' }, { id, type: '820', build: (envelope) => remittance820(remittance, parties, envelope) });
    return id;
  }
  await sendWebhook(dependencies, vendor, 'remittance.sent', { remittance });
  return undefined;
}

/**
 * Asks a vendor to authorise a customer's return: a 180 for EDI vendors, a signed
 * `return.requested` webhook for API vendors; portal vendors see it in their returns list.
 */
export async function sendReturnRequest(dependencies: Pick<Dependencies, 'table' | 'fetch' | 'now' | 'edi'>, vendor: Vendor, record: ReturnRecord): Promise<void> {
  if (vendor.channel === 'PORTAL') return;
  if (vendor.channel === 'EDI') {
    await sendX12(dependencies, vendor, { poNumber: record.poNumber }, { id: `180-${record.rmaId}`, type: '180', build: (envelope) => returnRequest180(record, envelope) });
    return;
  }
  await sendWebhook(dependencies, vendor, 'return.requested', { return: record });
}
