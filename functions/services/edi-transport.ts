/**
 * How EDI files move for vendors on a connection: the mailbox store and Transfer Family. Only the
 * functions that move files ask for it, so the others load neither S3 nor Transfer Family.
 */
import { loadConfig } from '../config';
import { DomainError } from '../domain/errors';
import type { MailboxStore } from '../store/mailbox-store';
import type { TransferFamily } from './transfer-family';

export interface EdiTransport {
  mailboxes: MailboxStore;
  transfer: TransferFamily;
}

let transport: Promise<EdiTransport> | undefined;

/** Offline: the local runner hands over its folder mailboxes and its SFTP/AS2 stand-ins before serving. */
export function useEdiTransport(local: EdiTransport): void {
  transport = Promise.resolve(local);
}

/** On AWS: S3 and Transfer Family from the environment, made once per process on first use. */
export function defaultEdiTransport(): Promise<EdiTransport> {
  transport ??= (async () => {
    const config = loadConfig();
    const { MAILBOX_BUCKET: bucket, TRANSFER_SFTP_SERVER_ID: sftpServerId, TRANSFER_AS2_SERVER_ID: as2ServerId } = config;
    if (!bucket || !sftpServerId || !as2ServerId || !config.TRANSFER_LOCAL_PROFILE_ID || !config.TRANSFER_ACCESS_ROLE_ARN) {
      throw new DomainError('SERVICE_UNAVAILABLE', 'EDI connections are not set up here: MAILBOX_BUCKET and the TRANSFER_* settings are unset (the stack sets them; offline, npm start runs the SFTP and AS2 stand-ins)');
    }
    const [{ S3Client }, { TransferClient }, { s3Mailboxes }, { awsTransferFamily }, { traced }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/client-transfer'),
      import('../store/s3-mailboxes'),
      import('./transfer-family-aws'),
      import('../observability'),
    ]);
    return {
      mailboxes: s3Mailboxes(traced(new S3Client({ region: config.AWS_REGION })), bucket),
      transfer: awsTransferFamily(traced(new TransferClient({ region: config.AWS_REGION })), {
        bucket,
        sftpServerId,
        sftpHost: config.TRANSFER_SFTP_HOST ?? `${sftpServerId}.server.transfer.${config.AWS_REGION}.amazonaws.com`,
        as2ServerId,
        as2Url: config.TRANSFER_AS2_URL ?? '',
        localProfileId: config.TRANSFER_LOCAL_PROFILE_ID,
        accessRoleArn: config.TRANSFER_ACCESS_ROLE_ARN,
      }),
    };
  })();
  return transport;
}
