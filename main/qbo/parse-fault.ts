/**
 * Reads QBO's three error body shapes (qbo-api.md §5) into one list of fault items:
 * the data-service JSON Fault (capitalised keys), the gateway JSON (lower-case keys, null padding)
 * and the gateway's XML (throttling arrives as XML even when JSON was asked for).
 */
import { z } from 'zod';
import type { QboFaultItem } from './errors';

export interface ParsedFault {
  type: string;
  errors: QboFaultItem[];
}

const text = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? '' : String(v)));

const serviceFault = z.object({
  Fault: z.object({
    type: text,
    Error: z
      .array(z.object({ Message: text, Detail: text, code: text, element: text }).loose())
      .default([]),
  }),
});

const gatewayFault = z.object({
  fault: z.object({
    type: text,
    error: z.array(z.object({ message: text, detail: text, code: text, element: text }).loose()).default([]),
  }),
});

export function faultFromJson(body: unknown): ParsedFault | null {
  const service = serviceFault.safeParse(body);
  if (service.success) {
    return {
      type: service.data.Fault.type || 'Fault',
      errors: service.data.Fault.Error.map((e) => ({ code: e.code, message: e.Message, detail: e.Detail, element: e.element })),
    };
  }
  const gateway = gatewayFault.safeParse(body);
  if (gateway.success) {
    return {
      type: gateway.data.fault.type || 'Fault',
      errors: gateway.data.fault.error.map((e) => ({ code: e.code, message: e.message, detail: e.detail, element: e.element })),
    };
  }
  return null;
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : '';
}

function child(xml: string, name: string): string {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? decodeXml(m[1]!.trim()) : '';
}

/** `<IntuitResponse><Fault type=".."><Error code=".." element=".."><Message/><Detail/></Error></Fault>` */
export function faultFromXml(xml: string): ParsedFault | null {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/.exec(xml);
  if (!fault) return null;
  const errors: QboFaultItem[] = [];
  for (const m of fault[2]!.matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/g)) {
    errors.push({
      code: attribute(m[1]!, 'code'),
      element: attribute(m[1]!, 'element'),
      message: child(m[2]!, 'Message'),
      detail: child(m[2]!, 'Detail'),
    });
  }
  return { type: attribute(fault[1]!, 'type') || 'Fault', errors };
}

/** Any body: JSON first, then XML; null when neither holds a Fault. */
export function parseFault(bodyText: string): ParsedFault | null {
  const trimmed = bodyText.trim();
  if (trimmed.startsWith('{')) {
    try {
      return faultFromJson(JSON.parse(trimmed));
    } catch {
      return null;
    }
  }
  if (trimmed.startsWith('<')) return faultFromXml(trimmed);
  return null;
}
