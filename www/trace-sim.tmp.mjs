import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
export async function startSimRaw(args) {
  const child = spawn('/work/main/target/release/milvus-sim', ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => { createInterface({ input: child.stdout }).once('line', (l) => resolve(/(http:\/\/\S+)/.exec(l)[1])); });
  return { url, stop: () => child.kill() };
}
