'use strict';
// The real lockctl server as a child process, with its HTTP edge on: `java -jar lock-server.jar
// --port 0 --http-port 0` on a temporary data directory (LOCKCTL_SERVER_JAR names the jar), and a
// gRPC client of AccessKeyService to make the access keys the SDKs sign with.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const REPO = path.resolve(__dirname, '..', '..');
const ACCOUNT_ID = '123456789012';

function serverJar() {
  const jar = path.resolve(process.env.LOCKCTL_SERVER_JAR || path.join(REPO, 'lock-server/target/lock-server.jar'));
  if (!fs.existsSync(jar)) {
    throw new Error(`server jar ${jar} not found: build it (mvn -B -q -DskipTests package) or set LOCKCTL_SERVER_JAR`);
  }
  return jar;
}

function stubs(target) {
  const definition = protoLoader.loadSync(['lockctl/v1/access_key.proto', 'lockctl/v1/replication.proto', 'lockctl/v1/snapshot.proto', 'lockctl/v1/audit.proto'], {
    includeDirs: [path.join(REPO, 'proto')],
    keepCase: true,
    defaults: true,
  });
  const v1 = grpc.loadPackageDefinition(definition).lockctl.v1;
  const credentials = grpc.credentials.createInsecure();
  return {
    accessKeys: new v1.AccessKeyService(target, credentials),
    replication: new v1.ReplicationService(target, credentials),
    snapshots: new v1.SnapshotService(target, credentials),
    audit: new v1.AuditService(target, credentials),
  };
}

/**
 * Starts the server; resolves to {grpcTarget, endpoint, createAccessKey(principal), deleteAccessKey(id),
 * stop(), log()} once it prints both addresses.
 */
async function startServer({ timeoutMs = 60_000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockctl-compat-'));
  const child = spawn('java', ['-jar', serverJar(), '--port', '0', '--http-port', '0',
    '--account-id', ACCOUNT_ID, '--data-dir', path.join(dir, 'data')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let grpcStubs;
  const stop = async () => {
    if (grpcStubs) Object.values(grpcStubs).forEach((stub) => stub.close());
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const ports = await new Promise((resolve, reject) => {
    const found = {};
    const timer = setTimeout(() => reject(new Error(`lockctl did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const http = /lockctl HTTP listening on (\S+):(\d+)/.exec(line);
      const grpcLine = /^lockctl listening on (\S+):(\d+)/.exec(line);
      if (http) found.http = Number(http[2]);
      if (grpcLine) found.grpc = Number(grpcLine[2]);
      if (found.http && found.grpc) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`lockctl exited (${code}) before listening:\n${log}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  const grpcTarget = `127.0.0.1:${ports.grpc}`;
  grpcStubs = stubs(grpcTarget);
  const call = (service, method, request) => new Promise((resolve, reject) => {
    grpcStubs[service][method](request, (error, response) => (error ? reject(error) : resolve(response)));
  });
  const unary = (method, request) => call('accessKeys', method, request);
  return {
    grpcTarget,
    endpoint: `http://127.0.0.1:${ports.http}`,
    httpPort: ports.http,
    accountId: ACCOUNT_ID,
    async createAccessKey(principal) {
      const created = await unary('CreateAccessKey', { principal });
      return { accessKeyId: created.access_key.access_key_id, secretAccessKey: created.secret_access_key };
    },
    async deleteAccessKey(accessKeyId) {
      await unary('DeleteAccessKey', { access_key_id: accessKeyId });
    },
    /** Calls any ReplicationService RPC (proto field names). */
    replication: (method, request) => call('replication', method, request),
    /** Calls any SnapshotService RPC (proto field names). */
    snapshots: (method, request) => call('snapshots', method, request),
    /** Calls any AuditService RPC (proto field names). */
    audit: (method, request) => call('audit', method, request),
    stop,
    log: () => log,
  };
}

module.exports = { REPO, startServer };
