import { describe, expect, it } from 'vitest';
import { Reconcilers } from '../../main/reconcile/reconcilers';
import { acceptDifference, ignoreOrder, linkDocument } from '../../main/reconcile/decisions';
import { storedResult } from '../../main/reconcile/read';
import { CONFIG } from './helpers/config';
import { useDemo } from './helpers/demo';
import { expectSameAsFullReconcile } from './helpers/stored';
import { REALM as MIRROR_REALM } from './helpers/seeded-mirror';
import { openCompanyDb } from '../../main/mirror/open';

const demo = useDemo();
const REALM = 'realm-1';

describe('Reconcilers: the session kept between decisions', () => {
  it('re-reconciles only what each decision touches, and stores what a full reconcile would', () => {
    const { db } = demo.mirror();
    const reconcilers = new Reconcilers();
    // First decision with nothing kept: a full run, whose session is kept.
    ignoreOrder(db, demo.order('missing_test').key, 'test order', { by: 't' });
    expect(reconcilers.refresh(REALM, db, CONFIG, { decisions: true })).toEqual({ full: true });
    expect(storedResult(db, demo.order('missing_test').key)!.status).toBe('ignored');

    const suggested = demo.order('suggested_hand_entered');
    const doc = storedResult(db, suggested.key)!.suggestion!.docKey;
    linkDocument(db, suggested.key, doc, { by: 't' }, 'confirmed');
    expect(reconcilers.refresh(REALM, db, CONFIG, { decisions: true })).toEqual({ full: false });
    expect(storedResult(db, suggested.key)!.match!.method).toBe('confirmed');

    const differs = demo.order('differs_line');
    const verdict = storedResult(db, differs.key)!;
    expect(verdict.status).toBe('differs');
    for (const d of verdict.diffs.filter((x) => x.differs)) acceptDifference(db, differs.key, verdict.docs[0]!.key, d.detail === '' ? d.field : `${d.field}:${d.detail}`, { by: 't' });
    expect(reconcilers.refresh(REALM, db, CONFIG, { decisions: true })).toEqual({ full: false });
    expect(storedResult(db, differs.key)!.status).toBe('in_sync');

    expectSameAsFullReconcile(db);
  });

  it('never reuses a session built with other settings, and keeps two companies', () => {
    const { db } = demo.mirror();
    const reconcilers = new Reconcilers();
    reconcilers.full(REALM, db, CONFIG);
    expect(reconcilers.refresh(REALM, db, CONFIG, { decisions: true })).toEqual({ full: false });
    const stricter = { ...CONFIG, matching: { ...CONFIG.matching, reviewThreshold: 0.8 } };
    expect(reconcilers.refresh(REALM, db, stricter, { decisions: true })).toEqual({ full: true });
    reconcilers.full('realm-2', db, CONFIG);
    reconcilers.full('realm-3', db, CONFIG);
    // realm-1 was the least recently used of three: dropped.
    expect(reconcilers.refresh(REALM, db, stricter, { decisions: true })).toEqual({ full: true });
    expect(reconcilers.refresh('realm-3', db, CONFIG, { decisions: true })).toEqual({ full: false });
  });

  it('drops a session whose refresh failed part-way, so the next one starts afresh', () => {
    const { db, dataDir } = demo.mirror();
    const reconcilers = new Reconcilers();
    reconcilers.full(REALM, db, CONFIG);
    db.close();
    expect(() => reconcilers.refresh(REALM, db, CONFIG)).toThrow(/not open/);
    const again = openCompanyDb(dataDir, MIRROR_REALM);
    try {
      expect(reconcilers.refresh(REALM, again, CONFIG)).toEqual({ full: true });
    } finally {
      again.close();
    }
  });
});
