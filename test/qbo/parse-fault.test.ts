import { describe, expect, it } from 'vitest';
import { QboAuthError, QboFaultError, QboThrottledError } from '../../main/qbo/errors';
import { parseFault } from '../../main/qbo/parse-fault';
import { faultError } from '../../main/qbo/transport';

describe('QBO fault bodies (qbo-api.md §5)', () => {
  it('reads the data-service JSON Fault', () => {
    const body = '{"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists. : x","code":"6240","element":""}],"type":"ValidationFault"},"time":"2017-09-29T09:17:31.892-07:00"}';
    expect(parseFault(body)).toEqual({
      type: 'ValidationFault',
      errors: [{ code: '6240', message: 'Duplicate Name Exists Error', detail: 'The name supplied already exists. : x', element: '' }],
    });
    const error = faultError(400, body, '1-abc');
    expect(error).toBeInstanceOf(QboFaultError);
    expect(error).toMatchObject({ code: '6240', status: 400, intuitTid: '1-abc', isValidation: true });
  });

  it('reads the gateway JSON (lower-case keys, null padding)', () => {
    const body = JSON.stringify({
      warnings: null,
      fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '3200', element: null }], type: 'AUTHENTICATION' },
      time: 1633520295688,
    });
    const error = faultError(401, body, null);
    expect(error).toBeInstanceOf(QboAuthError);
    expect(error.errors[0]).toEqual({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', element: '' });
    expect(error.faultType).toBe('AUTHENTICATION');
  });

  it('reads the XML throttle body QBO sends even to JSON clients', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2017-07-30T22:45:22.933-07:00"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
    const error = faultError(429, xml, '1-t');
    expect(error).toBeInstanceOf(QboThrottledError);
    expect(error.errors).toEqual([{ code: '3001', element: '', message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', detail: 'The request limit was reached.  Try again later' }]);
  });

  it('keeps the element of an XML validation fault and decodes entities', () => {
    const xml = '<IntuitResponse><Fault type="ValidationFault"><Error code="2020" element="Line.Amount"><Message>Required param missing</Message><Detail>Amount &amp; Qty &lt;0&gt;</Detail></Error></Fault></IntuitResponse>';
    expect(parseFault(xml)?.errors[0]).toEqual({ code: '2020', element: 'Line.Amount', message: 'Required param missing', detail: 'Amount & Qty <0>' });
  });

  it('falls back to the HTTP status for bodies that are no fault at all', () => {
    const error = faultError(502, '<html>Bad gateway</html>', null);
    expect(error.faultType).toBe('SystemFault');
    expect(error.code).toBe('502');
    expect(parseFault('not json')).toBeNull();
  });
});
