import type { z } from 'zod';

export type ErrorCode =
  'unauthenticated' | 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'rate_limited';

export type Failure = {
  ok: false;
  code: ErrorCode;
  error: string;
  fieldErrors?: Record<string, string>;
};
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

/**
 * An expected failure raised inside a transaction so that everything written so far is
 * rolled back; `mutation()` turns it into a returned Failure.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const fail = (
  code: ErrorCode,
  error: string,
  fieldErrors?: Record<string, string>,
): Failure => ({
  ok: false,
  code,
  error,
  ...(fieldErrors ? { fieldErrors } : {}),
});

export function toFailure(err: unknown): Failure {
  if (err instanceof ServiceError) return fail(err.code, err.message, err.fieldErrors);
  throw err;
}

/** The first message per field of a zod error, keyed by the field's path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

export function invalid(error: z.ZodError): Failure {
  return fail('invalid', 'Please correct the highlighted fields.', fieldErrorsOf(error));
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 422,
  conflict: 409,
  rate_limited: 429,
};

/** Parses input inside a mutation: bad input rolls back like any other failure. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError(
      'invalid',
      'Please correct the highlighted fields.',
      fieldErrorsOf(parsed.error),
    );
  }
  return parsed.data;
}
