/** API2Cart: orders from many store platforms through one API. */
export { Api2CartConnector, ORDER_FIELDS, type Api2CartConnectorConfig, type OrderProblemReport } from './connector';
export { Api2CartClient, API2CART_BASE_URL, DEFAULT_RETRY, type RetryPolicy } from './client';
export { api2cartKind } from './kind';
export { platformRules, knownPlatforms, type PlatformRules } from './platforms';
export { errorForCode, knownReturnCodes, RETRYABLE_CODES } from './return-codes';
