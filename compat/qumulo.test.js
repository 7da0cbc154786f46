'use strict';
// Qumulo Core's replication-lock endpoints over plain HTTP, as a script using Qumulo's REST API
// calls them: log in with an access key, then read, set and clear a target relationship's lock key.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { after, before, test } = require('node:test');
const { startServer } = require('./support/server');

let server;
let credentials;
let relationshipId;
let lockKey;

async function request(method, path, { body, token } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.endpoint}${path}`, { method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function login(username, password) {
  return request('POST', '/v1/session/login', { body: { username, password } });
}

function assertQumuloError(response, status, errorClass) {
  assert.equal(response.status, status, JSON.stringify(response.json));
  assert.equal(response.json.error_class, errorClass);
  assert.equal(typeof response.json.description, 'string');
  assert.equal(typeof response.json.module, 'string');
}

before(async () => {
  server = await startServer();
  credentials = await server.createAccessKey('qumulo-admin');
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = 'replication-key';
  const signature = crypto.sign('sha256', Buffer.from(name, 'utf8'), privateKey).toString('base64');
  lockKey = (await server.replication('CreateLockKey', {
    name, public_key: publicKey.export({ type: 'spki', format: 'pem' }), verification_signature: signature,
  })).lock_key;
  relationshipId = (await server.replication('CreateTargetRelationship', {
    region_id: 'cn-hangzhou', source_cluster: 'source', source_path: '/data/', target_path: '/replica/',
  })).target_relationship.relationship_id;
});

after(async () => {
  if (server) await server.stop();
});

test('login with an access key answers a bearer token that reads, sets and clears the lock', async () => {
  const session = await login(credentials.accessKeyId, credentials.secretAccessKey);
  assert.equal(session.status, 200);
  const token = session.json.bearer_token;
  assert.equal(typeof token, 'string');
  const path = `/v2/replication/target-relationships/${relationshipId}/lock`;

  assert.deepEqual((await request('GET', path, { token })).json, { lock_key_ref: null });
  const set = await request('POST', path, { token, body: { lock_key_ref: 'replication-key' } });
  assert.equal(set.status, 200);
  assert.deepEqual(set.json, { lock_key_ref: lockKey.lock_key_id }, 'a name resolves to the key id');
  assert.deepEqual((await request('GET', path, { token })).json, { lock_key_ref: lockKey.lock_key_id });
  const cleared = await request('POST', path, { token, body: { lock_key_ref: null } });
  assert.deepEqual(cleared.json, { lock_key_ref: null });
});

test('a wrong password or unknown key fails the login; a missing, forged or deleted key token is 401', async () => {
  assertQumuloError(await login(credentials.accessKeyId, 'wrong'), 401, 'login_failed');
  assertQumuloError(await login('LCAKAAAAAAAAAAAAAAAA', 'x'), 401, 'login_failed');
  const path = `/v2/replication/target-relationships/${relationshipId}/lock`;
  assertQumuloError(await request('GET', path), 401, 'http_unauthorized_error');
  const token = (await login(credentials.accessKeyId, credentials.secretAccessKey)).json.bearer_token;
  const [id, expiry, mac] = token.split('.');
  assertQumuloError(await request('GET', path, { token: `${id}.${Number(expiry) + 1000}.${mac}` }), 401, 'http_unauthorized_error');

  const doomed = await server.createAccessKey('short-lived');
  const doomedToken = (await login(doomed.accessKeyId, doomed.secretAccessKey)).json.bearer_token;
  assert.equal((await request('GET', path, { token: doomedToken })).status, 200);
  await server.deleteAccessKey(doomed.accessKeyId);
  assertQumuloError(await request('GET', path, { token: doomedToken }), 401, 'http_unauthorized_error');
});

test('unknown relationship or key is 404, a malformed body 400, a wrong method 405', async () => {
  const token = (await login(credentials.accessKeyId, credentials.secretAccessKey)).json.bearer_token;
  const path = `/v2/replication/target-relationships/${relationshipId}/lock`;
  const unknown = `/v2/replication/target-relationships/${crypto.randomUUID()}/lock`;
  assertQumuloError(await request('GET', unknown, { token }), 404, 'http_not_found_error');
  assertQumuloError(await request('POST', path, { token, body: { lock_key_ref: 'no-such-key' } }), 404, 'http_not_found_error');
  assertQumuloError(await request('POST', path, { token, body: '{"lock_key_ref":' }), 400, 'http_bad_request_error');
  assertQumuloError(await request('POST', path, { token, body: { lock_key_ref: 7 } }), 400, 'http_bad_request_error');
  assertQumuloError(await request('POST', path, { token, body: {} }), 400, 'http_bad_request_error');
  assertQumuloError(await request('DELETE', path, { token }), 405, 'http_method_not_allowed_error');
  assertQumuloError(await request('GET', '/v1/session/login'), 405, 'http_method_not_allowed_error');
  assert.deepEqual((await request('GET', path, { token })).json, { lock_key_ref: null }, 'nothing written');
});
