/**
 * Every non-secret setting, described once. Read through electron-store in the Electron shell and
 * through conf in plain Node (CLI, browser mode, tests); both go through this schema.
 * Secrets (tokens, client secret, store keys) never live here: they are in the OS keychain.
 */
import { z } from 'zod';
import { environmentSchema, storeKindSchema } from '../../preload/contract';
import { postingPreferencesSchema } from '../reconcile/posting-preferences';

export const companySettingSchema = z
  .object({
    realmId: z.string().regex(/^[0-9]+$/, 'a QuickBooks realm id is digits only'),
    name: z.string().min(1),
    environment: environmentSchema,
    addedAt: z.iso.datetime(),
    reconnectNeeded: z.boolean().default(false),
    /** The Intuit app (client id) that holds this company's authorization. */
    clientId: z.string().min(1).optional(),
    /** Set by "disconnect": the token was revoked and deleted; local data is kept. */
    disconnectedAt: z.iso.datetime().optional(),
    /** Minutes between background QuickBooks pulls; absent means the sync engine's default. */
    syncIntervalMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();

/**
 * The Intuit app the user registered, once per environment. Its client secret is in the keychain
 * (`keychainAccounts.clientSecret(environment, clientId)`), never here.
 */
export const intuitAppSettingSchema = z
  .object({
    environment: environmentSchema,
    clientId: z.string().min(1),
    /** Discovery document URL; required for `local`, defaults to Intuit's for the others. */
    discoveryUrl: z.url().optional(),
    /** QBO API origin; defaults to Intuit's, or the discovery document's origin for `local`. */
    apiBase: z.url().optional(),
    /** HTTPS relay page used as redirect_uri (Intuit production keys refuse loopback URIs). */
    relayUrl: z.url().optional(),
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
    /** The store's own address when `address` is a shared API endpoint (API2Cart); tells stores apart. */
    storeUrl: z.string().optional(),
    /** Where the store's API really answers when it is not derived from the address (the local sandbox). */
    apiUrl: z.string().optional(),
    /** Pinned store API version the connection was made with (Shopify's YYYY-MM). */
    apiVersion: z.string().optional(),
    /** The shop currency the store reported when it was connected. */
    currency: z.string().optional(),
    /** The store's own time zone (IANA name or UTC offset), when it says. */
    timeZone: z.string().optional(),
    addedAt: z.iso.datetime().optional(),
    /** How this store's orders are posted to QuickBooks (see main/reconcile/posting-preferences.ts). */
    posting: postingPreferencesSchema.optional(),
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
    intuitApps: z.array(intuitAppSettingSchema).default([]),
    matching: matchingSettingsSchema.default({ autoLinkThreshold: 0.9, reviewThreshold: 0.5, roundingToleranceMinor: 1 }),
    window: windowStateSchema.optional(),
  })
  .strict();

export type Settings = z.output<typeof settingsSchema>;
export type CompanySetting = z.output<typeof companySettingSchema>;
export type IntuitAppSetting = z.output<typeof intuitAppSettingSchema>;
export type StoreSetting = z.output<typeof storeSettingSchema>;
