/**
 * Server-side computation for Customer and Item: required names, uniqueness (6240), defaults, and
 * QBO's habit of renaming an entry made inactive to "Name (deleted)" (and back when reactivated).
 */
import type { QboEntityJson } from '../seed/types';
import { faults } from './faults';
import type { RealmStore } from './realm';
import { refValue, resolveRef, withName } from './references';

type Json = Record<string, unknown>;

const DELETED_SUFFIX = ' (deleted)';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function renameForActivity(name: string, active: boolean, rename: boolean): string {
  if (!rename) return name;
  const stripped = name.endsWith(DELETED_SUFFIX) ? name.slice(0, -DELETED_SUFFIX.length) : name;
  return active ? stripped : `${stripped}${DELETED_SUFFIX}`;
}

export function computeCustomer(
  realm: RealmStore,
  base: Json,
  existing: QboEntityJson | undefined,
  renameInactive: boolean,
): Json {
  const out: Json = { ...base };
  let display = str(out.DisplayName);
  if (!display) {
    const parts = [out.Title, out.GivenName, out.MiddleName, out.FamilyName, out.Suffix].map(str).filter(Boolean);
    display = parts.length > 0 ? parts.join(' ') : str(out.CompanyName);
  }
  if (!display) throw faults.requiredParam('DisplayName');
  out.Active = out.Active !== false;
  display = renameForActivity(display, out.Active as boolean, renameInactive);
  const selfId = existing ? existing.Id : '';
  const clash = realm.tables.Customer.holderOf(display, selfId);
  if (clash !== undefined) throw faults.duplicateName(display, clash, 'customer, vendor or employee');
  out.DisplayName = display;
  if (out.ParentRef !== undefined) {
    const parent = resolveRef(realm, 'Customer', out.ParentRef, 'ParentRef');
    out.ParentRef = withName(out.ParentRef, parent.DisplayName);
    out.Job = true;
    out.FullyQualifiedName = `${String(parent.FullyQualifiedName ?? parent.DisplayName)}:${display}`;
    out.Level = Number(parent.Level ?? 0) + 1;
  } else {
    out.Job = false;
    out.FullyQualifiedName = display;
  }
  out.PrintOnCheckName = str(out.PrintOnCheckName) ?? display;
  out.BillWithParent ??= false;
  out.Taxable ??= true;
  out.Balance = existing?.Balance ?? 0;
  out.BalanceWithJobs = existing?.BalanceWithJobs ?? 0;
  out.PreferredDeliveryMethod ??= 'Print';
  out.IsProject ??= false;
  if (refValue(out.CurrencyRef) === undefined) {
    const home = realm.homeCurrency();
    out.CurrencyRef = { value: home.value, name: home.name };
  }
  return out;
}

const NEEDS_INCOME_ACCOUNT = new Set(['Service', 'NonInventory', 'Inventory']);

export function computeItem(realm: RealmStore, base: Json, existing: QboEntityJson | undefined, renameInactive: boolean): Json {
  const out: Json = { ...base };
  let name = str(out.Name);
  if (!name) throw faults.requiredParam('Name');
  out.Active = out.Active !== false;
  name = renameForActivity(name, out.Active as boolean, renameInactive);
  const clash = realm.tables.Item.holderOf(name, existing ? existing.Id : '');
  if (clash !== undefined) throw faults.duplicateName(name, clash, 'product or service');
  out.Name = name;
  out.FullyQualifiedName = name;
  out.Type ??= 'NonInventory';
  const type = String(out.Type);
  if (NEEDS_INCOME_ACCOUNT.has(type) && out.IncomeAccountRef === undefined) throw faults.requiredParam('IncomeAccountRef');
  if (type === 'Inventory') {
    for (const field of ['AssetAccountRef', 'ExpenseAccountRef', 'QtyOnHand', 'InvStartDate']) {
      if (out[field] === undefined) throw faults.requiredParam(field);
    }
    out.TrackQtyOnHand = true;
  } else {
    out.TrackQtyOnHand ??= false;
  }
  for (const field of ['IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef']) {
    if (out[field] !== undefined) {
      const account = resolveRef(realm, 'Account', out[field], field);
      out[field] = withName(out[field], account.Name);
    }
  }
  out.Taxable ??= false;
  out.UnitPrice ??= 0;
  out.PurchaseCost ??= 0;
  out.SubItem ??= false;
  return out;
}
