/**
 * Typed QBO failures. Every one keeps the HTTP status and Intuit's `intuit_tid` (what Intuit
 * support asks for). Messages are built from QBO's own texts only, never from request headers,
 * so they cannot carry a token.
 */

export interface QboFaultItem {
  code: string;
  message: string;
  detail: string;
  /** The field QBO blames (`element`), '' when none. */
  element: string;
}

export class QboError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly intuitTid: string | null,
  ) {
    super(message);
    this.name = 'QboError';
  }
}

/** A data-service or gateway Fault: validation (400), system (5xx), auth (401/403), throttle (429). */
export class QboFaultError extends QboError {
  constructor(
    readonly faultType: string,
    readonly errors: QboFaultItem[],
    status: number,
    intuitTid: string | null,
  ) {
    const first = errors[0];
    super(
      first ? `QuickBooks ${faultType} ${first.code}: ${first.message}${first.detail ? ` (${first.detail})` : ''}` : `QuickBooks ${faultType}`,
      status,
      intuitTid,
    );
    this.name = 'QboFaultError';
  }

  get code(): string {
    return this.errors[0]?.code ?? '';
  }

  get element(): string {
    return this.errors[0]?.element ?? '';
  }

  get isValidation(): boolean {
    return this.faultType === 'ValidationFault' || (this.status === 400 && this.faultType !== 'SystemFault');
  }
}

/** QBO kept answering 429 after every retry. */
export class QboThrottledError extends QboFaultError {
  constructor(errors: QboFaultItem[], intuitTid: string | null) {
    super('ThrottleExceeded', errors, 429, intuitTid);
    this.name = 'QboThrottledError';
  }
}

/** The access token was refused even right after a refresh. */
export class QboAuthError extends QboFaultError {
  constructor(faultType: string, errors: QboFaultItem[], status: number, intuitTid: string | null) {
    super(faultType, errors, status, intuitTid);
    this.name = 'QboAuthError';
  }
}

/** No HTTP answer at all: connection refused, reset, timed out. */
export class QboTransportError extends QboError {
  constructor(message: string, readonly causeCode: string | null) {
    super(message, null, null);
    this.name = 'QboTransportError';
  }
}

/** A 2xx answer whose body is not what QBO documents. */
export class QboResponseError extends QboError {
  constructor(message: string, status: number, intuitTid: string | null) {
    super(message, status, intuitTid);
    this.name = 'QboResponseError';
  }
}

/** A request we refuse to send (e.g. a requestid longer than QBO accepts). */
export class QboUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QboUsageError';
  }
}
