import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../logger';
import { loadConfig } from '../config';
import { isTransientAwsError, isUnanswered } from '../aws-errors';
import { businessMetrics, count, instrument } from '../observability';
import { defaultDependencies, type Dependencies } from '../dependencies';
import { messageData, money, noticesFor, orderReceivedNotice, returnNoticesFor, vendorNoticesFor, type Channel, type Notice } from '../domain/notifications';
import { storefrontReturnEvents, storefrontReturnPayload, type ReturnRecord } from '../domain/returns';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { getStorefrontWebhook } from '../store/storefront-store';
import { postSignedWebhook } from '../services/vendor-channels';
import { TransmissionError } from '../services/transmission-errors';
import type { Order, PurchaseOrder } from '../domain/orders';
import type { Vendor } from '../domain/catalog';
import { getVendor, getVendors } from '../store/catalog-store';
import { claimNotification, finishNotification, type NotificationRecord } from '../store/notification-store';
import { getOrder } from '../store/order-store';
import { repairListEntry } from '../store/purchase-order-store';
import { summaryChanged } from '../domain/purchase-order-summary';
import { withPublicHolidays } from '../domain/sla-calendar';
import { configuredSenders, type Senders } from './senders';
import { renderEmail, renderRemittanceEmail, renderReturnRequestEmail, renderSms, type RenderedEmail } from './templates';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Remittance } from '../domain/payables';
import { remittanceKeys, returnKeys, type ItemKey } from '../store/keys';
import { getItem } from '../store/table';

export interface NotifierDependencies extends Pick<Dependencies, 'table' | 'now' | 'alerts'>, Partial<Pick<Dependencies, 'fetch'>> {
  senders: Senders;
  /** Attempts per message, and the first pause between them (doubling, with jitter). */
  retry: { attempts: number; baseDelayMs: number };
}

/** Worth trying again: throttling, the provider's own faults, the network. A 4xx refusal (bad address, opted out) is final. */
const retryable = (error: unknown) => isTransientAwsError(error) || isUnanswered(error);

async function withRetries<T>(send: () => Promise<T>, retry: NotifierDependencies['retry'], worthRetrying = retryable): Promise<{ value: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await send(), attempts: attempt };
    } catch (error) {
      if (attempt >= retry.attempts || !worthRetrying(error)) throw Object.assign(error instanceof Error ? error : new Error(String(error)), { attempts: attempt });
      const pause = retry.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, pause / 2 + Math.random() * (pause / 2)));
    }
  }
}

/**
 * Sends one notice on one channel at most once: claim it (a conditional put), send with retries,
 * record SENT or FAILED. A failure is kept on the order and announced to ops; it never throws,
 * so neither the stream nor the PO's workflow waits on a customer's inbox.
 */
async function deliver(deps: NotifierDependencies, order: Order, notice: Notice, channel: Channel, send: () => Promise<string | undefined>): Promise<void> {
  const record: NotificationRecord = {
    orderId: order.orderId,
    noticeKey: notice.key,
    milestone: notice.milestone,
    channel,
    ...(notice.poNumber && { poNumber: notice.poNumber }),
    status: 'SENDING',
    createdAt: deps.now().toISOString(),
  };
  if (!(await claimNotification(deps.table, record))) return;
  const ids = { orderId: order.orderId, poNumber: notice.poNumber, milestone: notice.milestone, channel };
  try {
    const { value: messageId, attempts } = await withRetries(send, deps.retry);
    await finishNotification(deps.table, record, { status: 'SENT', attempts, sentAt: deps.now().toISOString(), ...(messageId && { messageId }) });
    count(businessMetrics.notificationsSent);
    logger.info('Customer notified', { ...ids, attempts });
  } catch (error) {
    const e = error as Error & { attempts?: number };
    await finishNotification(deps.table, record, { status: 'FAILED', attempts: e.attempts ?? 1, failedAt: deps.now().toISOString(), error: `${e.name}: ${e.message}`.slice(0, 500) });
    count(businessMetrics.notificationsFailed);
    logger.warn('Customer notification failed', { ...ids, attempts: e.attempts, errorName: e.name });
    await deps.alerts
      .notificationFailed({ orderId: order.orderId, noticeKey: notice.key, milestone: notice.milestone, channel, ...(notice.poNumber && { poNumber: notice.poNumber }), errorName: e.name })
      .catch((alertError: unknown) => logger.error('Notification alert not sent', { ...ids, error: String(alertError) }));
  }
}

/** The retailer as customers see it, from configuration. */
const storefront = () => {
  const config = loadConfig();
  return { retailerName: config.RETAILER_NAME, ...(config.RETAILER_LOGO_URL && { logoUrl: config.RETAILER_LOGO_URL }), ...(config.ORDER_URL_TEMPLATE && { orderUrlTemplate: config.ORDER_URL_TEMPLATE }) };
};

/** Tells the customer each notice over the channels the order opted into. */
async function notify(deps: NotifierDependencies, order: Order, notices: readonly Notice[]): Promise<void> {
  for (const notice of notices) {
    const data = messageData(order, notice, storefront());
    if (order.notify.email) {
      const email = renderEmail(notice.milestone, data);
      await deliver(deps, order, notice, 'EMAIL', () => deps.senders.email({ to: order.customer.email, ...email, tags: { milestone: notice.milestone } }));
    }
    const phone = order.customer.phone;
    if (order.notify.sms && phone) {
      await deliver(deps, order, notice, 'SMS', () => deps.senders.sms(phone, renderSms(notice.milestone, data)));
    }
  }
}

type EmailedVendor = Vendor & { contact: { email: string } };

/** The vendor, when it hears of its POs by email: a portal vendor with a contact address. */
async function portalContact(deps: NotifierDependencies, vendorId: string): Promise<EmailedVendor | undefined> {
  const vendor = await getVendor(deps.table, vendorId);
  return vendor?.channel === 'PORTAL' && vendor.contact?.email ? (vendor as EmailedVendor) : undefined;
}

/**
 * Tells a portal vendor (no EDI, no API) of a new PO, a reminder or a cancellation, by email to its
 * contact with a link to the PO in the vendor portal. Kept beside the order, once each, like the
 * customer's messages. Other channels hear through their own (850/860, webhooks).
 */
async function notifyVendor(deps: NotifierDependencies, order: Order, vendor: EmailedVendor, po: PurchaseOrder, notices: readonly Notice[]): Promise<void> {
  const to = vendor.contact.email;
  const poUrl = portalLink(`po/${encodeURIComponent(po.poNumber)}`);
  for (const notice of notices) {
    const email = renderEmail(notice.milestone, { ...messageData(order, notice), vendorName: vendor.name, poUrl });
    await deliver(deps, order, notice, 'EMAIL', () => deps.senders.email({ to, ...email, tags: { milestone: notice.milestone } }));
  }
}

/** A page of the vendor portal, for a link in a vendor's email. */
const portalLink = (path: string) => `${loadConfig().PORTAL_URL.replace(/\/$/, '')}/#/${path}`;

/**
 * An email to a portal vendor about a payment or a return, once: skipped when its marker is there,
 * the marker written after the send (a crash between the two sends it again, never loses it).
 */
async function emailVendorOnce(deps: NotifierDependencies, vendor: EmailedVendor, marker: ItemKey, entity: string, milestone: string, email: RenderedEmail): Promise<void> {
  if (await getItem(deps.table, marker)) return;
  await withRetries(() => deps.senders.email({ to: vendor.contact.email, ...email, tags: { milestone } }), deps.retry);
  await deps.table.db.send(new PutCommand({ TableName: deps.table.name, Item: { ...marker, entity, at: deps.now().toISOString() } }));
}

/**
 * A payment to a portal vendor, by email to its contact with each invoice and deduction, once (the
 * marker beside the remittance).
 */
async function emailRemittance(deps: NotifierDependencies, remittance: Remittance): Promise<void> {
  const vendor = await portalContact(deps, remittance.vendorId);
  if (!vendor) return;
  const amount = (minor: number) => money(minor, remittance.currency);
  const email = renderRemittanceEmail({
    vendorName: vendor.name,
    reference: remittance.reference,
    amount: amount(remittance.amount),
    paymentDate: remittance.paymentDate,
    from: remittance.period.from,
    to: remittance.period.to,
    invoices: remittance.invoices.map((i) => ({ invoiceNumber: i.invoiceNumber, poNumber: i.poNumber, amount: amount(i.amount) })),
    deductions: remittance.deductions.map((d) => ({ description: d.description, poNumbers: d.poNumbers.join(', '), amount: amount(d.amount) })),
    ...(remittance.carryForward > 0 && { carryForward: amount(remittance.carryForward) }),
    portalUrl: portalLink('remittances'),
  });
  await emailVendorOnce(deps, vendor, { ...remittanceKeys.item(remittance.vendorId, remittance.reference), SK: 'EMAILED' }, 'RemittanceNotice', 'REMITTANCE', email);
}

/**
 * Tells the storefront of its customer's return (approved, rejected, credited: the refund it may
 * give) by its signed webhook, once each: a marker is claimed before the send and says how it went.
 */
async function tellStorefront(deps: NotifierDependencies, before: ReturnRecord | undefined, after: ReturnRecord): Promise<void> {
  const events = storefrontReturnEvents(before, after);
  const webhook = events.length > 0 ? await getStorefrontWebhook(deps.table, after.storefrontId) : undefined;
  if (!webhook) return;
  for (const event of events) {
    const marker = returnKeys.told(after.rmaId, event);
    try {
      await deps.table.db.send(new PutCommand({ TableName: deps.table.name, Item: { ...marker, entity: 'StorefrontWebhookDelivery', status: 'SENDING', at: deps.now().toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    const ids = { rmaId: after.rmaId, storefrontId: after.storefrontId, event };
    try {
      const { attempts } = await withRetries(() => postSignedWebhook({ fetch: deps.fetch ?? fetch, now: deps.now }, webhook.url, webhook.signingSecret, event, storefrontReturnPayload(after)), deps.retry, (e) => e instanceof TransmissionError);
      await deps.table.db.send(new PutCommand({ TableName: deps.table.name, Item: { ...marker, entity: 'StorefrontWebhookDelivery', status: 'SENT', attempts, at: deps.now().toISOString() } }));
      logger.info('Storefront told of a return', ids);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await deps.table.db.send(new PutCommand({ TableName: deps.table.name, Item: { ...marker, entity: 'StorefrontWebhookDelivery', status: 'FAILED', error: detail.slice(0, 500), at: deps.now().toISOString() } }));
      logger.warn('Storefront webhook failed', { ...ids, detail });
      // Ops hear of it as of a customer message that could not go: the storefront may owe a refund it was not told of.
      await deps.alerts
        .notificationFailed({ orderId: after.orderId, noticeKey: `${after.rmaId}#${event}`, milestone: event, channel: 'WEBHOOK', poNumber: after.poNumber, errorName: error instanceof Error ? error.name : 'Error' })
        .catch((alertError: unknown) => logger.error('Storefront webhook alert not sent', { ...ids, error: String(alertError) }));
    }
  }
}

/** A new return, to a portal vendor by email with the link to answer it, once (others hear by their 180 or webhook). */
async function emailReturnRequest(deps: NotifierDependencies, before: ReturnRecord | undefined, after: ReturnRecord): Promise<void> {
  if (before || after.status !== 'REQUESTED') return;
  const vendor = await portalContact(deps, after.vendorId);
  if (!vendor) return;
  const email = renderReturnRequestEmail({
    vendorName: vendor.name,
    rmaId: after.rmaId,
    poNumber: after.poNumber,
    reason: after.reason.toLowerCase().replace(/_/g, ' '),
    ...(after.comment && { comment: after.comment }),
    lines: after.lines.map((l) => ({ quantity: l.quantity, vendorSku: l.vendorSku })),
    ...(after.answerDueAt && { answerDueAt: after.answerDueAt }),
    portalUrl: portalLink('returns'),
  });
  await emailVendorOnce(deps, vendor, returnKeys.told(after.rmaId, 'vendor.email'), 'ReturnNotice', 'RETURN_REQUEST', email);
}

const image = <T>(raw: Record<string, unknown> | undefined): T | undefined => (raw ? (unmarshall(raw as Record<string, AttributeValue>) as T) : undefined);

/** One stream record: a new order is "received"; a PO change may reach milestones (and its list entry is checked). Anything else is not for customers. */
async function handleRecord(deps: NotifierDependencies, record: DynamoDBRecord): Promise<void> {
  const after = image<{ entity?: string }>(record.dynamodb?.NewImage);
  if (after?.entity === 'Order' && record.eventName === 'INSERT') {
    const order = after as unknown as Order;
    if (order.test || order.demo) return; // a certification run's test order, or demo history, has no customer
    const vendorIds = [...new Set(order.lines.flatMap((l) => (l.vendorId ? [l.vendorId] : [])))];
    const vendors = vendorIds.length > 0 && !order.promisedShipBy ? await getVendors(deps.table, vendorIds) : new Map();
    await notify(deps, order, [orderReceivedNotice(order, [...vendors.values()].map((v) => withPublicHolidays(v.sla)))]);
  } else if (after?.entity === 'Return') {
    const customerReturn = after as unknown as ReturnRecord;
    const earlier = image<ReturnRecord>(record.dynamodb?.OldImage);
    const notices = returnNoticesFor(earlier, customerReturn);
    const order = notices.length > 0 ? await getOrder(deps.table, customerReturn.orderId) : undefined;
    if (order && !order.demo) await notify(deps, order, notices);
    await tellStorefront(deps, earlier, customerReturn);
    await emailReturnRequest(deps, earlier, customerReturn);
  } else if (after?.entity === 'Remittance' && record.eventName === 'INSERT') {
    await emailRemittance(deps, after as unknown as Remittance);
  } else if (after?.entity === 'PurchaseOrder') {
    const po = after as unknown as PurchaseOrder;
    const before = image<PurchaseOrder>(record.dynamodb?.OldImage);
    // The writer puts the list entry after the PO; should it have stopped in between, the entry is put here.
    if (before && summaryChanged(before, po) && (await repairListEntry(deps.table, po))) {
      logger.warn('PO list entry was behind its PO; put from the stream', { poNumber: po.poNumber, version: po.version });
    }
    if (po.demo) return;
    const notices = po.test ? [] : noticesFor(before, po);
    const forVendor = vendorNoticesFor(before, po);
    // Only a portal vendor with a contact hears by email; others hear through their own channel (850/860, webhooks).
    const emailedVendor = forVendor.length > 0 ? await portalContact(deps, po.vendorId) : undefined;
    if (notices.length === 0 && !emailedVendor) return;
    const order = await getOrder(deps.table, po.orderId);
    if (!order) return;
    if (notices.length > 0) await notify(deps, order, notices);
    if (emailedVendor) await notifyVendor(deps, order, emailedVendor, po, forVendor);
  }
}

/**
 * The notifier, fed by the table's stream (on AWS an event source mapping filtered to orders and
 * POs; offline the local stream poller). Records are handled in order; the first that fails (the
 * table, not a provider: send failures are recorded, not thrown) is reported back, so the batch
 * resumes there and nothing already claimed is sent again. Only this function
 * may send email or SMS.
 */
export function createNotifier(dependencies: () => NotifierDependencies) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const deps = dependencies();
    for (const record of event.Records) {
      try {
        await handleRecord(deps, record);
      } catch (error) {
        logger.error('Stream record not handled; the batch resumes here', { eventId: record.eventID, error: error instanceof Error ? error.name : String(error) });
        // Lambda resumes the shard from the lowest failed sequence number.
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  };
}

let defaults: NotifierDependencies | undefined;

function notifierDependencies(): NotifierDependencies {
  defaults ??= { ...defaultDependencies(), senders: configuredSenders(loadConfig()), retry: { attempts: 4, baseDelayMs: 250 } };
  return defaults;
}

export const handler = instrument(createNotifier(notifierDependencies));
