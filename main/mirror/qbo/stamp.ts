/**
 * The origin stamp Ledgerbridge writes into every document it creates
 * (`ledgerbridge:<source>:<sourceId>` in PrivateNote), so the next reconcile ties the document
 * back to its order without guessing.
 */
const STAMP = /\bledgerbridge:(shopify|woocommerce|csv|api2cart):([^\s;,]+)/;

export function formatStamp(source: string, sourceId: string): string {
  return `ledgerbridge:${source}:${sourceId}`;
}

/** The stamp inside a memo, normalised, or null. */
export function findStamp(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const match = STAMP.exec(text);
  return match ? formatStamp(match[1]!, match[2]!) : null;
}
