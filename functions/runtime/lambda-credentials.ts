/**
 * The AWS SDK's default credential chain, as the Lambda bundles resolve it (lib/bundling.ts aliases
 * `@aws-sdk/credential-provider-node` here). Lambda puts the execution role's credentials in the
 * environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which is the chain's
 * first link and the only one that ever answers there; the rest (SSO, shared ini files, credential
 * processes, web identity, container and instance metadata, with the STS and SSO clients they
 * carry) only cost every cold start the parsing of ~120 KB (`npm run bench`). The offline stack
 * and the tests run from source and keep the whole chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
