import type { CallError, ErrorCode } from '../../shared/api/result';

/** An error the engine means to show the user: it carries a contract error code. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toCallError(): CallError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function notFound(what: string, id: number | string): AppError {
  return new AppError('not_found', `${what} ${id} does not exist`);
}
