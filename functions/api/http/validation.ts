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

/**
 * Control characters have no place in any text we keep: a NUL in a name ends up in a customer's
 * email, a vendor's 850, a log line. Tab, line feed and carriage return are left to each field's own
 * schema (one-line fields refuse them too; notes and reasons may span lines).
 */
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

function controlCharacterIssues(value: unknown, path: string[], found: FieldIssue[]): FieldIssue[] {
  if (typeof value === 'string') {
    const match = controlCharacter.exec(value);
    if (match) {
      const code = `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      found.push({ field: path.join('.'), rule: 'no_control_characters', message: `contains the control character ${code} at position ${match.index + 1}` });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => controlCharacterIssues(item, [...path, String(i)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) controlCharacterIssues(item, [...path, key], found);
  }
  return found;
}

/** Parses a request part, or throws a VALIDATION_FAILED naming every failing field. */
export function parseRequestPart<T extends z.ZodType>(schema: T, value: unknown, part: 'body' | 'query' | 'path'): z.output<T> {
  const prefix = part === 'body' ? [] : [part];
  // A body that is one string is raw X12 (whose separators may be control characters), never JSON text.
  const controls = typeof value === 'string' ? [] : controlCharacterIssues(value, prefix, []);
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success && controls.length === 0) return result.data;
  const issues = [...controls, ...(result.success ? [] : toFieldIssues(result.error, prefix.join('')))];
  throw new DomainError('VALIDATION_FAILED', `The request ${part} is not valid`, issues);
}
