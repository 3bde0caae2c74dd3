/**
 * QBO's two error families: data-service Faults (`{"Fault":{"Error":[...],"type":...}}`, codes as
 * strings, HTTP 400 for validation) and the API gateway's bodies (lower-case keys, epoch-millis
 * time) for authentication, authorization and throttling. Texts follow the observed responses in
 * the reference notes (shared/reference/qbo-api.md §5).
 */
import { qboTime } from './clock';

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element: string;
}

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault';

/** Thrown by operations; the handler (or batch) turns it into a Fault body. */
export class QboFault extends Error {
  constructor(
    readonly errors: FaultError[],
    readonly type: FaultType = 'ValidationFault',
    readonly status = 400,
  ) {
    super(errors.map((e) => `${e.code} ${e.Message}: ${e.Detail}`).join('; '));
  }

  body(): { Fault: { Error: FaultError[]; type: FaultType } } {
    return { Fault: { Error: this.errors, type: this.type } };
  }
}

function fault(code: string, Message: string, Detail: string, element = '', status = 400): QboFault {
  return new QboFault([{ Message, Detail, code, element }], 'ValidationFault', status);
}

export const faults = {
  staleObject: () =>
    fault(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.',
    ),
  duplicateDocNumber: (docNumber: string, txnType: string, txnId: string) =>
    fault(
      '6140',
      'Duplicate Document Number Error',
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=${txnType} with TxnId=${txnId}`,
    ),
  duplicateName: (name: string, id: string, who: string) =>
    fault(
      '6240',
      'Duplicate Name Exists Error',
      `The name supplied already exists. : Another ${who} is already using this name. Please use a different name. Id=${id} Name=${name}`,
    ),
  requiredParam: (element: string) =>
    fault(
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${element} is missing in the request`,
      element,
    ),
  invalidReference: (element: string, entity: string, id: string) =>
    fault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${entity} with Id ${id} does not exist`, element),
  objectNotFound: (element = '') =>
    fault(
      '610',
      'Object Not Found',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      element,
    ),
  businessValidation: (detail: string, element = '') =>
    fault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element),
  amountMismatch: (element: string, supplied: number) =>
    fault(
      '6070',
      'A business validation error has occurred while processing your request',
      `Business Validation Error: Amount is not equal to UnitPrice * Qty. Supplied value:${supplied}`,
      element,
    ),
  invalidProperty: (detail: string, element = '') =>
    fault('2010', 'Request has invalid or unsupported property', `Property Name:${detail} specified is unsupported or invalid`, element),
  unsupportedOperation: (detail: string) => fault('500', 'Unsupported Operation', detail),
  queryParser: (detail: string) => fault('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => fault('4001', 'Invalid query', `QueryValidationError: ${detail}`),
  batchTooLarge: (size: number, max: number) =>
    fault('1040', 'Batch size exceeds allowed limit', `Batch size ${size} exceeds the maximum allowed size of ${max} BatchItemRequests`),
  batchEmpty: () => fault('400', 'MalformedRequest', 'Batch Request is Empty'),
  requestIdTooLong: (max: number) =>
    fault('6000', 'A business validation error has occurred while processing your request', `Business Validation Error: You cannot enter more than ${max} characters in the request_id field.`),
  cdcTooOld: (changedSince: string) =>
    fault('500', 'Unsupported Operation', `Operation cdc with changedSince date ${changedSince} which is older than fixed days is not supported.`),
  notFound: (path: string) => fault('500', 'Unsupported Operation', `Operation ${path} is not supported.`, '', 404),
};

export function faultBody(f: QboFault, nowMs: number): string {
  return JSON.stringify({ ...f.body(), time: qboTime(nowMs, true) });
}

/** The API gateway's JSON body for 401/403 (lower-case keys, null padding, epoch-millis time). */
export function gatewayFaultBody(
  kind: 'authentication' | 'authorization',
  detail: string,
  nowMs: number,
): { status: number; body: string } {
  const [status, message, code, type] =
    kind === 'authentication'
      ? [401, 'message=AuthenticationFailed; errorCode=003200; statusCode=401', '3200', 'AUTHENTICATION']
      : [403, 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', '3100', 'SERVICE'];
  const body = {
    warnings: null,
    intuitObject: null,
    fault: { error: [{ message, detail, code, element: null }], type },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: nowMs,
    status: null,
    cdcresponse: [],
  };
  return { status, body: JSON.stringify(body) };
}

/** The gateway throttle body: XML even when JSON was asked for (observed behaviour). */
export function throttleBody(nowMs: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${qboTime(nowMs, true)}">` +
    '<Fault type="SERVICE"><Error code="3001">' +
    '<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>' +
    '<Detail>The request limit was reached.  Try again later</Detail>' +
    '</Error></Fault></IntuitResponse>'
  );
}
