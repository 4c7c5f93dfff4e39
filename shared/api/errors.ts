// The one error shape every transport carries. Messages are written for the person at the console:
// what is wrong and, where it helps, what to do. Internal failures never expose a stack trace.
import { z } from 'zod';

export const apiErrorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'read_only',
  'forbidden',
  'unauthorized',
  'unavailable',
  'internal',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
  /** For invalid_input: each offending field as a dotted path. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export type ApiErrorData = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiErrorData['issues'];

  constructor(code: ApiErrorCode, message: string, issues?: ApiErrorData['issues']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ApiErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static from(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.issues);
  }
}

/** HTTP status for each code, used by the browser shell. */
export const httpStatusOf: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  read_only: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
  unavailable: 503,
};

/** Turns zod issues into `field: message` pairs a person can act on. */
export function invalidInput(error: z.ZodError, what = 'input'): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid';
  return new ApiError('invalid_input', `Invalid ${what} — ${summary}`, issues);
}

/** The envelope every transport uses, so errors survive IPC and HTTP alike. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorData };
