/**
 * WordPress REST argument validation for the collection parameters (WC CRUD controller
 * get_collection_params): the same messages and the `rest_invalid_param` body with
 * `data.params` and `data.details` that WordPress 5.7+ sends.
 */
import { isRestDate } from './dates';
import { listParam, type PhpParams } from './php-query';

type Spec =
  | { type: 'integer'; min?: number; max?: number; default?: number }
  | { type: 'boolean'; default: boolean }
  | { type: 'date' }
  | { type: 'string' }
  | { type: 'enum'; values: string[]; default: string }
  | { type: 'enum-list'; values: string[]; default: string[] }
  | { type: 'int-list' };

export type ParamValue = number | boolean | string | string[] | number[] | undefined;

export const ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'];

const COMMON: Record<string, Spec> = {
  context: { type: 'enum', values: ['view', 'edit'], default: 'view' },
  page: { type: 'integer', min: 1, default: 1 },
  per_page: { type: 'integer', min: 1, max: 100, default: 10 },
  search: { type: 'string' },
  after: { type: 'date' },
  before: { type: 'date' },
  modified_after: { type: 'date' },
  modified_before: { type: 'date' },
  dates_are_gmt: { type: 'boolean', default: false },
  exclude: { type: 'int-list' },
  include: { type: 'int-list' },
  offset: { type: 'integer' },
  order: { type: 'enum', values: ['asc', 'desc'], default: 'desc' },
  orderby: { type: 'enum', values: ['date', 'id', 'include', 'title', 'slug', 'modified'], default: 'date' },
  parent: { type: 'int-list' },
  parent_exclude: { type: 'int-list' },
  dp: { type: 'integer', default: 2 },
};

export const ORDER_LIST_PARAMS: Record<string, Spec> = {
  ...COMMON,
  status: { type: 'enum-list', values: ['any', 'trash', ...ORDER_STATUSES, 'checkout-draft'], default: ['any'] },
  customer: { type: 'integer' },
  product: { type: 'integer' },
};

export const REFUND_LIST_PARAMS: Record<string, Spec> = { ...COMMON };

export const SINGLE_PARAMS: Record<string, Spec> = { context: COMMON['context']!, dp: COMMON['dp']! };

/** wp_sprintf's %l: "a", "a and b", "a, b, and c". */
function humanList(values: string[]): string {
  if (values.length <= 1) return values.join('');
  if (values.length === 2) return `${values[0]} and ${values[1]}`;
  return `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}`;
}

interface Issue {
  code: string;
  message: string;
}

function isIntegerText(v: string): boolean {
  return /^-?\d+(\.0+)?$/.test(v.trim());
}

function check(name: string, spec: Spec, raw: string | PhpParams): { value: ParamValue } | { issue: Issue } {
  switch (spec.type) {
    case 'integer': {
      if (typeof raw !== 'string' || !isIntegerText(raw)) return { issue: { code: 'rest_invalid_type', message: `${name} is not of type integer.` } };
      const n = Math.trunc(Number(raw));
      if (spec.min !== undefined && spec.max !== undefined && (n < spec.min || n > spec.max)) {
        return { issue: { code: 'rest_out_of_bounds', message: `${name} must be between ${spec.min} (inclusive) and ${spec.max} (inclusive)` } };
      }
      if (spec.min !== undefined && n < spec.min) return { issue: { code: 'rest_out_of_bounds', message: `${name} must be greater than or equal to ${spec.min}` } };
      return { value: n };
    }
    case 'boolean': {
      const v = typeof raw === 'string' ? raw.toLowerCase() : '';
      if (['true', '1'].includes(v)) return { value: true };
      if (['false', '0', ''].includes(v)) return { value: false };
      return { issue: { code: 'rest_invalid_type', message: `${name} is not of type boolean.` } };
    }
    case 'date':
      if (typeof raw !== 'string' || !isRestDate(raw)) return { issue: { code: 'rest_invalid_date', message: 'Invalid date.' } };
      return { value: raw };
    case 'string':
      return typeof raw === 'string' ? { value: raw } : { issue: { code: 'rest_invalid_type', message: `${name} is not of type string.` } };
    case 'enum':
      if (typeof raw !== 'string' || !spec.values.includes(raw)) {
        return { issue: { code: 'rest_not_in_enum', message: `${name} is not one of ${humanList(spec.values)}.` } };
      }
      return { value: raw };
    case 'enum-list': {
      const items = listParam(raw) ?? [];
      const bad = items.findIndex((i) => !spec.values.includes(i));
      if (bad >= 0) return { issue: { code: 'rest_not_in_enum', message: `${name}[${bad}] is not one of ${humanList(spec.values)}.` } };
      return { value: items };
    }
    case 'int-list': {
      const items = listParam(raw) ?? [];
      const bad = items.findIndex((i) => !isIntegerText(i));
      if (bad >= 0) return { issue: { code: 'rest_invalid_type', message: `${name}[${bad}] is not of type integer.` } };
      return { value: items.map((i) => Math.trunc(Number(i))) };
    }
  }
}

export interface InvalidParams {
  status: 400;
  code: 'rest_invalid_param';
  message: string;
  data: { status: 400; params: Record<string, string>; details: Record<string, { code: string; message: string; data: null }> };
}

export function validateParams(specs: Record<string, Spec>, query: PhpParams): { values: Record<string, ParamValue> } | { error: InvalidParams } {
  const values: Record<string, ParamValue> = {};
  const params: Record<string, string> = {};
  const details: Record<string, { code: string; message: string; data: null }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = query[name];
    if (raw === undefined) {
      values[name] = 'default' in spec ? spec.default : undefined;
      continue;
    }
    const result = check(name, spec, raw);
    if ('issue' in result) {
      params[name] = result.issue.message;
      details[name] = { ...result.issue, data: null };
    } else {
      values[name] = result.value;
    }
  }
  const names = Object.keys(params);
  if (names.length) {
    return {
      error: { status: 400, code: 'rest_invalid_param', message: `Invalid parameter(s): ${names.join(', ')}`, data: { status: 400, params, details } },
    };
  }
  return { values };
}
