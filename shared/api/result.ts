// How every call's outcome crosses a process boundary: errors are values, so they survive
// structured cloning and JSON alike.

export const ERROR_CODES = [
  'unknown_call',
  'invalid_input',
  'not_found',
  'conflict',
  'library_in_use',
  'library_too_new',
  'library_damaged',
  'parse_error',
  'io_error',
  'forbidden',
  // network features are turned off in settings: no request was made
  'offline',
  // a service could not be reached or answered with an error
  'network_error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CallError {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (for example the zod issues of an invalid input). */
  details?: unknown;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };
