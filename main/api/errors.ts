import type { z } from 'zod';
import type { ApiErrorBody, ErrorCode } from '../../preload/contract';

/** An error meant for the user: its message is shown as is, so it must never carry a secret. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** Turns zod issues into one sentence that names every offending field. */
export function invalidRequest(context: string, error: z.ZodError): AppError {
  const parts = error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    return `${path}: ${issue.message}`;
  });
  const first = error.issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : undefined;
  return new AppError('invalid_request', `Invalid ${context}: ${parts.join('; ')}`, field);
}
