/**
 * Transfer Family on AWS: the SFTP user, AS2 partner profile, agreement and connector each
 * connection needs, made from its settings, and outbound AS2 started through the connector (the
 * MDN arrives later as an `aws.transfer` event: functions/edi/as2-events.ts records it).
 */
import {
  CreateAgreementCommand,
  CreateConnectorCommand,
  CreateProfileCommand,
  CreateUserCommand,
  DeleteAgreementCommand,
  DeleteCertificateCommand,
  DeleteConnectorCommand,
  DeleteProfileCommand,
  DeleteSshPublicKeyCommand,
  DeleteUserCommand,
  DescribeCertificateCommand,
  DescribeProfileCommand,
  DescribeServerCommand,
  DescribeUserCommand,
  ImportCertificateCommand,
  ImportSshPublicKeyCommand,
  ResourceNotFoundException,
  StartFileTransferCommand,
  UpdateConnectorCommand,
  UpdateProfileCommand,
  UpdateUserCommand,
  type TransferClient,
} from '@aws-sdk/client-transfer';
import { sameSshKey, type Connection, type TransferResources } from '../domain/edi-connections';
import { DomainError } from '../domain/errors';
import { mailboxPaths } from '../store/mailbox-store';
import type { TransferFamily } from './transfer-family';
import { TransmissionError } from './transmission-errors';

export interface AwsTransferSettings {
  bucket: string;
  sftpServerId: string;
  sftpHost: string;
  as2ServerId: string;
  as2Url: string;
  /** Our AS2 local profile (made by the stack) and the role Transfer Family assumes to reach the bucket. */
  localProfileId: string;
  accessRoleArn: string;
}

/**
 * The session policy that confines an SFTP user to its own mailbox, even if its home mapping were
 * changed: list only its prefix, read and write only under it.
 */
export function mailboxPolicy(bucket: string, connectionId: string): string {
  const prefix = mailboxPaths.root(connectionId);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListOwnMailbox', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } },
      { Sid: 'ReadWriteOwnMailbox', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'], Resource: `arn:aws:s3:::${bucket}/${prefix}*` },
    ],
  });
}

const ignoreMissing = async (action: () => Promise<unknown>) => {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
};

export function awsTransferFamily(client: TransferClient, settings: AwsTransferSettings): TransferFamily {
  async function importCertificate(pem: string, usage: 'SIGNING' | 'ENCRYPTION', description: string, privateKey?: string): Promise<string> {
    const result = await client.send(new ImportCertificateCommand({ Usage: usage, Certificate: pem, ...(privateKey && { PrivateKey: privateKey }), Description: description }));
    return String(result.CertificateId);
  }

  async function saveSftpUser(connection: Connection): Promise<TransferResources> {
    const user = {
      ServerId: settings.sftpServerId,
      UserName: connection.connectionId,
      Role: settings.accessRoleArn,
      HomeDirectoryType: 'LOGICAL' as const,
      // The partner sees `/` = its mailbox: /in and /out, nothing of anyone else's.
      HomeDirectoryMappings: [{ Entry: '/', Target: `/${settings.bucket}/${mailboxPaths.root(connection.connectionId).replace(/\/$/, '')}` }],
      Policy: mailboxPolicy(settings.bucket, connection.connectionId),
    };
    const keys = connection.sshPublicKeys ?? [];
    let existing: { body: string; id: string }[] | undefined;
    try {
      const described = await client.send(new DescribeUserCommand({ ServerId: settings.sftpServerId, UserName: connection.connectionId }));
      existing = (described.User?.SshPublicKeys ?? []).map((k) => ({ body: String(k.SshPublicKeyBody), id: String(k.SshPublicKeyId) }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (!existing) {
      await client.send(new CreateUserCommand({ ...user, SshPublicKeyBody: keys[0] }));
      existing = keys.slice(0, 1).map((body) => ({ body, id: '' }));
    } else {
      await client.send(new UpdateUserCommand(user));
    }
    for (const key of keys.filter((key) => !existing.some((e) => sameSshKey(e.body, key)))) {
      await client.send(new ImportSshPublicKeyCommand({ ServerId: settings.sftpServerId, UserName: connection.connectionId, SshPublicKeyBody: key }));
    }
    for (const old of existing.filter((e) => e.id && !keys.some((key) => sameSshKey(e.body, key)))) {
      await client.send(new DeleteSshPublicKeyCommand({ ServerId: settings.sftpServerId, UserName: connection.connectionId, SshPublicKeyId: old.id }));
    }
    return { userName: connection.connectionId };
  }

  async function saveAs2Partner(connection: Connection): Promise<TransferResources> {
    const as2 = connection.as2;
    if (!as2) throw new Error(`connection ${connection.connectionId} has no AS2 settings`);
    const previous = connection.transfer ?? {};
    const certificateIds = [
      await importCertificate(as2.signingCertificate, 'SIGNING', `${connection.connectionId} signing`),
      await importCertificate(as2.encryptionCertificate, 'ENCRYPTION', `${connection.connectionId} encryption`),
    ];
    let partnerProfileId = previous.partnerProfileId;
    if (partnerProfileId) await client.send(new UpdateProfileCommand({ ProfileId: partnerProfileId, CertificateIds: certificateIds }));
    else partnerProfileId = (await client.send(new CreateProfileCommand({ As2Id: as2.as2Id, ProfileType: 'PARTNER', CertificateIds: certificateIds }))).ProfileId;
    for (const old of previous.certificateIds ?? []) await ignoreMissing(() => client.send(new DeleteCertificateCommand({ CertificateId: old })));
    const agreementId =
      previous.agreementId ??
      (
        await client.send(
          new CreateAgreementCommand({
            ServerId: settings.as2ServerId,
            LocalProfileId: settings.localProfileId,
            PartnerProfileId: partnerProfileId,
            // What the partner sends lands in /in and takes the SFTP path from there.
            BaseDirectory: `/${settings.bucket}/${mailboxPaths.root(connection.connectionId)}in`,
            AccessRole: settings.accessRoleArn,
            Description: `Inbound from ${as2.as2Id}`,
          }),
        )
      ).AgreementId;
    let connectorId = previous.connectorId;
    if (as2.url) {
      const as2Config = {
        LocalProfileId: settings.localProfileId,
        PartnerProfileId: partnerProfileId,
        Compression: as2.compression ? ('ZLIB' as const) : ('DISABLED' as const),
        EncryptionAlgorithm: as2.encryption,
        SigningAlgorithm: as2.signing,
        MdnSigningAlgorithm: 'DEFAULT' as const,
        // Transfer Family's connectors take a synchronous MDN or none.
        MdnResponse: as2.mdn === 'NONE' ? ('NONE' as const) : ('SYNC' as const),
      };
      if (connectorId) await client.send(new UpdateConnectorCommand({ ConnectorId: connectorId, Url: as2.url, As2Config: as2Config, AccessRole: settings.accessRoleArn }));
      else connectorId = (await client.send(new CreateConnectorCommand({ Url: as2.url, As2Config: as2Config, AccessRole: settings.accessRoleArn }))).ConnectorId;
    } else if (connectorId) {
      await ignoreMissing(() => client.send(new DeleteConnectorCommand({ ConnectorId: connectorId })));
      connectorId = undefined;
    }
    return { partnerProfileId, certificateIds, agreementId, ...(connectorId && { connectorId }) };
  }

  return {
    saveConnection: (connection) => (connection.kind === 'SFTP' ? saveSftpUser(connection) : saveAs2Partner(connection)),

    async removeConnection(connection) {
      const resources = connection.transfer ?? {};
      if (connection.kind === 'SFTP') await ignoreMissing(() => client.send(new DeleteUserCommand({ ServerId: settings.sftpServerId, UserName: connection.connectionId })));
      if (resources.connectorId) await ignoreMissing(() => client.send(new DeleteConnectorCommand({ ConnectorId: resources.connectorId })));
      if (resources.agreementId) await ignoreMissing(() => client.send(new DeleteAgreementCommand({ ServerId: settings.as2ServerId, AgreementId: resources.agreementId })));
      if (resources.partnerProfileId) await ignoreMissing(() => client.send(new DeleteProfileCommand({ ProfileId: resources.partnerProfileId })));
      for (const id of resources.certificateIds ?? []) await ignoreMissing(() => client.send(new DeleteCertificateCommand({ CertificateId: id })));
    },

    async sendAs2(connection, key) {
      const connectorId = connection.transfer?.connectorId;
      if (!connectorId) throw new TransmissionError(`connection ${connection.connectionId} has no AS2 connector: set its url`);
      try {
        const result = await client.send(new StartFileTransferCommand({ ConnectorId: connectorId, SendFilePaths: [`/${settings.bucket}/${key}`] }));
        return { messageId: String(result.TransferId) };
      } catch (error) {
        throw new TransmissionError(`Transfer Family did not start the AS2 transfer: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    async ours() {
      const server = await client.send(new DescribeServerCommand({ ServerId: settings.sftpServerId }));
      const profile = await client.send(new DescribeProfileCommand({ ProfileId: settings.localProfileId }));
      const certificateId = profile.Profile?.CertificateIds?.[0];
      const certificate = certificateId ? (await client.send(new DescribeCertificateCommand({ CertificateId: certificateId }))).Certificate?.Certificate : undefined;
      return {
        sftp: { host: settings.sftpHost, port: 22, ...(server.Server?.HostKeyFingerprint && { hostKeyFingerprint: server.Server.HostKeyFingerprint }) },
        as2: { as2Id: String(profile.Profile?.As2Id ?? ''), url: settings.as2Url, certificate: certificate ?? '' },
      };
    },

    async setAs2Profile(profile) {
      // The AS2 id of a local profile is fixed when it is made (by the stack, from context as2Id).
      const current = await client.send(new DescribeProfileCommand({ ProfileId: settings.localProfileId }));
      if (current.Profile?.As2Id !== profile.as2Id) {
        throw new DomainError('CONFLICT', 'Our AS2 id is set when the stack is deployed', [
          { field: 'as2Id', rule: 'matches_deployed_profile', message: `must be ${current.Profile?.As2Id} (deploy with -c as2Id=${profile.as2Id} to change it)` },
        ]);
      }
      const signing = await importCertificate(profile.certificate, 'SIGNING', 'our AS2 signing certificate', profile.privateKey);
      const encryption = await importCertificate(profile.certificate, 'ENCRYPTION', 'our AS2 encryption certificate', profile.privateKey);
      await client.send(new UpdateProfileCommand({ ProfileId: settings.localProfileId, CertificateIds: [signing, encryption] }));
    },
  };
}
