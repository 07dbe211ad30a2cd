import { Aws, CfnResource, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { CfnEIP, FlowLogDestination, FlowLogTrafficType, Peer, Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { CfnProfile, CfnServer } from 'aws-cdk-lib/aws-transfer';
import { Construct } from 'constructs';
import { functionGroups } from '../functions/function-groups';
import { HandlerFunction } from './handler-function';

export interface EdiConnectionsProps {
  readonly table: ITableV2;
  readonly stage: string;
  readonly logRetention: RetentionDays;
  readonly alertsTopic: ITopic;
  readonly stateMachineArn: string;
  readonly deadLetters: IQueue;
  readonly production: boolean;
  /** Our AS2 id (context `as2Id`): partners address us by it. */
  readonly as2Id: string;
}

/** AS2 over HTTP listens on 5080 on a Transfer Family AS2 server (TLS is ahead of it, or the message is S/MIME-encrypted). */
const as2Port = 5080;

/**
 * EDI connections on AWS Transfer Family: the mailbox bucket (one folder tree per connection), an
 * SFTP server whose service-managed users are made per connection, an AS2 server in a VPC of its
 * own with our local profile, the role Transfer Family works in the bucket with, the function that
 * receives each new file in a connection's `/in`, and the one that records AS2 MDNs.
 * `bind` gives a function its access and settings together, from its group's flags.
 */
export class EdiConnections extends Construct {
  readonly bucket: Bucket;
  readonly sftpServer: CfnServer;
  readonly as2Server: CfnServer;
  readonly localProfile: CfnProfile;
  readonly accessRole: Role;
  readonly mailboxFile: HandlerFunction;
  readonly as2Events: HandlerFunction;

  constructor(scope: Construct, id: string, props: EdiConnectionsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Mailboxes', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      // Earlier versions (a file moved to processed/, an overwritten answer) are kept 90 days for audits.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.production,
    });

    // The role Transfer Family acts in: users' sessions (narrowed per user by a session policy) and AS2 agreements and connectors.
    this.accessRole = new Role(this, 'TransferAccess', {
      assumedBy: new ServicePrincipal('transfer.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      description: 'Transfer Family: read and write EDI mailboxes (mailboxes/*) and nothing else',
    });
    this.accessRole.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['mailboxes/*'] } } }));
    this.accessRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObjectAcl', 's3:PutObjectAcl'],
        resources: [this.bucket.arnForObjects('mailboxes/*')],
      }),
    );
    const loggingRole = new Role(this, 'TransferLogging', { assumedBy: new ServicePrincipal('transfer.amazonaws.com'), description: 'Transfer Family: write its servers\' logs' });
    loggingRole.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/transfer/*`],
      }),
    );

    this.sftpServer = new CfnServer(this, 'SftpServer', {
      protocols: ['SFTP'],
      domain: 'S3',
      identityProviderType: 'SERVICE_MANAGED',
      endpointType: 'PUBLIC',
      securityPolicyName: 'TransferSecurityPolicy-2024-01',
      loggingRole: loggingRole.roleArn,
      // Clients' SETSTAT after an upload (WinSCP, some EDI software) would fail on S3: acknowledged, as offline.
      protocolDetails: { setStatOption: 'ENABLE_NO_OP' },
      tags: [{ key: 'Name', value: `dropship-oms-${props.stage}-sftp` }],
    });

    // AS2 servers need a VPC endpoint: an internet-facing one on Elastic IPs partners can allow-list.
    const vpc = new Vpc(this, 'As2Network', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'as2', subnetType: SubnetType.PUBLIC }],
      flowLogs: { rejected: { destination: FlowLogDestination.toCloudWatchLogs(new LogGroup(this, 'As2FlowLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY })), trafficType: FlowLogTrafficType.REJECT } },
    });
    const as2Ingress = new SecurityGroup(this, 'As2Ingress', { vpc, description: `AS2 (HTTP ${as2Port}) from trading partners`, allowAllOutbound: false });
    as2Ingress.addIngressRule(Peer.anyIpv4(), Port.tcp(as2Port), 'AS2 partners post messages and asynchronous MDNs');
    const addresses = vpc.publicSubnets.map((_, i) => new CfnEIP(this, `As2Address${i + 1}`, { domain: 'vpc' }));
    this.as2Server = new CfnServer(this, 'As2Server', {
      protocols: ['AS2'],
      domain: 'S3',
      endpointType: 'VPC',
      endpointDetails: {
        vpcId: vpc.vpcId,
        subnetIds: vpc.publicSubnets.map((s) => s.subnetId),
        addressAllocationIds: addresses.map((a) => a.attrAllocationId),
        securityGroupIds: [as2Ingress.securityGroupId],
      },
      securityPolicyName: 'TransferSecurityPolicy-2024-01',
      loggingRole: loggingRole.roleArn,
      tags: [{ key: 'Name', value: `dropship-oms-${props.stage}-as2` }],
    });
    // Our identity; its certificates are set by ops (PUT /edi/as2/profile), which imports them.
    this.localProfile = new CfnProfile(this, 'LocalProfile', { as2Id: props.as2Id, profileType: 'LOCAL' });

    const shared = { table: props.table, stage: props.stage, logRetention: props.logRetention, alertsTopic: props.alertsTopic, stateMachineArn: props.stateMachineArn };
    this.mailboxFile = new HandlerFunction(this, 'MailboxFile', { ...shared, group: functionGroups.mailboxFile, timeout: Duration.minutes(5) });
    this.mailboxFile.function.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(props.deadLetters) });
    // Every new object under mailboxes/: the function takes those in a connection's /in and leaves the rest.
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.mailboxFile.function), { prefix: 'mailboxes/' });

    this.as2Events = new HandlerFunction(this, 'As2Events', { ...shared, group: functionGroups.as2Events });
    new Rule(this, 'As2Mdns', {
      description: functionGroups.as2Events.description,
      eventPattern: { source: ['aws.transfer'], detailType: ['AS2 MDN Receive Completed', 'AS2 MDN Receive Failed', 'AS2 Payload Send Failed'] },
      targets: [new LambdaFunction(this.as2Events.function, { retryAttempts: 2, deadLetterQueue: props.deadLetters })],
    });
    this.bind(this.mailboxFile);
    this.bind(this.as2Events);
    this.acknowledgeFindings();
  }

  /** The cdk-nag AwsSolutions findings this part accepts, each with its reason. */
  private acknowledgeFindings(): void {
    const stack = Stack.of(this);
    const id = (construct: Construct) => stack.getLogicalId((construct instanceof CfnResource ? construct : construct.node.defaultChild) as CfnElement);
    const transfer = 'arn:<AWS::Partition>:transfer:<AWS::Region>:<AWS::AccountId>';
    const reasons: [string, string][] = [
      [`Resource::<${id(this.bucket)}.Arn>/mailboxes/*`, "Functions that write vendors' files, and Transfer Family itself, work in every connection's folder under mailboxes/; each SFTP user is narrowed to its own folder by a session policy"],
      [`Resource::${transfer}:connector/*`, 'Connectors, partner profiles and certificates are made per connection at run time and get their ids then: the grant names the resource kind'],
      [`Resource::${transfer}:profile/*`, 'Partner profiles are made per AS2 connection at run time'],
      [`Resource::${transfer}:certificate/*`, "Partners' certificates are imported per AS2 connection at run time"],
      [`Resource::${transfer}:user/<${id(this.sftpServer)}.ServerId>/*`, 'SFTP users are made per connection at run time, on our SFTP server only'],
      [`Resource::${transfer}:agreement/<${id(this.as2Server)}.ServerId>/*`, 'AS2 agreements are made per connection at run time, on our AS2 server only'],
      ['Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/transfer/*', 'Transfer Family names its log groups /aws/transfer/<server id>, known only once the servers exist'],
    ];
    for (const [resource, reason] of reasons) Validations.of(stack).acknowledge({ id: `AwsSolutions-IAM5[${resource}]`, reason });
    Validations.of(this).acknowledge({ id: 'AwsSolutions-EC23', reason: "AS2 partners post from their own addresses on the internet: the server takes port 5080 only, and each message's S/MIME signature authenticates its sender" });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "Every file is recorded where ops look (the connection's files, the EDI log) and in Transfer Family's own logs; the bucket is versioned",
    });
  }

  /** Gives a function its mailbox access, Transfer Family permissions and settings, as its group names them. */
  bind(handler: HandlerFunction): void {
    const { group } = handler;
    if (!group.mailboxes && !group.transfer) return;
    const fn = handler.function;
    fn.addEnvironment('MAILBOX_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('TRANSFER_SFTP_SERVER_ID', this.sftpServer.attrServerId);
    fn.addEnvironment('TRANSFER_SFTP_HOST', `${this.sftpServer.attrServerId}.server.transfer.${Aws.REGION}.amazonaws.com`);
    fn.addEnvironment('TRANSFER_AS2_SERVER_ID', this.as2Server.attrServerId);
    fn.addEnvironment('TRANSFER_LOCAL_PROFILE_ID', this.localProfile.attrProfileId);
    fn.addEnvironment('TRANSFER_ACCESS_ROLE_ARN', this.accessRole.roleArn);
    if (group.mailboxes) {
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [this.bucket.arnForObjects('mailboxes/*')] }));
      fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': ['mailboxes/*'] } } }));
    }
    const transferArn = (resource: string) => `arn:${Aws.PARTITION}:transfer:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    if (group.transfer === 'SEND' || group.transfer === 'MANAGE') {
      fn.addToRolePolicy(new PolicyStatement({ actions: ['transfer:StartFileTransfer'], resources: [transferArn('connector/*')] }));
    }
    if (group.transfer === 'MANAGE') {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['transfer:CreateUser', 'transfer:UpdateUser', 'transfer:DeleteUser', 'transfer:DescribeUser', 'transfer:ImportSshPublicKey', 'transfer:DeleteSshPublicKey'],
          resources: [this.sftpServer.attrArn, transferArn(`user/${this.sftpServer.attrServerId}/*`)],
        }),
      );
      fn.addToRolePolicy(new PolicyStatement({ actions: ['transfer:DescribeServer'], resources: [this.sftpServer.attrArn, this.as2Server.attrArn] }));
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['transfer:CreateAgreement', 'transfer:UpdateAgreement', 'transfer:DeleteAgreement'],
          resources: [this.as2Server.attrArn, transferArn(`agreement/${this.as2Server.attrServerId}/*`)],
        }),
      );
      // Profiles, certificates and connectors get their ids when made, so the grant names their kinds, not each one.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: [
            'transfer:CreateProfile', 'transfer:UpdateProfile', 'transfer:DeleteProfile', 'transfer:DescribeProfile',
            'transfer:ImportCertificate', 'transfer:DeleteCertificate', 'transfer:DescribeCertificate',
            'transfer:CreateConnector', 'transfer:UpdateConnector', 'transfer:DeleteConnector',
            'transfer:TagResource',
          ],
          resources: [transferArn('profile/*'), transferArn('certificate/*'), transferArn('connector/*')],
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.accessRole.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'transfer.amazonaws.com' } } }),
      );
    }
  }
}
