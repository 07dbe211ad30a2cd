import { DomainError } from '../domain/errors';

/**
 * Opaque pagination cursors: DynamoDB's LastEvaluatedKey, base64url-encoded. A cursor is checked
 * on the way back in, so a forged or stale one is a 400, never a DynamoDB ValidationException.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : null;
}

export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; partition: { name: string; value: string } },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new DomainError('INVALID_CURSOR', 'The cursor is not one this list returned', [
      { field: 'cursor', rule: 'cursor', message: 'must be a nextCursor from the same list and filters' },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const entries = Object.entries(decoded);
  const wellFormed =
    entries.length === expected.attributes.length &&
    entries.every(([name, value]) => expected.attributes.includes(name) && typeof value === 'string') &&
    (decoded as Record<string, unknown>)[expected.partition.name] === expected.partition.value;
  if (!wellFormed) throw invalid();
  return decoded as Record<string, string>;
}
