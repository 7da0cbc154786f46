'use strict';

const assert = require('node:assert/strict');
const { describe, it } = require('node:test');
const { fromDate, toDate } = require('..');

describe('timestamps', () => {
  it('turns a Timestamp into a Date, whatever the type of seconds', () => {
    const expected = new Date('2026-01-02T03:04:05.123Z');
    assert.deepEqual(toDate({ seconds: '1767323045', nanos: 123456789 }), expected);
    assert.deepEqual(toDate({ seconds: 1767323045, nanos: 123456789 }), expected);
  });

  it('gives null for an unset Timestamp', () => {
    assert.equal(toDate(null), null);
    assert.equal(toDate(undefined), null);
  });

  it('round-trips a Date, before the epoch too', () => {
    for (const iso of ['2030-12-31T23:59:59.999Z', '1969-12-31T23:59:59.500Z', '1970-01-01T00:00:00.000Z']) {
      const date = new Date(iso);
      const timestamp = fromDate(date);
      assert.ok(timestamp.nanos >= 0 && timestamp.nanos < 1e9, `nanos ${timestamp.nanos}`);
      assert.deepEqual(toDate(timestamp), date);
    }
    assert.deepEqual(fromDate(new Date('1969-12-31T23:59:59.500Z')), { seconds: -1, nanos: 500_000_000 });
  });

  it('refuses what is not a valid Date', () => {
    assert.throws(() => fromDate(new Date('not a date')), TypeError);
    assert.throws(() => fromDate(1767323045000), TypeError);
  });
});
