import type { S3Event } from 'aws-lambda';
import { defaultDependencies, type Dependencies } from '../dependencies';
import { logger } from '../logger';
import { instrument } from '../observability';
import { receiveConnectionFile } from '../services/receive-connection-file';
import { mailboxPaths } from '../store/mailbox-store';

/**
 * S3 `ObjectCreated` under `mailboxes/<connectionId>/in/`: each new file a partner put there (by
 * SFTP, or AS2 delivering it) is received. Our own moves into `/in/processed/` and `/in/rejected/`
 * are ignored. Offline the local mailbox store calls this with the same event.
 */
export function createMailboxFileHandler(dependencies: () => Dependencies = defaultDependencies) {
  return async (event: S3Event) => {
    const deps = dependencies();
    for (const record of event.Records) {
      // S3 event keys are URL-encoded, spaces as '+'.
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const file = mailboxPaths.parseInbound(key);
      if (!file) continue;
      const outcome = await receiveConnectionFile(deps, file.connectionId, file.name);
      logger.info('Mailbox file', { connectionId: file.connectionId, fileName: file.name, outcome });
    }
  };
}

export const handler = instrument(createMailboxFileHandler());
