/**
 * API2Cart sends money as JSON numbers (`"total":57.65`). `JSON.parse` would turn them into binary
 * floats before we could read their digits, and Node 20 has no reviver source-text access, so every
 * number token is quoted in the raw text first: the parsed value keeps the literal exactly as sent
 * ("57.65", "1e-7", "30"). The scan skips over strings whole (escapes included), so digits inside
 * strings are never touched; `JSON.parse` then does the real parsing and the syntax checks.
 */

export type ExactJson = string | boolean | null | ExactJson[] | { [key: string]: ExactJson };

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;

function isNumberStart(c: number): boolean {
  return c === MINUS || (c >= 48 && c <= 57);
}

// Digits, sign, point and exponent: every character a JSON number token can contain.
function isNumberPart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS;
}

/** The text with each number token outside strings wrapped in quotes. */
export function quoteNumbers(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: one not preceded by an odd run of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return text; // unterminated: let JSON.parse report it
        let k = j - 1;
        while (text.charCodeAt(k) === BACKSLASH) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j + 1;
    } else if (isNumberStart(c)) {
      let j = i + 1;
      while (j < n && isNumberPart(text.charCodeAt(j))) j++;
      parts.push(text.slice(copied, i), '"', text.slice(i, j), '"');
      copied = j;
      i = j;
    } else {
      i++;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Parses JSON text with every number turned into its exact literal text. Throws SyntaxError like
 * JSON.parse; a malformed number (`1.2.3`) becomes a string that the money parser then refuses.
 */
export function parseExactJson(text: string): ExactJson {
  return JSON.parse(quoteNumbers(text)) as ExactJson;
}
