'use strict';
// LockctlError and the google.rpc mirror, without a server. The mirror is checked against
// googleapis' own google/rpc/*.proto where one can be found: the proto-google-common-protos jar
// that the Maven build puts in ~/.m2, or a directory named by LOCKCTL_GOOGLEAPIS_PROTOS.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, it } = require('node:test');
const grpc = require('@grpc/grpc-js');
const protobuf = require('protobufjs');
const { LockctlError, decodeStatusDetails } = require('..');
const { MIRROR } = require('../src/errors');

const GOOGLE_RPC = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];
const mirror = protobuf.Root.fromJSON(MIRROR);

/** A directory holding googleapis' google/rpc protos, or null. */
function googleapisProtos() {
  if (process.env.LOCKCTL_GOOGLEAPIS_PROTOS) return process.env.LOCKCTL_GOOGLEAPIS_PROTOS;
  const base = path.join(os.homedir(), '.m2/repository/com/google/api/grpc/proto-google-common-protos');
  if (!fs.existsSync(base)) return null;
  const jars = fs.readdirSync(base)
    .map((version) => path.join(base, version, `proto-google-common-protos-${version}.jar`))
    .filter((jar) => fs.existsSync(jar))
    .sort();
  if (jars.length === 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockctl-node-googleapis-'));
  execFileSync('unzip', ['-q', '-o', jars[jars.length - 1], ...GOOGLE_RPC, '-d', dir]);
  return dir;
}

function real() {
  const dir = googleapisProtos();
  if (!dir) return null;
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => path.join(dir, target);
  // google/protobuf/*.proto come from protobufjs' bundled copies.
  root.loadSync(GOOGLE_RPC, { keepCase: true });
  if (!process.env.LOCKCTL_GOOGLEAPIS_PROTOS) fs.rmSync(dir, { recursive: true, force: true });
  return root;
}

function pack(type, fields) {
  return { type_url: `type.googleapis.com/${type.fullName.slice(1)}`, value: type.encode(type.fromObject(fields)).finish() };
}

const googleapis = real();
const skip = googleapis ? false : 'no googleapis google/rpc protos here (no proto-google-common-protos jar in ~/.m2)';

describe('the google.rpc mirror', { skip }, () => {
  const pairs = {
    'google.protobuf.Any': 'Any',
    'google.rpc.Status': 'Status',
    'google.rpc.ErrorInfo': 'ErrorInfo',
    'google.rpc.BadRequest': 'BadRequest',
    'google.rpc.BadRequest.FieldViolation': 'BadRequest.FieldViolation',
  };

  it('gives every mirrored field its real number and type', () => {
    for (const [realName, mirrorName] of Object.entries(pairs)) {
      const theirs = googleapis.lookupType(realName);
      const ours = mirror.lookupType(`lockctl_client.mirror.${mirrorName}`);
      for (const field of ours.fieldsArray) {
        const other = theirs.fields[field.name];
        assert.ok(other, `${realName} has no field ${field.name}`);
        const shape = (f) => ({ id: f.id, type: f.type.split('.').pop(), repeated: f.repeated, map: f.map, keyType: f.keyType });
        assert.deepEqual(shape(field), shape(other), `${realName}.${field.name}`);
      }
    }
  });

  it('decodes what googleapis encodes', () => {
    const ErrorInfo = googleapis.lookupType('google.rpc.ErrorInfo');
    const BadRequest = googleapis.lookupType('google.rpc.BadRequest');
    const Status = googleapis.lookupType('google.rpc.Status');
    const metadata = { lock_status: 'COMPLIANCE', lock_expired_time: '2030-01-01T00:00:00Z' };
    const status = Status.encode(Status.fromObject({
      code: 9,
      message: 'm',
      details: [
        pack(ErrorInfo, { reason: 'SNAPSHOT_LOCKED', domain: 'lockctl.v1', metadata }),
        pack(BadRequest, { field_violations: [{ field: 'region_id', description: 'must match', reason: 'IGNORED' }] }),
      ],
    })).finish();

    assert.deepEqual(decodeStatusDetails(status), {
      code: 9,
      message: 'm',
      reason: 'SNAPSHOT_LOCKED',
      domain: 'lockctl.v1',
      metadata,
      fieldViolations: [{ field: 'region_id', description: 'must match' }],
    });
  });
});

describe('LockctlError', () => {
  const Status = mirror.lookupType('lockctl_client.mirror.Status');
  const ErrorInfo = mirror.lookupType('lockctl_client.mirror.ErrorInfo');
  const BadRequest = mirror.lookupType('lockctl_client.mirror.BadRequest');

  function serviceError(code, details, trailers = {}) {
    const metadata = new grpc.Metadata();
    for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
    return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
  }

  it('reads code and message without status details', () => {
    const error = LockctlError.from(serviceError(grpc.status.UNAVAILABLE, 'connection refused'));
    assert.equal(error.code, grpc.status.UNAVAILABLE);
    assert.equal(error.codeName, 'UNAVAILABLE');
    assert.equal(error.message, 'connection refused');
    assert.equal(error.reason, '');
    assert.deepEqual(error.metadata, {});
    assert.equal(String(error), 'LockctlError: UNAVAILABLE: connection refused');
  });

  it('reads ErrorInfo and BadRequest and ignores other details', () => {
    const details = Status.encode(Status.fromObject({
      code: 3,
      message: 'region_id: bad',
      details: [
        { type_url: 'type.googleapis.com/google.rpc.ErrorInfo', value: ErrorInfo.encode({ reason: 'INVALID_PARAMETER', domain: 'lockctl.v1' }).finish() },
        { type_url: 'type.googleapis.com/google.rpc.BadRequest', value: BadRequest.encode(BadRequest.fromObject({ field_violations: [{ field: 'region_id', description: 'bad' }] })).finish() },
        { type_url: 'type.googleapis.com/google.rpc.DebugInfo', value: Buffer.from([0x0a, 0x01, 0x78]) },
      ],
    })).finish();
    const cause = serviceError(grpc.status.INVALID_ARGUMENT, 'region_id: bad', {
      'other-bin': Buffer.from('x'),
      'grpc-status-details-bin': Buffer.from(details),
    });

    const error = LockctlError.from(cause);

    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'INVALID_PARAMETER');
    assert.equal(error.domain, 'lockctl.v1');
    assert.deepEqual(error.fieldViolations, [{ field: 'region_id', description: 'bad' }]);
    assert.equal(error.violation('region_id').description, 'bad');
    assert.equal(error.violation('snapshot_id'), undefined);
    assert.equal(error.cause, cause);
    assert.ok(error instanceof Error);
    assert.equal(String(error), 'LockctlError: INVALID_ARGUMENT/INVALID_PARAMETER: region_id: bad');
  });

  it('passes a LockctlError through', () => {
    const error = new LockctlError({ code: grpc.status.NOT_FOUND, reason: 'SNAPSHOT_NOT_FOUND' });
    assert.equal(LockctlError.from(error), error);
  });
});
