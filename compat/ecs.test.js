'use strict';
// @alicloud/ecs20140526, unchanged, against lockctl's HTTP edge: LockSnapshot, UnlockSnapshot,
// DescribeLockedSnapshots, DescribeSnapshots and DeleteSnapshot with their ACS3-HMAC-SHA256
// signatures, the seed's error codes and statuses, DryRunOperation and ClientToken.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const { after, before, describe, test } = require('node:test');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const { startServer } = require('./support/server');

const Client = Ecs.default;

/** A proxy to lockctl that rewrites each request's target (and body) after the SDK signed it. */
function tamperingProxy(rewriteTarget, rewriteBody = (body) => body) {
  return new Promise((resolve) => {
    const proxy = http.createServer((incoming, outgoing) => {
      const chunks = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = rewriteBody(Buffer.concat(chunks).toString('utf8'));
        const headers = { ...incoming.headers, 'content-length': Buffer.byteLength(body) };
        const forwarded = http.request({ host: '127.0.0.1', port: server.httpPort, method: incoming.method, path: rewriteTarget(incoming.url), headers }, (answer) => {
          outgoing.writeHead(answer.statusCode, answer.headers);
          answer.pipe(outgoing);
        });
        forwarded.end(body);
      });
    });
    proxy.listen(0, '127.0.0.1', () => resolve({ port: proxy.address().port, close: () => proxy.close() }));
  });
}
let server;
let credentials;
let region;

function client({ accessKeyId = credentials.accessKeyId, accessKeySecret = credentials.secretAccessKey } = {}) {
  return new Client(new $OpenApiUtil.Config({
    accessKeyId, accessKeySecret, regionId: region, endpoint: `127.0.0.1:${server.httpPort}`, protocol: 'http',
  }));
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
const snapshotId = () => 's-' + Array.from(crypto.randomBytes(20), (b) => ID_CHARS[b % ID_CHARS.length]).join('');

async function register(fields = {}) {
  const id = snapshotId();
  await server.snapshots('RegisterSnapshot', { region_id: region, snapshot_id: id, status: 'SNAPSHOT_STATUS_ACCOMPLISHED', ...fields });
  return id;
}

async function refusedWith(promise, code, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.code, code, `${error.code}: ${error.message}`);
    assert.equal(error.statusCode, status);
    assert.match(error.data.RequestId, /^[0-9A-F-]{36}$/);
    return true;
  });
}

/** DeleteSnapshot sends no RegionId (ECS takes it from the endpoint): name the test's region. */
const inRegion = () => ({ extendsParameters: { queries: { RegionId: region } } });

const lock = (SnapshotId, fields = {}) => new Ecs.LockSnapshotRequest({ regionId: region, snapshotId: SnapshotId, lockMode: 'compliance', lockDuration: 2, coolOffPeriod: 3, ...fields });

before(async () => {
  server = await startServer();
  credentials = await server.createAccessKey('ecs-tester');
  region = `cn-${crypto.randomBytes(3).toString('hex')}`;
});

after(async () => {
  if (server) await server.stop();
});

describe('snapshot locks', () => {
  test('LockSnapshot answers the seed shape; DescribeLockedSnapshots lists it; UnlockSnapshot lifts it in the cool-off', async () => {
    const ecs = client();
    const id = await register();
    const locked = await ecs.lockSnapshot(lock(id));
    assert.equal(locked.statusCode, 200);
    assert.match(locked.body.requestId, /^[0-9A-F-]{36}$/);
    const info = locked.body.lockedSnapshotInfo;
    assert.equal(info.snapshotId, id);
    assert.equal(info.lockStatus, 'compliance-cooloff');
    assert.equal(info.coolOffPeriod, 3);
    assert.equal(info.lockDuration, 2);
    for (const time of [info.lockCreationTime, info.coolOffPeriodExpiredTime, info.lockDurationStartTime, info.lockExpiredTime]) {
      assert.match(time, ISO_SECONDS);
    }
    assert.equal(Date.parse(info.coolOffPeriodExpiredTime) - Date.parse(info.lockCreationTime), 3 * 3600 * 1000);
    assert.equal(Date.parse(info.lockExpiredTime) - Date.parse(info.lockDurationStartTime), 2 * 86400 * 1000);

    const described = await ecs.describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region, snapshotIds: [id] }));
    assert.deepEqual(described.body.lockedSnapshotsInfo.map((s) => [s.snapshotId, s.lockStatus]), [[id, 'compliance-cooloff']]);
    await refusedWith(ecs.deleteSnapshotWithOptions(new Ecs.DeleteSnapshotRequest({ snapshotId: id }), inRegion()), 'InvalidOperation.SnapshotLocked', 403);

    const unlocked = await ecs.unlockSnapshot(new Ecs.UnlockSnapshotRequest({ regionId: region, snapshotId: id }));
    assert.match(unlocked.body.requestId, /^[0-9A-F-]{36}$/);
    await refusedWith(ecs.unlockSnapshot(new Ecs.UnlockSnapshotRequest({ regionId: region, snapshotId: id })), 'InvalidSnapshotLock.NotFound', 404);
  });

  test('after the cool-off, only a longer compliance lock is accepted: InvalidOperation.CoolOffPeriodExpired', async () => {
    const ecs = client();
    const id = await register();
    const locked = await ecs.lockSnapshot(lock(id, { coolOffPeriod: 0 }));
    assert.equal(locked.body.lockedSnapshotInfo.lockStatus, 'compliance');
    await refusedWith(ecs.unlockSnapshot(new Ecs.UnlockSnapshotRequest({ regionId: region, snapshotId: id })), 'InvalidOperation.CoolOffPeriodExpired', 403);
    await refusedWith(ecs.lockSnapshot(lock(id, { coolOffPeriod: 0, lockDuration: 1 })), 'InvalidOperation.CoolOffPeriodExpired', 403);
    const extended = await ecs.lockSnapshot(lock(id, { coolOffPeriod: 0, lockDuration: 5 }));
    assert.equal(extended.body.lockedSnapshotInfo.lockDuration, 5);
    const filtered = await ecs.describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region, lockStatus: 'compliance' }));
    assert.ok(filtered.body.lockedSnapshotsInfo.some((s) => s.snapshotId === id));
  });

  test('the seed\'s error codes, with their HTTP statuses', async () => {
    const ecs = client();
    const plain = await register({ retention_days: 3 });
    await refusedWith(ecs.lockSnapshot(lock(plain, { lockMode: 'bogus' })), 'InvalidLockMode.Malformed', 400);
    await refusedWith(ecs.lockSnapshot(lock(plain, { lockDuration: 10 })), 'InvalidLockDuration.ExceedRetentionDays', 400);
    await refusedWith(ecs.lockSnapshot(lock(plain, { lockDuration: 1, coolOffPeriod: 48 })), 'InvalidCoolOffPeriod.ExceedLockDuration', 400);
    await refusedWith(ecs.lockSnapshot(lock(await register({ status: 'SNAPSHOT_STATUS_FAILED' }))), 'InvalidOperation.SnapshotNotAvailable', 403);
    await refusedWith(ecs.lockSnapshot(lock(await register({ managed_by: 'backup-vault' }))), 'InvalidOperation.ResourceManagedByCloudProduct', 403);
    await refusedWith(ecs.lockSnapshot(lock(await register({ shared: true }))), 'InvalidOperation.LockSharedSnapshotUnsupported', 403);
    await refusedWith(ecs.lockSnapshot(lock(snapshotId())), 'InvalidSnapshotId.NotFound', 404);
    await refusedWith(ecs.describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region })).then(() =>
      ecs.lockSnapshot(new Ecs.LockSnapshotRequest({ regionId: region, snapshotId: plain, lockMode: 'compliance' }))), 'InvalidLockDuration.Malformed', 400);
  });

  test('a passing dry run answers DryRunOperation and changes nothing; a failing one its error', async () => {
    const ecs = client();
    const id = await register();
    await refusedWith(ecs.lockSnapshot(lock(id, { dryRun: true })), 'DryRunOperation', 400);
    const described = await ecs.describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region, snapshotIds: [id] }));
    assert.deepEqual(described.body.lockedSnapshotsInfo, []);
    await refusedWith(ecs.lockSnapshot(lock(snapshotId(), { dryRun: true })), 'InvalidSnapshotId.NotFound', 404);
  });

  test('ClientToken: the same token and request answer the same lock; other parameters IdempotentParameterMismatch', async () => {
    const ecs = client();
    const id = await register();
    const first = await ecs.lockSnapshot(lock(id, { clientToken: 'token-1' }));
    const again = await ecs.lockSnapshot(lock(id, { clientToken: 'token-1' }));
    assert.deepEqual(again.body.lockedSnapshotInfo, first.body.lockedSnapshotInfo);
    assert.notEqual(again.body.requestId, first.body.requestId);
    await refusedWith(ecs.lockSnapshot(lock(id, { clientToken: 'token-1', lockDuration: 3 })), 'IdempotentParameterMismatch', 400);
  });
});

describe('snapshots', () => {
  test('DescribeSnapshots by id and by page; DeleteSnapshot of an unlocked snapshot', async () => {
    const ecs = client();
    const ids = [await register({ tags: { env: 'prod' } }), await register()];
    const byId = await ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: region, snapshotIds: JSON.stringify(ids) }));
    const found = byId.body.snapshots.snapshot;
    assert.deepEqual(found.map((s) => s.snapshotId).sort(), [...ids].sort());
    const tagged = found.find((s) => s.snapshotId === ids[0]);
    assert.equal(tagged.status, 'accomplished');
    assert.match(tagged.creationTime, ISO_SECONDS);
    assert.deepEqual(tagged.tags.tag.map(({ tagKey, tagValue }) => ({ tagKey, tagValue })), [{ tagKey: 'env', tagValue: 'prod' }]);

    const paged = [];
    let nextToken;
    do {
      const page = await ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: region, maxResults: 10, nextToken }));
      paged.push(...page.body.snapshots.snapshot.map((s) => s.snapshotId));
      nextToken = page.body.nextToken || undefined;
    } while (nextToken);
    assert.ok(ids.every((id) => paged.includes(id)));

    const deleteInRegion = new Client(new $OpenApiUtil.Config({
      accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.secretAccessKey,
      regionId: region, endpoint: `127.0.0.1:${server.httpPort}`, protocol: 'http',
    }));
    await deleteInRegion.deleteSnapshotWithOptions(new Ecs.DeleteSnapshotRequest({ snapshotId: ids[1] }), { extendsParameters: { queries: { RegionId: region } } });
    const after = await ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: region, snapshotIds: JSON.stringify(ids) }));
    assert.deepEqual(after.body.snapshots.snapshot.map((s) => s.snapshotId), [ids[0]]);
    await refusedWith(deleteInRegion.deleteSnapshotWithOptions(new Ecs.DeleteSnapshotRequest({ snapshotId: ids[1] }), { extendsParameters: { queries: { RegionId: region } } }), 'InvalidSnapshotId.NotFound', 404);
  });
});

describe('DescribeSnapshots filters', () => {
  test('Status, Tag, SnapshotName and PageNumber/PageSize, as the SDK sends them', async () => {
    const ecs = client();
    const own = `cn-${crypto.randomBytes(3).toString('hex')}`;
    const inOwn = async (fields) => {
      const id = snapshotId();
      await server.snapshots('RegisterSnapshot', { region_id: own, snapshot_id: id, status: 'SNAPSHOT_STATUS_ACCOMPLISHED', ...fields });
      return id;
    };
    const done = [await inOwn({ tags: { env: 'prod' } }), await inOwn({}), await inOwn({ tags: { env: 'dev' } })];
    const progressing = await inOwn({ status: 'SNAPSHOT_STATUS_PROGRESSING', tags: { env: 'prod' } });
    const describe = async (fields) => (await ecs.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: own, ...fields }))).body;
    const idsOf = (body) => body.snapshots.snapshot.map((s) => s.snapshotId).sort();

    assert.deepEqual(idsOf(await describe({ status: 'progressing' })), [progressing]);
    assert.deepEqual(idsOf(await describe({ status: 'accomplished', maxResults: 10 })), [...done].sort());
    assert.deepEqual(idsOf(await describe({ status: 'all', snapshotIds: JSON.stringify([done[0], progressing]) })), [done[0], progressing].sort());
    assert.deepEqual(idsOf(await describe({ status: 'progressing', snapshotIds: JSON.stringify([done[0], progressing]) })), [progressing]);
    assert.deepEqual(idsOf(await describe({ tag: [new Ecs.DescribeSnapshotsRequestTag({ key: 'env', value: 'prod' })] })), [done[0], progressing].sort());
    assert.deepEqual(idsOf(await describe({ snapshotName: 'nightly' })), [], 'lockctl snapshots have no name');

    const first = await describe({ pageNumber: 1, pageSize: 3 });
    const second = await describe({ pageNumber: 2, pageSize: 3 });
    assert.equal(first.totalCount, 4);
    assert.equal(first.pageNumber, 1);
    assert.equal(first.pageSize, 3);
    assert.equal(first.snapshots.snapshot.length, 3);
    assert.equal(second.snapshots.snapshot.length, 1);
    assert.deepEqual([...idsOf(first), ...idsOf(second)].sort(), [...done, progressing].sort());
    assert.equal((await describe({ pageNumber: 3, pageSize: 3 })).snapshots.snapshot.length, 0);

    await refusedWith(describe({ status: 'finished' }), 'InvalidParameter', 400);
    await refusedWith(describe({ pageNumber: 1, pageSize: 101 }), 'InvalidParameter', 400);
  });
});

describe('signatures', () => {
  const describeLocked = (ecs) => ecs.describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region }));

  test('a wrong secret is SignatureDoesNotMatch; an unknown key InvalidAccessKeyId.NotFound', async () => {
    await refusedWith(describeLocked(client({ accessKeySecret: 'wrong' })), 'SignatureDoesNotMatch', 400);
    await refusedWith(describeLocked(client({ accessKeyId: 'LCAKAAAAAAAAAAAAAAAA' })), 'InvalidAccessKeyId.NotFound', 404);
  });

  test('a query changed after signing is SignatureDoesNotMatch, and a stale date InvalidTimeStamp.Expired', async () => {
    const signedAt = (offsetMs) => ({ extendsParameters: { headers: { 'x-acs-date': new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z') } } });
    const ecs = client();
    await refusedWith(ecs.describeLockedSnapshotsWithOptions(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region }), signedAt(-16 * 60 * 1000)), 'InvalidTimeStamp.Expired', 400);
    const fine = await ecs.describeLockedSnapshotsWithOptions(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region }), signedAt(-14 * 60 * 1000));
    assert.equal(fine.statusCode, 200);
  });

  test('a query or body changed in transit after signing is SignatureDoesNotMatch, and nothing is locked', async () => {
    const id = await register();
    const tamper = (request) => request.replace('LockDuration=2', 'LockDuration=20');
    const proxy = await tamperingProxy(tamper);
    try {
      const ecs = new Client(new $OpenApiUtil.Config({
        accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.secretAccessKey,
        regionId: region, endpoint: `127.0.0.1:${proxy.port}`, protocol: 'http',
      }));
      await refusedWith(ecs.lockSnapshot(lock(id)), 'SignatureDoesNotMatch', 400);
      const bodyTamper = await tamperingProxy((request) => request, (body) => body + '&LockDuration=9');
      try {
        const viaBody = new Client(new $OpenApiUtil.Config({
          accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.secretAccessKey,
          regionId: region, endpoint: `127.0.0.1:${bodyTamper.port}`, protocol: 'http',
        }));
        await refusedWith(viaBody.lockSnapshot(lock(id)), 'SignatureDoesNotMatch', 400);
      } finally {
        bodyTamper.close();
      }
    } finally {
      proxy.close();
    }
    const described = await client().describeLockedSnapshots(new Ecs.DescribeLockedSnapshotsRequest({ regionId: region, snapshotIds: [id] }));
    assert.deepEqual(described.body.lockedSnapshotsInfo, []);
  });
});
