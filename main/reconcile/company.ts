/**
 * Which company a reconcile command means, and its mirror opened for it. A company's file must
 * already exist: reconciling never creates an empty mirror by mistake.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { companyDbPath, openCompanyDb, type CompanyDb } from '../mirror/open';
import type { Settings } from '../settings/schema';
import { defaultPostingPreferences, type PostingPreferences } from './posting-preferences';

export function chooseRealm(dataDir: string, settings: Settings, realmId: string | undefined): string {
  if (realmId !== undefined) return realmId;
  const known = new Set(settings.companies.map((c) => c.realmId));
  const dir = join(dataDir, 'companies');
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (/^\d+\.sqlite$/.test(f)) known.add(f.slice(0, -'.sqlite'.length));
  if (known.size === 1) return [...known][0]!;
  if (known.size === 0) throw new AppError('not_found', `no company in ${dataDir}; connect a QuickBooks company first`, 'company');
  throw new AppError('invalid_request', `several companies in ${dataDir} (${[...known].sort().join(', ')}); say which with --company REALM`, 'company');
}

/** Throws not_found unless the company's mirror exists (without opening it). */
export function requireCompanyFile(dataDir: string, realmId: string): void {
  const file = companyDbPath(dataDir, realmId);
  if (!existsSync(file)) throw new AppError('not_found', `no mirror for company ${realmId} (${file}); sync it first`, 'company');
}

export function openExistingCompany(dataDir: string, realmId: string): CompanyDb {
  requireCompanyFile(dataDir, realmId);
  return openCompanyDb(dataDir, realmId);
}

export function postingPreferencesByStore(settings: Settings, realmId: string): Map<string, PostingPreferences> {
  return new Map(settings.stores.filter((s) => s.realmId === realmId).map((s) => [s.id, s.posting ?? defaultPostingPreferences()]));
}

export function companyName(settings: Settings, realmId: string): string {
  return settings.companies.find((c) => c.realmId === realmId)?.name ?? `company ${realmId}`;
}
