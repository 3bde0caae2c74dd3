/**
 * Parser for QBO's query language:
 *   SELECT * | count(*) FROM Entity [WHERE p op v [AND ...]] [ORDERBY p [ASC|DESC][, ...]]
 *   [STARTPOSITION n] [MAXRESULTS m]
 * Keywords are case-insensitive, there is no OR, values are 'quoted' (backslash escapes), bare
 * words/numbers, true/false, or a (list) for IN. Errors read like QBO's JavaCC parser messages.
 */
import { faults, type QboFault } from './faults';

export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface QueryValue {
  text: string;
  quoted: boolean;
}

export interface Condition {
  field: string;
  op: Operator;
  values: QueryValue[];
}

export interface OrderBy {
  field: string;
  desc: boolean;
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: OrderBy[];
  startPosition: number | null;
  maxResults: number | null;
}

type TokenKind = 'word' | 'string' | 'punct' | 'op' | 'eof' | 'error';

interface Token {
  kind: TokenKind;
  text: string;
  column: number;
  /** For 'error': the lexical fault, raised only if the parser gets this far (like JavaCC's lazy lexer). */
  fault?: QboFault;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  try {
    lex(input, tokens);
  } catch (err) {
    tokens.push({ kind: 'error', text: '', column: 0, fault: err as QboFault });
    return tokens;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', column: input.length + 1 });
  return tokens;
}

function lex(input: string, tokens: Token[]): void {
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const column = i + 1;
    if (c === "'") {
      let text = '';
      i++;
      let closed = false;
      while (i < input.length) {
        const ch = input[i]!;
        if (ch === '\\' && i + 1 < input.length) {
          text += input[i + 1];
          i += 2;
          continue;
        }
        if (ch === "'") {
          closed = true;
          i++;
          break;
        }
        text += ch;
        i++;
      }
      if (!closed) throw faults.queryParser(`Invalid content. Lexical error at line 1, column ${input.length + 1}.  Encountered: <EOF> after : "'${text}"`);
      tokens.push({ kind: 'string', text, column });
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '*') {
      tokens.push({ kind: 'punct', text: c, column });
      i++;
      continue;
    }
    if (c === '<' || c === '>' || c === '=' || c === '!') {
      const two = input.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
        tokens.push({ kind: 'op', text: two, column });
        i += 2;
      } else if (c === '!') {
        throw faults.queryParser(`Invalid content. Lexical error at line 1, column ${column}.  Encountered: "!" (33), after : ""`);
      } else {
        tokens.push({ kind: 'op', text: c, column });
        i++;
      }
      continue;
    }
    const m = /^[A-Za-z0-9_.:+\-]+/.exec(input.slice(i, i + 200));
    if (!m) {
      throw faults.queryParser(
        `Invalid content. Lexical error at line 1, column ${column}.  Encountered: "${c}" (${c.charCodeAt(0)}), after : ""`,
      );
    }
    tokens.push({ kind: 'word', text: m[0], column });
    i += m[0].length;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind === 'error') throw t.fault!;
    return t;
  }

  next(): Token {
    const t = this.peek();
    this.pos++;
    return t;
  }

  isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toLowerCase() === word;
  }

  fail(expecting: string[]): never {
    const t = this.peek();
    const seen = t.kind === 'eof' ? '<EOF>' : t.kind === 'word' ? ` <IDENTIFIER> "${t.text} "` : ` "${t.text} "`;
    throw faults.queryParser(
      `Encountered "${seen}" at line 1, column ${t.column}.\nWas expecting one of:\n${expecting.map((e) => `    ${e} ...`).join('\n')}\n    `,
    );
  }

  expectKeyword(word: string): void {
    if (!this.isKeyword(word)) this.fail([`"${word}"`]);
    this.pos++;
  }

  expectPunct(p: string): void {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.fail([`"${p}"`]);
    this.pos++;
  }

  identifier(): string {
    const t = this.peek();
    if (t.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(t.text)) this.fail(['<IDENTIFIER>']);
    this.pos++;
    return t.text;
  }

  value(): QueryValue {
    const t = this.peek();
    if (t.kind === 'string') {
      this.pos++;
      return { text: t.text, quoted: true };
    }
    if (t.kind === 'word' && !RESERVED.has(t.text.toLowerCase())) {
      this.pos++;
      return { text: t.text, quoted: false };
    }
    return this.fail(['<STRING>', '<NUMBER>', '"true"', '"false"']);
  }

  integer(): number {
    const t = this.peek();
    if (t.kind === 'word' && /^\d+$/.test(t.text)) {
      this.pos++;
      return Number(t.text);
    }
    if (t.kind === 'string' && /^\d+$/.test(t.text)) {
      this.pos++;
      return Number(t.text);
    }
    return this.fail(['<INTEGER>']);
  }
}

const RESERVED = new Set(['select', 'from', 'where', 'and', 'or', 'orderby', 'order', 'startposition', 'maxresults', 'in', 'like', 'asc', 'desc']);

const CLAUSE_EXPECTING = ['<EOF>', '<AND>', '"iterator"', '"maxresults"', '<OR>', '"order"', '"orderby"', '"startposition"'];

export function parseQuery(input: string): ParsedQuery {
  if (input.trim() === '') throw faults.queryParser('The query provided was empty');
  const p = new Parser(tokenize(input));
  p.expectKeyword('select');
  let count = false;
  const first = p.peek();
  if (first.kind === 'punct' && first.text === '*') {
    p.next();
  } else if (first.kind === 'word' && first.text.toLowerCase() === 'count') {
    p.next();
    p.expectPunct('(');
    p.expectPunct('*');
    p.expectPunct(')');
    count = true;
  } else {
    // Projections parse but QBO always returns whole entities.
    p.identifier();
    while (p.peek().kind === 'punct' && p.peek().text === ',') {
      p.next();
      p.identifier();
    }
  }
  p.expectKeyword('from');
  const entity = p.identifier();
  const where: Condition[] = [];
  if (p.isKeyword('where')) {
    p.next();
    for (;;) {
      where.push(condition(p));
      if (p.isKeyword('and')) {
        p.next();
        continue;
      }
      if (p.isKeyword('or')) throw faults.queryParser(`OR operator is not supported. Encountered " <OR> "OR "" at line 1, column ${p.peek().column}.`);
      break;
    }
  }
  const orderBy: OrderBy[] = [];
  let startPosition: number | null = null;
  let maxResults: number | null = null;
  for (;;) {
    if (p.isKeyword('orderby') || p.isKeyword('order')) {
      if (p.next().text.toLowerCase() === 'order') p.expectKeyword('by');
      for (;;) {
        const field = p.identifier();
        let desc = false;
        if (p.isKeyword('asc')) p.next();
        else if (p.isKeyword('desc')) {
          p.next();
          desc = true;
        }
        orderBy.push({ field, desc });
        if (p.peek().kind === 'punct' && p.peek().text === ',') {
          p.next();
          continue;
        }
        break;
      }
      continue;
    }
    if (p.isKeyword('startposition') && startPosition === null) {
      p.next();
      startPosition = p.integer();
      continue;
    }
    if (p.isKeyword('maxresults') && maxResults === null) {
      p.next();
      maxResults = p.integer();
      continue;
    }
    break;
  }
  if (p.peek().kind !== 'eof') p.fail(CLAUSE_EXPECTING);
  return { count, entity, where, orderBy, startPosition, maxResults };
}

function condition(p: Parser): Condition {
  const field = p.identifier();
  const t = p.peek();
  if (t.kind === 'op') {
    p.next();
    if (t.text === '!=' || t.text === '<>') throw faults.queryParser(`Encountered " "${t.text}" "${t.text} "" at line 1, column ${t.column}.`);
    return { field, op: t.text as Operator, values: [p.value()] };
  }
  if (p.isKeyword('in')) {
    p.next();
    p.expectPunct('(');
    const values = [p.value()];
    while (p.peek().kind === 'punct' && p.peek().text === ',') {
      p.next();
      values.push(p.value());
    }
    p.expectPunct(')');
    return { field, op: 'IN', values };
  }
  if (p.isKeyword('like')) {
    p.next();
    return { field, op: 'LIKE', values: [p.value()] };
  }
  return p.fail(['"="', '"<"', '">"', '"<="', '">="', '"in"', '"like"']);
}
