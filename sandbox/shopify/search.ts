/**
 * Shopify search syntax for `orders(query:)` (store-apis.md A1): terms, implicit AND, explicit
 * AND/OR/NOT, `-` negation, parentheses, comparators `: :< :> :<= :>=`. Date values must be
 * quoted; an unquoted timestamp (or an unknown field) does not filter anything and is reported
 * as a warning, the way Shopify answers instead of failing the query.
 */
export interface SearchableOrder {
  id: number;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelled: boolean;
  closed: boolean;
  test: boolean;
  financialStatus: string;
  fulfillmentStatus: string;
  tags: string[];
  totalMinor: number;
  currentTotalMinor: number;
  exponent: number;
  customerName: string;
  skus: string[];
}

export interface SearchWarning {
  field: string;
  message: string;
}

type Pred = (o: SearchableOrder) => boolean;
type Comparator = ':' | ':<' | ':>' | ':<=' | ':>=';

interface Token {
  text: string;
  /** The value part was quoted (dates must be). */
  quoted: boolean;
  paren?: '(' | ')';
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { tokens.push({ text: c, quoted: false, paren: c }); i++; continue; }
    let text = '';
    let quoted = false;
    while (i < input.length && !/\s/.test(input[i]!) && input[i] !== ')' && !(input[i] === '(' && text === '')) {
      const ch = input[i]!;
      if (ch === '"' || ch === "'") {
        const close = input.indexOf(ch, i + 1);
        const end = close === -1 ? input.length : close;
        text += input.slice(i + 1, end);
        quoted = true;
        i = end + 1;
        continue;
      }
      text += ch;
      i++;
    }
    tokens.push({ text, quoted });
  }
  return tokens;
}

const DATE_FIELDS = { created_at: 'createdAt', updated_at: 'updatedAt', processed_at: 'processedAt' } as const;

function parseDateValue(value: string, quoted: boolean): { ms: number; dayOnly: boolean } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ms: Date.parse(`${value}T00:00:00Z`), dayOnly: true };
  // An unquoted value with a time part is cut at its colons by Shopify's parser.
  if (!quoted) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { ms, dayOnly: false };
}

function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case ':': return a === b;
    case ':<': return a < b;
    case ':>': return a > b;
    case ':<=': return a <= b;
    case ':>=': return a >= b;
  }
}

function termPredicate(token: Token, warnings: SearchWarning[]): Pred {
  const m = /^([a-z_]+)(:<=|:>=|:<|:>|:)(.*)$/i.exec(token.text);
  if (!m) {
    const word = token.text.toLowerCase();
    return (o) =>
      o.name.toLowerCase().includes(word) ||
      (o.email ?? '').toLowerCase().includes(word) ||
      o.customerName.toLowerCase().includes(word);
  }
  const field = m[1]!.toLowerCase();
  const op = m[2] as Comparator;
  const value = m[3]!;
  const lower = value.toLowerCase();
  const ignore = (message: string): Pred => {
    warnings.push({ field, message });
    return () => true;
  };
  if (field in DATE_FIELDS) {
    const key = DATE_FIELDS[field as keyof typeof DATE_FIELDS];
    const parsed = parseDateValue(value, token.quoted);
    if (!parsed) return ignore(`Invalid date value '${value}'; date values must be quoted.`);
    if (parsed.dayOnly && op === ':') {
      const dayEnd = parsed.ms + 86_400_000;
      return (o) => { const t = Date.parse(o[key]); return t >= parsed.ms && t < dayEnd; };
    }
    return (o) => compare(Date.parse(o[key]), op, parsed.ms);
  }
  switch (field) {
    case 'id': {
      const n = Number(value.replace(/^gid:\/\/shopify\/Order\//, ''));
      if (!Number.isFinite(n)) return ignore(`Invalid id value '${value}'.`);
      return (o) => compare(o.id, op, n);
    }
    case 'status':
      switch (lower) {
        case 'open': return (o) => !o.closed && !o.cancelled;
        case 'closed': return (o) => o.closed;
        case 'cancelled': return (o) => o.cancelled;
        case 'not_closed': return (o) => !o.closed;
        case 'any': case 'all': return () => true;
        default: return ignore(`Invalid status value '${value}'.`);
      }
    case 'test':
      if (lower !== 'true' && lower !== 'false') return ignore(`Invalid test value '${value}'.`);
      return (o) => o.test === (lower === 'true');
    case 'financial_status':
      return (o) => o.financialStatus === lower;
    case 'fulfillment_status': {
      const map: Record<string, string[]> = {
        shipped: ['fulfilled'], fulfilled: ['fulfilled'], partial: ['partial'],
        unshipped: ['unfulfilled'], unfulfilled: ['unfulfilled', 'partial'], any: ['fulfilled', 'partial', 'unfulfilled'],
      };
      const accepted = map[lower];
      if (!accepted) return ignore(`Invalid fulfillment_status value '${value}'.`);
      return (o) => accepted.includes(o.fulfillmentStatus);
    }
    case 'name':
      return (o) => o.name.toLowerCase() === lower || o.name.toLowerCase() === `#${lower}`;
    case 'email':
      return (o) => (o.email ?? '').toLowerCase() === lower;
    case 'tag':
      return (o) => o.tags.some((t) => t.toLowerCase() === lower);
    case 'tag_not':
      return (o) => !o.tags.some((t) => t.toLowerCase() === lower);
    case 'sku':
      return (o) => o.skus.some((s) => s.toLowerCase() === lower);
    case 'total_price':
    case 'current_total_price': {
      const amount = Number(value);
      if (!Number.isFinite(amount)) return ignore(`Invalid ${field} value '${value}'.`);
      const minor = Math.round(amount * 10 ** 3);
      return (o) => compare((field === 'total_price' ? o.totalMinor : o.currentTotalMinor) * 10 ** (3 - o.exponent), op, minor);
    }
    default:
      return ignore('Invalid search field for this query.');
  }
}

/** Compiles a query string; an empty or blank query matches every order. */
export function compileSearch(query: string | null | undefined): { matches: Pred; warnings: SearchWarning[] } {
  const warnings: SearchWarning[] = [];
  const tokens = tokenize(query ?? '');
  let pos = 0;
  const peek = () => tokens[pos];

  function parseOr(): Pred {
    const parts = [parseAnd()];
    while (peek() && !peek()!.paren && peek()!.text === 'OR') { pos++; parts.push(parseAnd()); }
    return parts.length === 1 ? parts[0]! : (o) => parts.some((p) => p(o));
  }
  function parseAnd(): Pred {
    const parts: Pred[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.paren === ')' || (!t.paren && t.text === 'OR')) break;
      if (!t.paren && t.text === 'AND') { pos++; continue; }
      parts.push(parseUnary());
    }
    return (o) => parts.every((p) => p(o));
  }
  function parseUnary(): Pred {
    const t = tokens[pos++]!;
    if (t.paren === '(') {
      const inner = parseOr();
      if (peek()?.paren === ')') pos++;
      return inner;
    }
    if (t.text === 'NOT') { const inner = parseUnary(); return (o) => !inner(o); }
    if (t.text.startsWith('-') && t.text.length > 1) {
      const inner = termPredicate({ ...t, text: t.text.slice(1) }, warnings);
      return (o) => !inner(o);
    }
    return termPredicate(t, warnings);
  }

  const matches = tokens.length === 0 ? () => true : parseOr();
  return { matches, warnings };
}
