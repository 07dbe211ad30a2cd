import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DockerImage, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { AllowedMethods, Distribution, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

const consoleDir = resolve(import.meta.dirname, '..', 'console');

export interface OpsConsoleProps {
  readonly production: boolean;
}

/**
 * The ops console on AWS: its built files in a private S3 bucket, served only through CloudFront
 * (origin access control, HTTPS, security headers). `deploy` uploads the build with a config.json
 * naming the API, so the same build works on any stage.
 */
export class OpsConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** Where the console is served; the API lets this origin call it (CORS). */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: OpsConsoleProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.production,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Dropship OMS ops console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    const reasons: [string, string][] = [
      ['AwsSolutions-S1', 'The bucket holds only the public console build; CloudFront is the one reader and the API logs every call the console makes'],
      ['AwsSolutions-CFR1', 'Ops work from anywhere; access is by API key, not by country'],
      ['AwsSolutions-CFR2', 'Static files only; the API behind it has its own WAF option'],
      ['AwsSolutions-CFR3', 'Static files only; every request that matters is in the API access log'],
      ['AwsSolutions-CFR4', "The default CloudFront domain and certificate; a custom domain brings its own TLS policy"],
    ];
    for (const [rule, reason] of reasons) Validations.of(this).acknowledge({ id: rule, reason });
  }

  /**
   * Uploads the console and the vendor portal (one Vite build, made at synth time) with their
   * config.json files, then refreshes CloudFront. The portal is at /portal/index.html.
   */
  deploy(apiUrl: string, retailerName = 'Dropship OMS Demo Store'): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Upload', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      sources: [
        Source.asset(consoleDir, {
          bundling: {
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
            command: ['sh', '-c', 'echo "build the console locally: npm ci at the repository root" && exit 1'],
            local: {
              tryBundle(outputDir: string) {
                execFileSync('npx', ['vite', 'build', consoleDir, '--outDir', outputDir, '--emptyOutDir'], { stdio: 'inherit' });
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', { apiUrl }),
        Source.jsonData('portal/config.json', { apiUrl, retailerName }),
      ],
    });
    // BucketDeployment and autoDeleteObjects run CDK's own handler functions, with CDK's own grants.
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const cdkHandlers = "CDK's bucket deployment and auto-delete handlers: AWS-maintained functions and grants, limited to the assets bucket and this console's bucket";
    for (const id of [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-L1',
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => `AwsSolutions-IAM5[Action::${action}]`),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
    ]) {
      Validations.of(stack).acknowledge({ id, reason: cdkHandlers });
    }
    return deployment;
  }
}
