/**
 * The query string as PHP's $_GET sees it: '+' is a space, `a[]=x` and `a[k]=x` build arrays,
 * a repeated plain key keeps its last value. WooCommerce signs and filters on this view.
 */
export interface PhpParams {
  [key: string]: string | PhpParams;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function parsePhpQuery(search: string): PhpParams {
  const out: PhpParams = {};
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const m = /^([^[]+)((?:\[[^\]]*\])+)$/.exec(rawKey);
    if (!m) {
      out[rawKey.replace(/[. ]/g, '_')] = value;
      continue;
    }
    const base = m[1]!.replace(/[. ]/g, '_');
    const subs = [...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!);
    let node = (typeof out[base] === 'object' ? out[base] : (out[base] = {})) as PhpParams;
    subs.forEach((sub, i) => {
      const key = sub === '' ? String(Object.keys(node).length) : sub;
      if (i === subs.length - 1) node[key] = value;
      else node = (typeof node[key] === 'object' ? node[key] : (node[key] = {})) as PhpParams;
    });
  }
  return out;
}

/** A parameter that may be a list: arrays, or WordPress's comma/space separated form (wp_parse_list). */
export function listParam(value: string | PhpParams | undefined): string[] | null {
  if (value === undefined) return null;
  if (typeof value === 'object') return Object.values(value).filter((v): v is string => typeof v === 'string');
  return value.split(/[\s,]+/).filter(Boolean);
}
