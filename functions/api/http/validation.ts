import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../../domain/errors';

const ruleOf = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
  if (issue.code === 'invalid_format') return `format:${issue.format}`;
  return issue.code;
};

const messageOf = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `has unknown fields: ${issue.keys.join(', ')}`;
  return issue.message;
};

/** Maps zod's issues to the API's field issues: a dotted path, a rule name and a sentence. */
export function toFieldIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix,
    rule: ruleOf(issue),
    message: messageOf(issue),
  }));
}

/** Parses a request part, or throws a VALIDATION_FAILED naming every failing field. */
export function parseRequestPart<T extends z.ZodType>(schema: T, value: unknown, part: 'body' | 'query' | 'path'): z.output<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new DomainError(
    'VALIDATION_FAILED',
    `The request ${part} is not valid`,
    toFieldIssues(result.error, part === 'body' ? '' : part),
  );
}
