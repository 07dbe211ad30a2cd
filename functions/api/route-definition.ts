import type * as z from 'zod';
import type { RouteAccess } from './route-access';

/** A route: who may call it (route-access.ts) and its schemas (each group's api/routes/<group>.ts). */
export interface RouteDefinition extends RouteAccess {
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: Readonly<Record<string, string>>;
  readonly response: z.ZodType;
  readonly successStatus?: number;
  /** `x12`: raw X12 text (application/edi-x12); `text`: the body as received (a signed webhook): both passed as a string. */
  readonly bodyFormat?: 'json' | 'x12' | 'text';
}

