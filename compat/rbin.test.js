'use strict';
// @aws-sdk/client-rbin, unchanged, against lockctl's HTTP edge: all ten operations, paging,
// the typed errors, and the refusals of a bad signature.

const assert = require('node:assert/strict');
const { after, before, describe, test } = require('node:test');
const rbin = require('@aws-sdk/client-rbin');
const { startServer } = require('./support/server');

const REGION = 'us-east-1';
let server;
let credentials;

function client(options = {}) {
  return new rbin.RbinClient({ region: REGION, endpoint: server.endpoint, credentials, maxAttempts: 1, ...options });
}

/** A client whose requests are changed after they were signed. */
function tamperingClient(tamper) {
  const tampered = client();
  tampered.middlewareStack.add((next) => (args) => {
    tamper(args.request);
    return next(args);
  }, { step: 'deserialize', name: 'tamperAfterSigning' });
  return tampered;
}

const days = (value) => ({ RetentionPeriodValue: value, RetentionPeriodUnit: 'DAYS' });
const delay = (value) => ({ UnlockDelay: { UnlockDelayValue: value, UnlockDelayUnit: 'DAYS' } });

async function refusedWith(promise, name, status) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, status);
    assert.ok(error.message && error.message.length > 0);
    return true;
  });
}

before(async () => {
  server = await startServer();
  credentials = await server.createAccessKey('rbin-tester');
});

after(async () => {
  if (server) await server.stop();
});

describe('rules', () => {
  test('CreateRule, GetRule, UpdateRule and DeleteRule', async () => {
    const rules = client();
    const created = await rules.send(new rbin.CreateRuleCommand({
      ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(7), Description: 'keep a week',
      ResourceTags: [{ ResourceTagKey: 'env', ResourceTagValue: 'prod' }],
    }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.Identifier, /^[0-9a-zA-Z]{11}$/);
    assert.equal(created.RuleArn, `arn:aws:rbin:${REGION}:${server.accountId}:rule/${created.Identifier}`);
    assert.equal(created.Status, 'available');
    assert.deepEqual(created.RetentionPeriod, days(7));
    assert.equal(created.LockState, undefined);

    const got = await rules.send(new rbin.GetRuleCommand({ Identifier: created.Identifier }));
    assert.equal(got.Description, 'keep a week');
    assert.deepEqual(got.ResourceTags, [{ ResourceTagKey: 'env', ResourceTagValue: 'prod' }]);

    const updated = await rules.send(new rbin.UpdateRuleCommand({
      Identifier: created.Identifier, RetentionPeriod: days(30), Description: 'a month',
    }));
    assert.deepEqual(updated.RetentionPeriod, days(30));
    assert.equal(updated.Description, 'a month');
    assert.deepEqual(updated.ResourceTags, [{ ResourceTagKey: 'env', ResourceTagValue: 'prod' }], 'untouched');

    const deleted = await rules.send(new rbin.DeleteRuleCommand({ Identifier: created.Identifier }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await refusedWith(rules.send(new rbin.GetRuleCommand({ Identifier: created.Identifier })), 'ResourceNotFoundException', 404);
  });

  test('LockRule and UnlockRule, and a locked rule refuses changes with ConflictException', async () => {
    const rules = client();
    const { Identifier } = await rules.send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(1) }));

    const locked = await rules.send(new rbin.LockRuleCommand({ Identifier, LockConfiguration: delay(7) }));
    assert.equal(locked.LockState, 'locked');
    assert.deepEqual(locked.LockConfiguration, delay(7));
    await refusedWith(rules.send(new rbin.DeleteRuleCommand({ Identifier })), 'ConflictException', 409);
    await refusedWith(rules.send(new rbin.UpdateRuleCommand({ Identifier, Description: 'x' })), 'ConflictException', 409);
    await refusedWith(rules.send(new rbin.LockRuleCommand({ Identifier, LockConfiguration: delay(8) })), 'ConflictException', 409);

    const before = Date.now();
    const unlocking = await rules.send(new rbin.UnlockRuleCommand({ Identifier }));
    assert.equal(unlocking.LockState, 'pending_unlock');
    const sevenDays = 7 * 24 * 3600 * 1000;
    assert.ok(Math.abs(unlocking.LockEndTime.getTime() - (before + sevenDays)) < 60_000, String(unlocking.LockEndTime));
    await refusedWith(rules.send(new rbin.UnlockRuleCommand({ Identifier })), 'ConflictException', 409);
    await refusedWith(rules.send(new rbin.DeleteRuleCommand({ Identifier })), 'ConflictException', 409);

    const relocked = await rules.send(new rbin.LockRuleCommand({ Identifier, LockConfiguration: delay(7) }));
    assert.equal(relocked.LockState, 'locked');
  });

  test('CreateRule locked at once, and a tag-level rule cannot be locked', async () => {
    const rules = client();
    const created = await rules.send(new rbin.CreateRuleCommand({
      ResourceType: 'EC2_IMAGE', RetentionPeriod: days(3), LockConfiguration: delay(10),
    }));
    assert.equal(created.LockState, 'locked');
    assert.equal(created.ResourceType, 'EC2_IMAGE');
    const tagLevel = await rules.send(new rbin.CreateRuleCommand({
      ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(3), ResourceTags: [{ ResourceTagKey: 'k', ResourceTagValue: 'v' }],
    }));
    await refusedWith(rules.send(new rbin.LockRuleCommand({ Identifier: tagLevel.Identifier, LockConfiguration: delay(7) })), 'ValidationException', 400);
  });

  test('ListRules pages with MaxResults and NextToken, and filters by lock state', async () => {
    const region = 'eu-west-3';
    const rules = client({ region });
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push((await rules.send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(i + 1) }))).Identifier);
    }
    await rules.send(new rbin.LockRuleCommand({ Identifier: made[0], LockConfiguration: delay(7) }));
    const seen = [];
    let NextToken;
    let pages = 0;
    do {
      const page = await rules.send(new rbin.ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT', MaxResults: 2, NextToken }));
      assert.ok(page.Rules.length <= 2);
      page.Rules.forEach((rule) => {
        assert.equal(rule.RuleArn, `arn:aws:rbin:${region}:${server.accountId}:rule/${rule.Identifier}`);
        seen.push(rule.Identifier);
      });
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.equal(pages, 3);
    assert.deepEqual([...seen].sort(), [...made].sort());

    const lockedOnly = await rules.send(new rbin.ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT', LockState: 'locked' }));
    assert.deepEqual(lockedOnly.Rules.map((rule) => rule.Identifier), [made[0]]);
    const paginated = [];
    for await (const page of rbin.paginateListRules({ client: rules, pageSize: 3 }, { ResourceType: 'EBS_SNAPSHOT' })) {
      paginated.push(...page.Rules.map((rule) => rule.Identifier));
    }
    assert.deepEqual(paginated, seen);
    await refusedWith(rules.send(new rbin.ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT', NextToken: 'forged' })), 'ValidationException', 400);
  });

  test('ValidationException for a malformed field; ResourceNotFoundException for an unknown rule', async () => {
    const rules = client();
    await refusedWith(rules.send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(0) })), 'ValidationException', 400);
    await refusedWith(rules.send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(9999) })), 'ValidationException', 400);
    await refusedWith(rules.send(new rbin.LockRuleCommand({ Identifier: 'AAAAAAAAAAA', LockConfiguration: delay(7) })), 'ResourceNotFoundException', 404);
    await refusedWith(rules.send(new rbin.UnlockRuleCommand({ Identifier: 'AAAAAAAAAAA' })), 'ResourceNotFoundException', 404);
  });
});

describe('audit', () => {
  test('a signed request is audited as the access key\'s principal, under the RPC\'s action', async () => {
    const { Identifier } = await client().send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(4) }));
    await client().send(new rbin.LockRuleCommand({ Identifier, LockConfiguration: delay(7) }));
    await assert.rejects(client().send(new rbin.DeleteRuleCommand({ Identifier })));
    const { records } = await server.audit('ListAuditEvents', { resource_prefix: `lrn:lockctl:${REGION}:rule/${Identifier}` });
    assert.deepEqual(records.map((r) => [r.principal, r.action, r.outcome]), [
      ['rbin-tester', 'lockctl:CreateRule', 'OK'],
      ['rbin-tester', 'lockctl:LockRule', 'OK'],
      ['rbin-tester', 'lockctl:DeleteRule', 'INVALID_RULE_STATE'],
    ]);
  });
});

describe('tags', () => {
  test('TagResource, ListTagsForResource and UntagResource on a rule, locked or not', async () => {
    const rules = client();
    const { RuleArn, Identifier } = await rules.send(new rbin.CreateRuleCommand({
      ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(2), LockConfiguration: delay(7),
    }));
    const tagged = await rules.send(new rbin.TagResourceCommand({
      ResourceArn: RuleArn, Tags: [{ Key: 'team', Value: 'storage' }, { Key: 'cost-centre', Value: '42' }],
    }));
    assert.equal(tagged.$metadata.httpStatusCode, 201);
    await rules.send(new rbin.TagResourceCommand({ ResourceArn: RuleArn, Tags: [{ Key: 'team', Value: 'backup' }] }));
    const listed = await rules.send(new rbin.ListTagsForResourceCommand({ ResourceArn: RuleArn }));
    assert.deepEqual(listed.Tags, [{ Key: 'cost-centre', Value: '42' }, { Key: 'team', Value: 'backup' }]);

    const untagged = await rules.send(new rbin.UntagResourceCommand({ ResourceArn: RuleArn, TagKeys: ['team', 'absent'] }));
    assert.equal(untagged.$metadata.httpStatusCode, 204);
    assert.deepEqual((await rules.send(new rbin.ListTagsForResourceCommand({ ResourceArn: RuleArn }))).Tags,
      [{ Key: 'cost-centre', Value: '42' }]);
    assert.equal((await rules.send(new rbin.GetRuleCommand({ Identifier }))).LockState, 'locked');
  });

  test('more than 50 tags is ServiceQuotaExceededException; a bad key ValidationException; an unknown rule ResourceNotFoundException', async () => {
    const rules = client();
    const { RuleArn } = await rules.send(new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(2) }));
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await refusedWith(rules.send(new rbin.TagResourceCommand({ ResourceArn: RuleArn, Tags: many })), 'ServiceQuotaExceededException', 402);
    await refusedWith(rules.send(new rbin.TagResourceCommand({ ResourceArn: RuleArn, Tags: [{ Key: 'aws:reserved', Value: 'v' }] })), 'ValidationException', 400);
    assert.deepEqual((await rules.send(new rbin.ListTagsForResourceCommand({ ResourceArn: RuleArn }))).Tags, [], 'nothing written');
    const unknown = `arn:aws:rbin:${REGION}:${server.accountId}:rule/AAAAAAAAAAA`;
    await refusedWith(rules.send(new rbin.ListTagsForResourceCommand({ ResourceArn: unknown })), 'ResourceNotFoundException', 404);
    const otherAccount = RuleArn.replace(server.accountId, '999999999999');
    await refusedWith(rules.send(new rbin.TagResourceCommand({ ResourceArn: otherAccount, Tags: [{ Key: 'a', Value: 'b' }] })), 'ResourceNotFoundException', 404);
    await refusedWith(rules.send(new rbin.ListTagsForResourceCommand({ ResourceArn: 'not-an-arn' })), 'ValidationException', 400);
  });
});

describe('signatures', () => {
  const create = () => new rbin.CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: days(1) });

  test('a wrong secret is InvalidSignatureException', async () => {
    const wrong = client({ credentials: { ...credentials, secretAccessKey: credentials.secretAccessKey + 'x' } });
    await refusedWith(wrong.send(create()), 'InvalidSignatureException', 403);
  });

  test('an unknown or deleted key is UnrecognizedClientException', async () => {
    const unknown = client({ credentials: { accessKeyId: 'LCAKAAAAAAAAAAAAAAAA', secretAccessKey: 'x' } });
    await refusedWith(unknown.send(create()), 'UnrecognizedClientException', 403);
    const doomed = await server.createAccessKey('short-lived');
    const withDoomed = client({ credentials: doomed });
    await withDoomed.send(create());
    await server.deleteAccessKey(doomed.accessKeyId);
    await refusedWith(withDoomed.send(create()), 'UnrecognizedClientException', 403);
  });

  test('a signature more than 15 minutes off the server clock is refused, within it accepted', async () => {
    await refusedWith(client({ systemClockOffset: -16 * 60 * 1000 }).send(create()), 'InvalidSignatureException', 403);
    await refusedWith(client({ systemClockOffset: 16 * 60 * 1000 }).send(create()), 'InvalidSignatureException', 403);
    const created = await client({ systemClockOffset: -14 * 60 * 1000 }).send(create());
    assert.equal(created.$metadata.httpStatusCode, 201);
  });

  test('a body or query changed after signing is InvalidSignatureException', async () => {
    const body = tamperingClient((request) => { request.body = request.body.replace('"RetentionPeriodValue":1', '"RetentionPeriodValue":2'); });
    await refusedWith(body.send(create()), 'InvalidSignatureException', 403);
    const query = tamperingClient((request) => { request.query = { ...request.query, extra: 'x' }; });
    await refusedWith(query.send(create()), 'InvalidSignatureException', 403);
    const path = tamperingClient((request) => { request.path = request.path.replace('AAAAAAAAAAA', 'BBBBBBBBBBB'); });
    await refusedWith(path.send(new rbin.GetRuleCommand({ Identifier: 'AAAAAAAAAAA' })), 'InvalidSignatureException', 403);
  });

  test('an unsigned request is refused, and an unknown path is a 404 in the AWS shape', async () => {
    const unsigned = await fetch(`${server.endpoint}/rules/AAAAAAAAAAA`);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    const unknown = await fetch(`${server.endpoint}/nowhere`);
    assert.equal(unknown.status, 404);
    assert.equal(typeof (await unknown.json()).message, 'string');
  });
});
