// The JVMs of compute-agents/ that the browser tests use: the model server's test jar (to train the tiny MLP a
// deployment serves) and the process agent (to execute a run submitted from the UI). The root build makes them
// before the backend; CAIRN_MODEL_SERVER_HOME and CAIRN_AGENT_JAR point elsewhere.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');

/** The model server's module directory (holding target/model-server.jar, target/lib/ and the test jar). */
export const modelServerHome = process.env.CAIRN_MODEL_SERVER_HOME ?? path.join(repo, 'compute-agents/model-server');
export const agentJar = process.env.CAIRN_AGENT_JAR ?? path.join(repo, 'compute-agents/agent-core/target/cairn-agent.jar');

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}

/**
 * Trains the model server tests' tiny MLP (Iris-shaped: four double inputs, three outputs) in its own JVM and
 * answers its files: `model.zip`, the registry `signature` and `expected` rows with the model's own predictions.
 */
export async function exportTinyMlp() {
  const target = path.join(modelServerHome, 'target');
  const jars = ['model-server-tests.jar', 'model-server.jar'].map((jar) => path.join(target, jar));
  for (const jar of jars) {
    if (!existsSync(jar)) throw new Error(`${jar} is missing: mvn -B -ntp -f compute-agents/model-server/pom.xml -DskipTests package`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'cairn-e2e-mlp-'));
  await run('java', ['-cp', [...jars, `${path.join(target, 'lib')}/*`].join(path.delimiter), 'io.cairn.modelserver.TinyMlpExport', dir], {
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  const model = await readFile(path.join(dir, 'model.zip'));
  const signature = JSON.parse(await readFile(path.join(dir, 'signature.json'), 'utf8'));
  const expected = JSON.parse(await readFile(path.join(dir, 'expected.json'), 'utf8'));
  await rm(dir, { recursive: true, force: true });
  return { model: new Uint8Array(model), signature, expected };
}

/** Starts the process agent on `targetId` with a personal access token (from a file, as the agent wants it). */
export async function startAgent({ baseUrl, token, targetId, name }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cairn-e2e-agent-'));
  const tokenFile = path.join(dir, 'token');
  await writeFile(tokenFile, token, { mode: 0o600 });
  const log = [];
  const child = spawn(
    'java',
    ['-Xmx128m', '-jar', agentJar, `--url=${baseUrl}`, `--targets=${targetId}`, `--token-file=${tokenFile}`, `--name=${name}`, `--work-dir=${path.join(dir, 'work')}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  let exited = null;
  child.on('exit', (code) => (exited = code));
  return {
    log,
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        for (let i = 0; i < 100 && exited === null; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
        if (exited === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
