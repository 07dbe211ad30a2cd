import { DomainError } from '../../functions/domain/errors';

/** Runs a domain rule that must refuse, and returns its error for the test to inspect. */
export function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
