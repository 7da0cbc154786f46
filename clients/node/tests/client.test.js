'use strict';
// The client against the real server: `java -jar lock-server.jar`, started once for this file.

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');
const grpc = require('@grpc/grpc-js');
const { DOMAIN, LockctlError, connect, fromDate, toDate } = require('..');
const { region, snapshotId, startServer } = require('./support/server');

const REGION = 'cn-hangzhou';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let server;
let client;

before(async () => {
  server = await startServer();
  client = connect(server.target, { caller: 'node-tests' });
});

after(async () => {
  client?.close();
  await server?.stop();
});

async function register(fields = {}) {
  const request = { region_id: REGION, snapshot_id: snapshotId(), status: 'SNAPSHOT_STATUS_ACCOMPLISHED', ...fields };
  return (await client.snapshots.registerSnapshot(request, { deadline: Date.now() + 10_000 })).snapshot;
}

async function lockCompliance(snapshot_id, { days = 1, coolOffHours = 1 } = {}) {
  const response = await client.locks.lockSnapshot({
    region_id: REGION,
    snapshot_id,
    lock_mode: 'LOCK_MODE_COMPLIANCE',
    lock_duration_days: days,
    cool_off_period_hours: coolOffHours,
  });
  return response.locked_snapshot_info;
}

/** The LockctlError that `promise` rejects with. */
async function refusal(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LockctlError, `not a LockctlError: ${error}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('snapshots', () => {
  it('registers a snapshot and gets it back', async () => {
    const created = new Date('2026-01-02T03:04:05.678Z');
    const registered = await register({ tags: { env: 'prod' }, create_time: fromDate(created) });

    const { snapshot } = await client.snapshots.GetSnapshot({ region_id: REGION, snapshot_id: registered.snapshot_id });

    assert.deepEqual(snapshot, registered);
    assert.equal(snapshot.status, 'SNAPSHOT_STATUS_ACCOMPLISHED');
    assert.equal(snapshot.state, 'SNAPSHOT_STATE_ACTIVE');
    assert.deepEqual(snapshot.tags, { env: 'prod' });
    assert.deepEqual(toDate(snapshot.create_time), created);
    assert.equal(snapshot.lock, null);
    assert.equal(toDate(snapshot.retain_until), null);
  });

  it('answers NOT_FOUND / SNAPSHOT_NOT_FOUND for an unknown snapshot', async () => {
    const error = await refusal(client.snapshots.getSnapshot({ region_id: REGION, snapshot_id: snapshotId() }));
    assert.equal(error.code, grpc.status.NOT_FOUND);
    assert.equal(error.codeName, 'NOT_FOUND');
    assert.equal(error.reason, 'SNAPSHOT_NOT_FOUND');
  });

  it('lists field violations with INVALID_PARAMETER', async () => {
    const error = await refusal(register({ region_id: 'Not A Region', snapshot_id: 's-short' }));
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'INVALID_PARAMETER');
    assert.equal(error.domain, DOMAIN);
    assert.deepEqual(error.fieldViolations.map((v) => v.field).sort(), ['region_id', 'snapshot_id']);
    assert.match(error.violation('region_id').description, /\^\[a-z\]\[a-z0-9-\]\{1,31\}\$/);
    assert.equal(error.cause.code, grpc.status.INVALID_ARGUMENT);
  });

  it('sends the caller header, which scopes idempotency tokens', async () => {
    const token = `node-${snapshotId()}`;
    const second = snapshotId();
    await register({ client_token: token });
    const error = await refusal(register({ snapshot_id: second, client_token: token }));
    assert.equal(error.reason, 'IDEMPOTENT_PARAMETER_MISMATCH');

    // Another caller has tokens of its own: the header reached the server.
    const other = connect(server.target, { caller: 'someone-else' });
    try {
      await other.snapshots.registerSnapshot({
        region_id: REGION, snapshot_id: second, status: 'SNAPSHOT_STATUS_ACCOMPLISHED', client_token: token,
      });
    } finally {
      other.close();
    }
  });
});

describe('snapshot locks', () => {
  it('locks in compliance mode with a cool-off', async () => {
    const snapshot = await register();
    const before = Date.now();

    const info = await lockCompliance(snapshot.snapshot_id, { days: 3, coolOffHours: 2 });

    assert.equal(info.lock_mode, 'LOCK_MODE_COMPLIANCE');
    assert.equal(info.lock_status, 'LOCK_STATUS_COMPLIANCE_COOLOFF');
    const created = toDate(info.lock_creation_time);
    assert.ok(created instanceof Date);
    assert.ok(Math.abs(created.getTime() - before) < 5000, `lock created at ${created.toISOString()}`);
    assert.equal(toDate(info.cool_off_period_expired_time).getTime(), created.getTime() + 2 * HOUR);
    assert.equal(toDate(info.lock_expired_time).getTime(), toDate(info.lock_duration_start_time).getTime() + 3 * DAY);

    const { locked_snapshots } = await client.locks.describeLockedSnapshots({
      region_id: REGION, snapshot_ids: [snapshot.snapshot_id],
    });
    assert.deepEqual(locked_snapshots, [info]);
  });

  it('refuses to delete a locked snapshot: FAILED_PRECONDITION / SNAPSHOT_LOCKED with metadata', async () => {
    const snapshot = await register();
    const info = await lockCompliance(snapshot.snapshot_id);

    const error = await refusal(client.snapshots.deleteSnapshot({ region_id: REGION, snapshot_id: snapshot.snapshot_id }));

    assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
    assert.equal(error.reason, 'SNAPSHOT_LOCKED');
    assert.equal(error.domain, DOMAIN);
    assert.equal(error.metadata.lock_status, 'COMPLIANCE_COOLOFF');
    assert.deepEqual(new Date(error.metadata.lock_expired_time), toDate(info.lock_expired_time));
    assert.deepEqual(error.fieldViolations, []);
    // Still there: a refused call writes nothing.
    await client.snapshots.getSnapshot({ region_id: REGION, snapshot_id: snapshot.snapshot_id });
  });

  it('locks until a Date', async () => {
    const snapshot = await register();
    const until = new Date(Date.now() + 10 * DAY);

    const { locked_snapshot_info: info } = await client.locks.lockSnapshot({
      region_id: REGION, snapshot_id: snapshot.snapshot_id, lock_mode: 'LOCK_MODE_GOVERNANCE', expire_time: fromDate(until),
    });

    assert.equal(info.lock_status, 'LOCK_STATUS_GOVERNANCE');
    assert.deepEqual(toDate(info.lock_expired_time), until);
  });
});

describe('retention rules', () => {
  const createRule = async (regionId, fields = {}) => (await client.rules.createRule({
    region_id: regionId, resource_type: 'RESOURCE_TYPE_SNAPSHOT', retention_period_days: 1, ...fields,
  })).rule;

  it('locks a rule, refuses its deletion, then starts the unlock delay', async () => {
    const regionId = region('node-rules');
    const rule = await createRule(regionId, { description: 'keep deleted snapshots a day' });
    assert.equal(rule.lock_state, 'RULE_LOCK_STATE_UNSPECIFIED');

    const { rule: locked } = await client.rules.lockRule({
      region_id: regionId, identifier: rule.identifier, lock_configuration: { unlock_delay_days: 7 },
    });
    assert.equal(locked.lock_state, 'RULE_LOCK_STATE_LOCKED');
    assert.equal(locked.lock_configuration.unlock_delay_days, 7);

    const error = await refusal(client.rules.deleteRule({ region_id: regionId, identifier: rule.identifier }));
    assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
    assert.equal(error.reason, 'INVALID_RULE_STATE');
    assert.deepEqual(error.metadata, { lock_state: 'LOCKED' });

    const before = Date.now();
    const { rule: pending } = await client.rules.unlockRule({ region_id: regionId, identifier: rule.identifier });
    assert.equal(pending.lock_state, 'RULE_LOCK_STATE_PENDING_UNLOCK');
    assert.ok(Math.abs(toDate(pending.lock_end_time).getTime() - (before + 7 * DAY)) < 10_000);
  });

  it('tells an unset lock_state filter from RULE_LOCK_STATE_UNSPECIFIED', async () => {
    const regionId = region('node-rules');
    const neverLocked = await createRule(regionId);
    const locked = await createRule(regionId, { lock_configuration: { unlock_delay_days: 7 } });
    const listed = async (filters = {}) =>
      (await client.rules.listRules({ region_id: regionId, ...filters })).rules.map((r) => r.identifier).sort();

    assert.deepEqual(await listed(), [neverLocked.identifier, locked.identifier].sort());
    assert.deepEqual(await listed({ lock_state: 'RULE_LOCK_STATE_UNSPECIFIED' }), [neverLocked.identifier]);
    assert.deepEqual(await listed({ lock_state: 'RULE_LOCK_STATE_LOCKED' }), [locked.identifier]);
  });
});

describe('paging', () => {
  it('lists snapshots page by page', async () => {
    const regionId = region('node-paging');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await register({ region_id: regionId })).snapshot_id);
    ids.sort();

    const pages = [];
    let page_token = '';
    do {
      const response = await client.snapshots.listSnapshots({ region_id: regionId, page_size: 2, page_token });
      pages.push(response.snapshots.map((s) => s.snapshot_id));
      page_token = response.next_page_token;
    } while (page_token);

    assert.deepEqual(pages, [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  it('tells an unset tag_value filter from an empty one', async () => {
    const regionId = region('node-paging');
    const empty = (await register({ region_id: regionId, tags: { team: '' } })).snapshot_id;
    const named = (await register({ region_id: regionId, tags: { team: 'db' } })).snapshot_id;
    const listed = async (filters = {}) =>
      (await client.snapshots.listSnapshots({ region_id: regionId, tag_key: 'team', ...filters }))
        .snapshots.map((s) => s.snapshot_id).sort();

    assert.deepEqual(await listed(), [empty, named].sort());
    assert.deepEqual(await listed({ tag_value: '' }), [empty]);
    assert.deepEqual(await listed({ tag_value: 'db' }), [named]);
  });

  it('refuses a page token it did not issue', async () => {
    const error = await refusal(client.snapshots.listSnapshots({ region_id: REGION, page_token: 'not-ours' }));
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'INVALID_PAGE_TOKEN');
    assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token']);
  });
});
