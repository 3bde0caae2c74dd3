/** Instants exchanged with QBO: its `time` values carry an offset; we send UTC with `Z`. */

export function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${JSON.stringify(text)}`);
  return ms;
}

/** `2026-06-15T17:00:00.000Z` */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** `text` moved back by `ms`: the safety overlap before a cursor. */
export function minus(text: string, ms: number): string {
  return formatInstant(parseInstant(text) - ms);
}

export function earliest(texts: readonly string[]): string {
  return texts.reduce((a, b) => (parseInstant(b) < parseInstant(a) ? b : a));
}
