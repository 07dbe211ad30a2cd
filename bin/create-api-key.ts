/**
 * Bootstraps API keys on a deployed stack, where no ops key exists yet to call POST /api-keys.
 * Writes straight to the table with your AWS credentials and prints the secret once.
 *
 *   npm run create-api-key -- --table DropshipOms-dev-DataTable... --role ops
 *   npm run create-api-key -- --table ... --role vendor --vendor acme
 */
import { parseArgs } from 'node:util';
import { createApiKeyInput } from '../functions/contracts/api-keys';
import { hashSecret, randomIds } from '../functions/ids';
import { putApiKey } from '../functions/store/api-key-store';
import { connectTable } from '../functions/store/table';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
    role: { type: 'string' },
    vendor: { type: 'string' },
    storefront: { type: 'string' },
    description: { type: 'string' },
  },
});

const input = createApiKeyInput.safeParse({
  role: values.role,
  vendorId: values.vendor,
  storefrontId: values.storefront,
  description: values.description ?? 'created with npm run create-api-key',
});
if (!values.table || !input.success) {
  console.error('Usage: npm run create-api-key -- --table <TableName output> --role ops|storefront|vendor [--vendor id] [--storefront id]');
  if (!input.success) for (const issue of input.error.issues) console.error(`  ${issue.path.join('.') || 'role'}: ${issue.message}`);
  process.exit(2);
}

const secret = randomIds.apiKeySecret();
const keyId = randomIds.apiKeyId();
await putApiKey(
  connectTable({ tableName: values.table, region: values.region }),
  { keyId, secretHash: hashSecret(secret), ...input.data, createdAt: new Date().toISOString() },
  { overwrite: false },
);
console.log(`key id: ${keyId}\nsecret: ${secret}\n(the secret is not stored and cannot be shown again)`);
