/**
 * Which order fields a request gets (api2cart.md §2): `params` (a list with aliases, default
 * `order_id,customer,totals,address,items,bundles,status`, or `force_all` with `exclude`) and
 * `response_fields` (`{*}` or a brace tree like `{result{order{order_id,create_at}}}`), which wins.
 * The envelope (`return_code`, `return_message`, `pagination`) is always sent: a client has to see
 * its errors whatever it asked for.
 */

export const DEFAULT_PARAMS = 'order_id,customer,totals,address,items,bundles,status';

const ALIASES: Record<string, string[]> = {
  address: ['billing_address', 'shipping_address'],
  items: ['order_products'],
};

export class FieldSpecError extends Error {}

/**
 * A projection: `'*'` keeps everything below; a map keeps the named keys (null = the whole value);
 * `{ exclude }` keeps everything but the named keys (`params=force_all&exclude=…`).
 */
export type Projection = '*' | Map<string, Projection | null> | { exclude: ReadonlySet<string> };

/** `params` (+ `exclude`) → a projection of one order. */
export function paramsProjection(params: string | undefined, exclude: string | undefined): Projection {
  const names = (params ?? DEFAULT_PARAMS).split(',').map((s) => s.trim()).filter(Boolean);
  if (names.includes('force_all')) {
    const excluded = new Set((exclude ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    if (excluded.size === 0) return '*';
    return { exclude: excluded };
  }
  const map = new Map<string, Projection | null>();
  for (const name of names) for (const key of ALIASES[name] ?? [name]) map.set(key, null);
  return map;
}

/** Parses `{a,b{c,d},e}` or `{*}`. */
export function parseResponseFields(text: string): Projection {
  let pos = 0;
  const src = text.replace(/\s+/g, '');
  function node(): Projection {
    if (src[pos] !== '{') throw new FieldSpecError(`expected "{" at ${pos}`);
    pos += 1;
    if (src[pos] === '*' && src[pos + 1] === '}') {
      pos += 2;
      return '*';
    }
    const map = new Map<string, Projection | null>();
    for (;;) {
      const start = pos;
      while (pos < src.length && /[A-Za-z0-9_*]/.test(src[pos]!)) pos += 1;
      const name = src.slice(start, pos);
      if (name === '') throw new FieldSpecError(`expected a field name at ${pos}`);
      map.set(name, src[pos] === '{' ? node() : null);
      if (src[pos] === ',') {
        pos += 1;
        continue;
      }
      if (src[pos] === '}') {
        pos += 1;
        return map;
      }
      throw new FieldSpecError(`unexpected ${JSON.stringify(src[pos] ?? 'end')} at ${pos}`);
    }
  }
  const tree = node();
  if (pos !== src.length) throw new FieldSpecError(`unexpected text after position ${pos}`);
  return tree;
}

/** Applies a projection to a value; arrays are projected element by element. */
export function project(value: unknown, projection: Projection | null): unknown {
  if (projection === null || projection === '*' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => project(v, projection));
  if (!(projection instanceof Map)) {
    const { exclude } = projection;
    return Object.fromEntries(Object.entries(value).filter(([k]) => !exclude.has(k)));
  }
  const out: Record<string, unknown> = {};
  for (const [key, sub] of projection) {
    if (key in (value as Record<string, unknown>)) out[key] = project((value as Record<string, unknown>)[key], sub);
  }
  return out;
}

/** The projection that applies below `result.<path>` for a `response_fields` tree. */
export function subProjection(tree: Projection, path: string[]): Projection | null {
  let node: Projection | null = tree;
  for (const key of path) {
    if (node === null || node === '*' || !(node instanceof Map)) return node;
    if (!node.has(key)) return new Map();
    node = node.get(key) ?? null;
  }
  return node;
}
