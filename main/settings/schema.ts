/**
 * Every non-secret setting, described once. Read through electron-store in the Electron shell and
 * through conf in plain Node (CLI, browser mode, tests); both go through this schema.
 * Secrets (tokens, client secret, store keys) never live here: they are in the OS keychain.
 */
import { z } from 'zod';
import { environmentSchema, storeKindSchema } from '../../preload/contract';

export const companySettingSchema = z
  .object({
    realmId: z.string().regex(/^[0-9]+$/, 'a QuickBooks realm id is digits only'),
    name: z.string().min(1),
    environment: environmentSchema,
    addedAt: z.iso.datetime(),
    reconnectNeeded: z.boolean().default(false),
  })
  .strict();

export const storeSettingSchema = z
  .object({
    id: z.string().min(1),
    realmId: z.string().min(1),
    kind: storeKindSchema,
    name: z.string().min(1),
    /** Shop domain, site URL or API endpoint: where the store is, never how to log in. */
    address: z.string().optional(),
  })
  .strict();

export const matchingSettingsSchema = z
  .object({
    autoLinkThreshold: z.number().min(0).max(1).default(0.9),
    reviewThreshold: z.number().min(0).max(1).default(0.5),
    roundingToleranceMinor: z.number().int().min(0).max(5).default(1),
  })
  .strict();

export const windowStateSchema = z
  .object({
    width: z.number().int().min(400),
    height: z.number().int().min(300),
    x: z.number().int().optional(),
    y: z.number().int().optional(),
    maximized: z.boolean().default(false),
  })
  .strict();

export const settingsSchema = z
  .object({
    companies: z.array(companySettingSchema).default([]),
    stores: z.array(storeSettingSchema).default([]),
    matching: matchingSettingsSchema.default({ autoLinkThreshold: 0.9, reviewThreshold: 0.5, roundingToleranceMinor: 1 }),
    window: windowStateSchema.optional(),
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;
export type CompanySetting = z.output<typeof companySettingSchema>;
export type StoreSetting = z.output<typeof storeSettingSchema>;
