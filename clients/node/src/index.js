'use strict';
// lockctl's Node.js client: connect() to the four services, whose methods return promises and
// reject with LockctlError; messages are plain objects as @grpc/proto-loader makes them from
// proto/ (field names as in the .proto, enums as their names, unset messages as null).

const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { DOMAIN, LockctlError, decodeStatusDetails } = require('./errors');
const { toDate, fromDate } = require('./timestamps');

const CALLER_HEADER = 'lockctl-caller';
const PROTO_FILES = [
  'lockctl/v1/snapshot.proto',
  'lockctl/v1/snapshot_lock.proto',
  'lockctl/v1/retention_rule.proto',
  'lockctl/v1/replication.proto',
  'lockctl/v1/errors.proto',
];
const LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
const SERVICES = {
  snapshots: 'SnapshotService',
  locks: 'SnapshotLockService',
  rules: 'RetentionRuleService',
  replication: 'ReplicationService',
};

/** The repository's proto/, beside clients/; LOCKCTL_PROTO_DIR overrides it. */
function defaultProtoDir() {
  return process.env.LOCKCTL_PROTO_DIR || path.resolve(__dirname, '..', '..', '..', 'proto');
}

const loaded = new Map();

/** The lockctl.v1 package as grpc-js loads it (service constructors, enums, message types). */
function loadProtos(protoDir = defaultProtoDir()) {
  if (!loaded.has(protoDir)) {
    const definition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [protoDir] });
    loaded.set(protoDir, grpc.loadPackageDefinition(definition).lockctl.v1);
  }
  return loaded.get(protoDir);
}

function callerInterceptor(caller) {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set(CALLER_HEADER, caller);
        next(metadata, listener);
      },
    });
}

/** Each unary method of a grpc-js client as a promise, under its proto name and lowerCamelCase. */
function promised(raw, service) {
  const methods = { raw };
  for (const [name, method] of Object.entries(service.service)) {
    if (method.requestStream || method.responseStream) continue;
    const call = (request = {}, options = {}) =>
      new Promise((resolve, reject) => {
        raw[name](request, new grpc.Metadata(), options, (error, response) =>
          error ? reject(LockctlError.from(error)) : resolve(response));
      });
    methods[name] = call;
    methods[name[0].toLowerCase() + name.slice(1)] = call;
  }
  return methods;
}

/**
 * Opens a channel to `target` ("host:port").
 * @param {string} target
 * @param {object} [options]
 * @param {string} [options.caller] sent as the `lockctl-caller` header on every call; an insecure
 *   server takes it as the principal (absent: "anonymous"); a server with authentication ignores it.
 * @param {grpc.ChannelCredentials} [options.credentials] TLS credentials; plaintext when absent.
 * @param {object} [options.channelOptions] grpc-js channel options, passed through.
 * @param {string} [options.protoDir] where lockctl/v1/*.proto are (default: the repository's proto/).
 * @returns {{snapshots, locks, rules, replication, channel, close(): void}} each service has its
 *   RPCs as `(request, callOptions?) => Promise<response>` (callOptions: e.g. {deadline}), and the
 *   grpc-js client as `raw`.
 */
function connect(target, { caller, credentials, channelOptions = {}, protoDir } = {}) {
  const v1 = loadProtos(protoDir);
  const clientOptions = { ...channelOptions };
  if (caller !== undefined && caller !== null) {
    clientOptions.interceptors = [callerInterceptor(caller), ...(channelOptions.interceptors ?? [])];
  }
  const creds = credentials ?? grpc.credentials.createInsecure();
  const client = {};
  let channel;
  for (const [property, serviceName] of Object.entries(SERVICES)) {
    const Service = v1[serviceName];
    const raw = new Service(target, creds, channel ? { ...clientOptions, channelOverride: channel } : clientOptions);
    channel = channel ?? raw.getChannel();
    client[property] = promised(raw, Service);
  }
  client.channel = channel;
  client.close = () => channel.close();
  return client;
}

module.exports = {
  CALLER_HEADER,
  DOMAIN,
  LockctlError,
  connect,
  decodeStatusDetails,
  fromDate,
  loadProtos,
  toDate,
};
