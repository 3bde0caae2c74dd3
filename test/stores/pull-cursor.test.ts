import { describe, expect, it } from 'vitest';
import { SincePull, decodeSinceCursor, encodeSinceCursor } from '../../main/stores/pull-cursor';
import { EMPTY_CURSOR, encodePullCursor } from '../../main/stores/api2cart/pull-cursor';

describe('the shared since-cursor of the Shopify and WooCommerce pulls', () => {
  it('writes the text existing mirrors already hold, and reads it back', () => {
    // Exactly what both connectors stored before they shared this code.
    const stored = '{"v":1,"since":"2026-11-13T10:00:00.000Z"}';
    expect(encodeSinceCursor('2026-11-13T10:00:00.000Z')).toBe(stored);
    expect(decodeSinceCursor(stored)).toEqual({ v: 1, since: '2026-11-13T10:00:00.000Z' });
  });

  it('starts over with a full pull on no cursor or one that is not its own', () => {
    for (const text of [null, '', 'not json', '[]', 'null', '{"v":2,"since":"2026-11-13T10:00:00.000Z"}', '{"v":1,"since":"yesterday"}', '{"v":1,"since":5}', encodePullCursor(EMPTY_CURSOR)]) {
      expect(decodeSinceCursor(text)).toBeNull();
    }
  });

  it('resumes an overlap before the previous stop; a first pull reads everything', () => {
    expect(new SincePull(null).resumeFromMs(300_000)).toBeNull();
    const progress = new SincePull(decodeSinceCursor(encodeSinceCursor('2026-11-13T10:00:00.000Z')));
    expect(progress.resumeFromMs(300_000)).toBe(Date.parse('2026-11-13T09:55:00.000Z'));
    expect(progress.since).toBe('2026-11-13T10:00:00.000Z');
  });

  it('hands each version of an order over once, and keeps the newest change as the next stop', () => {
    const progress = new SincePull(null);
    expect(() => progress.cursor()).toThrow();
    progress.handOver('1', '2026-11-13T10:00:00.000Z');
    progress.handOver('2', '2026-11-12T10:00:00.000Z');
    expect(progress.isNew('1', '2026-11-13T10:00:00.000Z')).toBe(false);
    // Changed again during the pull: a new version, handed over again.
    expect(progress.isNew('1', '2026-11-14T08:00:00.000Z')).toBe(true);
    expect(progress.isNew('3', '2026-11-12T10:00:00.000Z')).toBe(true);
    expect(progress.cursor()).toBe('{"v":1,"since":"2026-11-13T10:00:00.000Z"}');
    // A store's own version stamp (WooCommerce's GMT wall clock) beside the instant it stands for.
    progress.handOver('4', '2026-11-15T08:00:00', '2026-11-15T08:00:00.000Z');
    expect(progress.isNew('4', '2026-11-15T08:00:00')).toBe(false);
    expect(progress.since).toBe('2026-11-15T08:00:00.000Z');
  });
});
