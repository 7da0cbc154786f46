'use strict';
// The real server as a child process: `java -jar lock-server.jar --port 0` on a temporary data
// directory. LOCKCTL_SERVER_JAR names the jar (default: the repository's lock-server/target).

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const REPO = path.resolve(__dirname, '..', '..', '..', '..');

function serverJar() {
  const jar = path.resolve(process.env.LOCKCTL_SERVER_JAR || path.join(REPO, 'lock-server/target/lock-server.jar'));
  if (!fs.existsSync(jar)) {
    throw new Error(`server jar ${jar} not found: build it (mvn -B -q -DskipTests package) or set LOCKCTL_SERVER_JAR`);
  }
  return jar;
}

/** Starts the server; resolves to {target, stop(), log()} once it prints its address. */
async function startServer({ timeoutMs = 60_000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockctl-node-server-'));
  const child = spawn('java', ['-jar', serverJar(), '--port', '0', '--data-dir', path.join(dir, 'data')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lockctl did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /lockctl listening on (\S+):(\d+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[2]));
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

  // In insecure mode the server listens on loopback; it prints the address it bound.
  return { target: `127.0.0.1:${port}`, stop, log: () => log };
}

const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh snapshot id: "s-" and 20 characters [0-9a-z]. */
function snapshotId() {
  return 's-' + Array.from(crypto.randomBytes(20), (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

/** A region of its own for a test that lists or counts (the server is shared). */
function region(prefix) {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}

module.exports = { REPO, region, snapshotId, startServer };
