/** ISO 4217 exponents: the table lives with the contract, because the renderer formats money with it too. */
export { allCurrencyCodes, currencyExponent, isCurrencyCode } from '../../preload/currencies';
