/** Changes made to the stand-in's company through the real QBO API, as another app would. */
import { randomUUID } from 'node:crypto';
import type { QboClient } from '../../main/qbo/client';
import type { QboStandIn } from '../../sandbox/qbo';
import { REALM } from './harness';

const rid = () => randomUUID().replace(/-/g, '');

function current(standIn: QboStandIn, entity: string, id: string): { Id: string; SyncToken: string } {
  const row = standIn.realm(REALM).tables[entity as 'Invoice'].get(id);
  if (!row) throw new Error(`no ${entity} ${id} in the stand-in`);
  return { Id: id, SyncToken: String(row.obj.SyncToken) };
}

export async function updateNote(client: QboClient, standIn: QboStandIn, entity: string, id: string, note: string): Promise<void> {
  await client.update(entity, { ...current(standIn, entity, id), PrivateNote: note }, { requestId: rid() });
}

export async function deleteTxn(client: QboClient, standIn: QboStandIn, entity: string, id: string): Promise<void> {
  await client.delete(entity, current(standIn, entity, id), { requestId: rid() });
}

export async function renameCustomer(client: QboClient, standIn: QboStandIn, id: string, name: string): Promise<void> {
  await client.update('Customer', { ...current(standIn, 'Customer', id), DisplayName: name }, { requestId: rid() });
}

export async function createCustomer(client: QboClient, name: string): Promise<string> {
  const made = await client.create('Customer', { DisplayName: name }, { requestId: rid() });
  return String(made.Id);
}

export async function deactivateItem(client: QboClient, standIn: QboStandIn, id: string): Promise<void> {
  await client.update('Item', { ...current(standIn, 'Item', id), Active: false }, { requestId: rid() });
}
