import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/mirror/migrate';
import { storeOrders001 } from '../../main/mirror/migrations/001-store-orders';
import { tempDir } from '../helpers/tmp';

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('migration 001: store orders', () => {
  it('creates the store tables with their keys and indexes on a fresh database', () => {
    const file = join(tempDir(), 'company.sqlite');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    expect(migrate(db, [storeOrders001], file)).toEqual([1]);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['store_cursors', 'store_order_lines', 'store_order_refunds', 'store_order_transactions', 'store_orders']);
    expect(columns(db, 'store_orders')).toEqual([
      'id', 'store_id', 'source', 'source_id', 'number', 'created_at', 'updated_at', 'processed_at', 'currency', 'presentment_currency',
      'total', 'total_tax', 'refunded', 'email', 'customer_name', 'financial_status', 'cancelled_at', 'test', 'content_hash', 'doc', 'mirrored_at',
    ]);
    expect(columns(db, 'store_order_lines')).toEqual(['order_id', 'position', 'sku', 'title', 'quantity', 'unit_price', 'discount', 'tax', 'total']);
    expect(columns(db, 'store_cursors')).toEqual(['store_id', 'name', 'value', 'updated_at']);
    const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((i) => i.name);
    expect(indexes).toEqual(['store_order_lines_by_sku', 'store_orders_by_created', 'store_orders_by_email', 'store_orders_by_number']);

    const insert = db.prepare(
      `INSERT INTO store_orders (store_id, source, source_id, number, created_at, updated_at, currency, presentment_currency, total, total_tax,
        refunded, financial_status, test, content_hash, doc, mirrored_at) VALUES (?, 'csv', ?, '#1', 't', 't', 'USD', 'USD', 1, 0, 0, 'paid', 0, x'00', '[]', 't')`,
    );
    insert.run('s1', 'o1');
    expect(() => insert.run('s1', 'o1')).toThrow(/UNIQUE/);
    insert.run('s2', 'o1');
    // STRICT: a text amount is refused rather than silently stored.
    expect(() => db.prepare("UPDATE store_orders SET total = 'ten'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    // Lines belong to an existing order and go with it.
    expect(() => db.prepare("INSERT INTO store_order_lines VALUES (999, 0, NULL, 'x', 1, 1, 0, NULL, 1)").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO store_order_lines VALUES (1, 0, 'SKU', 'x', 1, 1, 0, NULL, 1)").run();
    db.prepare('DELETE FROM store_orders WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM store_order_lines').get()).toEqual({ n: 0 });
    db.close();
  });
});
