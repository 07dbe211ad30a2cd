import type { EventBridgeEvent } from 'aws-lambda';
import { defaultDependencies, type Dependencies } from '../dependencies';
import { openException } from '../domain/exceptions';
import { logger } from '../logger';
import { instrument } from '../observability';
import { mdnAccepted, recordAs2Outcome } from '../services/connection-delivery';
import { changeAndWake } from '../services/change-purchase-order';
import { countSend, getConnection, getSentFile } from '../store/connection-store';
import { mailboxPaths } from '../store/mailbox-store';

/** The fields of Transfer Family's AS2 events we read (EventBridge source `aws.transfer`). */
export interface As2EventDetail {
  'connector-id'?: string;
  'transfer-id'?: string;
  'as2-message-id'?: string;
  disposition?: string;
  'failure-message'?: string;
  's3-attributes'?: { 'file-key'?: string };
}

/** Sends of one file before a negative or missing MDN opens the PO's TRANSMISSION_FAILED. */
export const as2Attempts = 3;

/**
 * `AS2 MDN Receive Completed` / `… Failed` and `AS2 Payload Send Failed` for what we sent: the MDN
 * is recorded on the document and the connection's files; a failure is sent again, and after
 * {@link as2Attempts} sends opens the PO's TRANSMISSION_FAILED with the disposition as its reason.
 */
export function createAs2EventsHandler(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: EventBridgeEvent<string, As2EventDetail>) => {
    const deps = dependencies();
    const detail = event.detail;
    const file = mailboxPaths.parseOutbound(detail['s3-attributes']?.['file-key'] ?? '');
    if (!file) return;
    const { connectionId, name: fileName } = file;
    const [connection, sent] = await Promise.all([getConnection(deps.table, connectionId), getSentFile(deps.table, connectionId, fileName)]);
    if (!connection || !sent) return;
    const failed = /failed/i.test(event['detail-type']) || !mdnAccepted(detail.disposition);
    const mdn = detail.disposition ?? detail['failure-message'] ?? (failed ? 'no MDN' : 'processed');
    const at = deps.now().toISOString();
    const messageId = detail['as2-message-id'] ?? detail['transfer-id'] ?? '';
    await recordAs2Outcome(deps, connectionId, sent, { at, messageId, mdn, ok: !failed });
    if (!failed) return;
    if (sent.attempts < as2Attempts) {
      const { mailboxes, transfer } = await deps.edi();
      const key = mailboxPaths.outbound(connectionId, fileName);
      const body = await mailboxes.get(key);
      if (body) {
        await countSend(deps.table, connectionId, sent);
        await transfer.sendAs2(connection, key, body, fileName);
        return;
      }
    }
    logger.warn('AS2 send given up', { connectionId, poNumber: sent.poNumber, vendorId: sent.vendorId, mdn });
    await changeAndWake(deps, sent.poNumber, (po) => ({
      next: openException({ ...po, version: po.version + 1, updatedAt: at }, 'TRANSMISSION_FAILED', `AS2 ${fileName} to ${connection.as2?.as2Id}: MDN ${mdn} after ${sent.attempts} sends`, new Date(at)),
      response: null,
    }));
  };
}

export const handler = instrument(createAs2EventsHandler());
