/**
 * zod shapes of QBO's response envelopes (qbo-api.md §1, §2, §8, §9). Entities themselves stay
 * loose records: each later feature validates the fields it reads.
 */
import { z } from 'zod';

export const entityRecord = z.record(z.string(), z.unknown());
export type QboEntity = z.infer<typeof entityRecord>;

const faultShape = z.object({ type: z.string().optional(), Error: z.array(z.record(z.string(), z.unknown())) }).loose();

type EntityEnvelope = z.ZodType<Record<string, unknown>>;
const envelopes = new Map<string, EntityEnvelope>();

/** `{"Invoice": {...}, "time": "..."}`; built once per entity name (zod schemas are costly to build). */
export function entityEnvelope(entity: string): EntityEnvelope {
  let schema = envelopes.get(entity);
  if (!schema) {
    schema = z.object({ [entity]: entityRecord, time: z.string().optional() }).loose() as EntityEnvelope;
    envelopes.set(entity, schema);
  }
  return schema;
}

/** `{"QueryResponse": {"Invoice": [...], "startPosition": 1, "maxResults": 2}, "time": ...}`; `{}` when empty. */
export const queryEnvelope = z
  .object({
    QueryResponse: z
      .object({
        startPosition: z.number().int().optional(),
        maxResults: z.number().int().optional(),
        totalCount: z.number().int().optional(),
      })
      .catchall(z.unknown()),
    time: z.string().optional(),
  })
  .loose();

export const batchEnvelope = z
  .object({
    BatchItemResponse: z.array(z.object({ bId: z.string(), Fault: faultShape.optional() }).catchall(z.unknown())),
    time: z.string().optional(),
  })
  .loose();

export const cdcEnvelope = z
  .object({
    CDCResponse: z.array(
      z.object({ QueryResponse: z.array(z.record(z.string(), z.unknown())).default([]) }).loose(),
    ),
    time: z.string(),
  })
  .loose();

/** The entity array inside a QueryResponse: the one key holding an array (absent when no rows). */
export function rowsOf(response: Record<string, unknown>): { entity: string | null; rows: QboEntity[] } {
  for (const [key, value] of Object.entries(response)) {
    if (Array.isArray(value)) return { entity: key, rows: z.array(entityRecord).parse(value) };
  }
  return { entity: null, rows: [] };
}
