import { execFileSync } from 'node:child_process';
import { CreateUserCommand, DeleteSshPublicKeyCommand, DeleteUserCommand, DescribeUserCommand, ImportSshPublicKeyCommand, ResourceNotFoundException, StartFileTransferCommand, TransferClient, UpdateUserCommand } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { mailboxFileName, sshKeyInfo, unreadableFile, vendorForSender, type Connection, type ConnectionSender } from '../../functions/domain/edi-connections';
import { awsTransferFamily, mailboxPolicy } from '../../functions/services/transfer-family-aws';
import { homePath } from '../../local/sftp-server';
import { partnerKey } from '../support/openssh';

describe('paths in an SFTP home', () => {
  it.each([
    ['/in/a.edi', '/in/a.edi'],
    ['in//a.edi', '/in/a.edi'],
    ['./out/../in/./a.edi', '/in/a.edi'],
    ['.', '/'],
    ['', '/'],
  ])('reads %j as %j', (requested, path) => expect(homePath(requested)).toBe(path));

  it.each(['..', '../x', '/../..', '/in/../../other/out', 'in\\..\\x', 'a\0b'])('refuses %j', (requested) => expect(homePath(requested)).toBeUndefined());
});

describe('SSH keys', () => {
  it("fingerprints a key as OpenSSH's ssh-keygen -l does", () => {
    const key = partnerKey('fingerprint');
    const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key.path}.pub`], { encoding: 'utf8' });
    expect(printed.split(' ')[1]).toBe(sshKeyInfo(key.publicKey).fingerprint);
  });

  it('refuses a key whose blob names another type than its line, or an unknown type', () => {
    const [, blob] = partnerKey('mixed').publicKey.split(' ');
    expect(() => sshKeyInfo(`ssh-rsa ${blob}`)).toThrow(/not an OpenSSH ssh-rsa public key/);
    expect(() => sshKeyInfo(`ssh-dss ${blob}`)).toThrow(/key type ssh-dss is not one of/);
  });
});

describe('routing by ISA sender', () => {
  const senders: ConnectionSender[] = [
    { connectionId: 'van', qualifier: 'ZZ', senderId: 'ACMESUPPLY', vendorId: 'acme', active: true },
    { connectionId: 'van', qualifier: '01', senderId: '123456789', vendorId: 'globex', active: true },
    { connectionId: 'van', qualifier: '12', senderId: '123456789', vendorId: 'initech', active: true },
  ];

  it('takes the vendor with that qualifier and id, and the id alone when only one vendor has it', () => {
    expect(vendorForSender(senders, 'ZZ', 'ACMESUPPLY     ')?.vendorId).toBe('acme');
    expect(vendorForSender(senders, '01', 'ACMESUPPLY')?.vendorId).toBe('acme');
    expect(vendorForSender(senders, '12', '123456789')?.vendorId).toBe('initech');
  });

  it('never guesses: an id two vendors share under other qualifiers, or one nobody has, routes nowhere', () => {
    expect(vendorForSender(senders, 'ZZ', '123456789')).toBeUndefined();
    expect(vendorForSender(senders, 'ZZ', 'STRANGER')).toBeUndefined();
  });
});

describe('mailbox files', () => {
  it('names what we write by type, vendor, PO or control number and UTC time', () => {
    expect(mailboxFileName({ type: '850', vendorId: 'acme', reference: 'PO-7QK2', at: new Date('2026-12-02T09:05:07Z') })).toBe('850_acme_PO-7QK2_20261202090507.edi');
  });

  it('refuses an empty file, one that is not X12, and one past 10 MB, and reads one with a BOM', () => {
    expect(unreadableFile(Buffer.alloc(0))).toBe('the file is empty');
    expect(unreadableFile(Buffer.from('sku,qty\n'))).toMatch(/not X12: it must start with an ISA segment, and starts with "sku,qty/);
    expect(unreadableFile(Buffer.alloc(10 * 1024 * 1024 + 1, 'I'))).toMatch(/over the 10485760-byte limit/);
    expect(unreadableFile(Buffer.from('\uFEFFISA*00*'))).toBeUndefined();
  });
});

describe('Transfer Family users on AWS', () => {
  const transfer = mockClient(TransferClient);
  beforeEach(() => transfer.reset());
  const settings = { bucket: 'mailboxes-bucket', sftpServerId: 's-123', sftpHost: 'sftp.example', as2ServerId: 's-456', as2Url: '', localProfileId: 'p-1', accessRoleArn: 'arn:aws:iam::1:role/transfer' };
  const connection = (keys: string[]): Connection => ({ connectionId: 'acme', kind: 'SFTP', sshPublicKeys: keys, createdAt: '', updatedAt: '' });
  const [keyA, keyB] = [partnerKey('a').publicKey, partnerKey('b').publicKey];

  it('makes a new connection a user named for it, at home in its mailbox and confined there by a session policy', async () => {
    transfer.on(DescribeUserCommand).rejects(new ResourceNotFoundException({ Message: 'no user', message: 'no user', $metadata: {}, Resource: 'user', ResourceType: 'User' }));
    await awsTransferFamily(new TransferClient({}), settings).saveConnection(connection([keyA]));
    const [created] = transfer.commandCalls(CreateUserCommand).map((c) => c.args[0].input);
    expect(created).toMatchObject({
      ServerId: 's-123', UserName: 'acme', HomeDirectoryType: 'LOGICAL', SshPublicKeyBody: keyA,
      HomeDirectoryMappings: [{ Entry: '/', Target: '/mailboxes-bucket/mailboxes/acme' }],
    });
    const policy = JSON.parse(created?.Policy ?? '{}');
    expect(policy.Statement.map((s: { Resource: string }) => s.Resource)).toEqual(['arn:aws:s3:::mailboxes-bucket', 'arn:aws:s3:::mailboxes-bucket/mailboxes/acme/*']);
    expect(created?.Policy).toBe(mailboxPolicy('mailboxes-bucket', 'acme'));
  });

  it('updates an existing user: adds the new key and removes the one no longer listed', async () => {
    transfer.on(DescribeUserCommand).resolves({ ServerId: 's-123', User: { Arn: 'arn', SshPublicKeys: [{ SshPublicKeyBody: keyA, SshPublicKeyId: 'key-a', DateImported: new Date() }] } });
    await awsTransferFamily(new TransferClient({}), settings).saveConnection(connection([keyB]));
    expect(transfer.commandCalls(UpdateUserCommand)).toHaveLength(1);
    expect(transfer.commandCalls(ImportSshPublicKeyCommand).map((c) => c.args[0].input.SshPublicKeyBody)).toEqual([keyB]);
    expect(transfer.commandCalls(DeleteSshPublicKeyCommand).map((c) => c.args[0].input.SshPublicKeyId)).toEqual(['key-a']);
  });

  it('removes the user with its connection, and counts a user already gone as removed', async () => {
    transfer.on(DeleteUserCommand).rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {}, Resource: 'user', ResourceType: 'User' }));
    await expect(awsTransferFamily(new TransferClient({}), settings).removeConnection(connection([keyA]))).resolves.toBeUndefined();
    expect(transfer.commandCalls(DeleteUserCommand)[0]?.args[0].input).toEqual({ ServerId: 's-123', UserName: 'acme' });
  });

  it('starts an AS2 send from the mailbox object through the connection\'s connector, and a refused start is a transmission failure to retry', async () => {
    const as2: Connection = { connectionId: 'acme-as2', kind: 'AS2', transfer: { connectorId: 'c-1' }, createdAt: '', updatedAt: '' };
    transfer.on(StartFileTransferCommand).resolvesOnce({ TransferId: 't-1' }).rejectsOnce(new Error('throttled'));
    const family = awsTransferFamily(new TransferClient({}), settings);
    await expect(family.sendAs2(as2, 'mailboxes/acme-as2/out/850_acme_PO-1_20261202090507.edi', Buffer.from(''), 'x')).resolves.toEqual({ messageId: 't-1' });
    expect(transfer.commandCalls(StartFileTransferCommand)[0]?.args[0].input).toEqual({ ConnectorId: 'c-1', SendFilePaths: ['/mailboxes-bucket/mailboxes/acme-as2/out/850_acme_PO-1_20261202090507.edi'] });
    await expect(family.sendAs2(as2, 'k', Buffer.from(''), 'x')).rejects.toMatchObject({ name: 'TransmissionError' });
  });
});
