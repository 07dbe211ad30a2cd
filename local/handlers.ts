import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functionGroups, type FunctionName } from '../functions/function-groups';

const repositoryRoot = resolve(import.meta.dirname, '..');

/** Loads a function's `handler` from the same entry file the CDK stack bundles into its Lambda. */
export async function loadHandler<T>(name: FunctionName): Promise<T> {
  const module = (await import(pathToFileURL(resolve(repositoryRoot, functionGroups[name].entry)).href)) as { handler: T };
  return module.handler;
}

export type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;
