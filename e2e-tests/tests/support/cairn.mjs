// Starts the built Cairn jar on a free port with a fresh data directory, and talks to its API.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultJar = path.resolve(here, '../../../backend/target/cairn.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The platform administrator's password (username `admin`), given to the server as CAIRN_ADMIN_PASSWORD. */
export const ADMIN_PASSWORD = 'e2e administrator passphrase';

/** `extraArgs` are more Spring arguments for the jar (`--cairn.deployments.local.model-server-home=…`). */
export async function startCairn({ extraArgs = [] } = {}) {
  const jar = process.env.CAIRN_JAR ?? defaultJar;
  if (!existsSync(jar)) throw new Error(`No jar at ${jar}: run 'mvn -DskipTests package' first`);
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cairn-e2e-'));
  const log = [];
  const child = spawn(
    'java',
    ['-Xmx512m', '-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1', `--cairn.data-dir=${dataDir}`, ...extraArgs],
    {
      env: { ...process.env, AXONIQ_UPDATE_CHECKER_DISABLED: 'true', CAIRN_ADMIN_PASSWORD: ADMIN_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code) => (exited = code));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited !== null) throw new Error(`Cairn exited with ${exited} while starting:\n${log.join('')}`);
    try {
      const health = await fetch(`${baseUrl}/actuator/health`);
      if (health.ok && (await health.json()).status === 'UP') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Cairn did not become healthy in 300 s:\n${log.join('')}`);
    }
    await sleep(500);
  }
  const token = (await readFile(path.join(dataDir, 'bootstrap-token'), 'utf8')).trim();

  async function api(method, apiPath, body, headers = {}) {
    const response = await fetch(`${baseUrl}/api/v1${apiPath}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined && !(body instanceof Uint8Array) ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async function stop() {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && exited === null; i += 1) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  return { baseUrl, token, dataDir, api, stop, log };
}
