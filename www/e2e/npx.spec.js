// `npx milvus-load-console`: the packed tarball installed into an empty folder, as a user without
// Rust would, serving the standalone page from the package itself.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect } from './sim.js';

/** Starts the command; resolves with its printed URL and its output lines so far. */
function serve(folder, args) {
  // Its own process group, as in a terminal: Ctrl-C signals the whole group (npx, the shell it
  // starts, and node).
  const child = spawn('npx', ['--no-install', 'milvus-load-console', ...args], {
    cwd: folder,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, npm_config_offline: 'true' },
  });
  const ctrlC = () => { try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ } };
  const lines = [];
  const url = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const match = /^Milvus Load Console: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, url, lines, exited, ctrlC };
}

test.describe('npx milvus-load-console', () => {
  let folder;

  test.beforeAll(() => {
    const tarball = process.env.PACKAGE_TARBALL;
    if (!tarball) throw new Error('PACKAGE_TARBALL is not set (run through cargo xtask test e2e)');
    folder = mkdtempSync(join(tmpdir(), 'mlc-npx-'));
    writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: folder, stdio: 'inherit' });
  });

  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('refuses a Milvus URL with a user name or password, without printing it', () => {
    for (const [args, env] of [
      [['--milvus-url', 'http://root:Secret-1@127.0.0.1:19530', '--port', '0'], {}],
      [['--port', '0'], { MILVUS_URL: 'https://Secret-1@milvus.example' }],
    ]) {
      const run = spawnSync('npx', ['--no-install', 'milvus-load-console', ...args], {
        cwd: folder,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, npm_config_offline: 'true', ...env },
      });
      expect(run.status, run.stdout).toBe(2);
      expect(run.stdout + run.stderr).not.toContain('Secret-1');
      expect(run.stdout).not.toContain('Milvus Load Console:');
      expect(run.stderr).toContain('as the token');
    }
  });

  test('serves the page with its headers, pre-filled, on a free port when the asked one is taken', async ({ page, sim }) => {
    const first = serve(folder, ['--milvus-url', sim.url, '--port', '0']);
    const url = await first.url;
    const port = Number(new URL(url).port);
    expect(url).toBe(`http://127.0.0.1:${port}/?endpoint=${encodeURIComponent(sim.url)}`);
    const second = serve(folder, ['--port', String(port)]);
    try {
      const otherUrl = await second.url;
      expect(Number(new URL(otherUrl).port)).not.toBe(port);
      expect(second.lines.join('\n')).toContain(`Port ${port} is in use`);

      const response = await page.goto(url);
      const headers = response.headers();
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      // A first visit pre-fills the endpoint; connecting is the user's click.
      await expect(page.getByLabel('Milvus endpoint')).toHaveValue(sim.url);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      const collections = await sim.collections();
      await expect(page.locator('tr.mlc-row')).toHaveCount(collections.length);
      // Nothing but the page's own files is served.
      expect((await page.request.get(new URL('/package.json', url).href)).status()).toBe(404);
      expect((await page.request.get(new URL('/../package.json', url).href)).status()).toBe(404);
    } finally {
      second.ctrlC();
      first.ctrlC();
    }
    // Ctrl-C stops it (npx passes the interrupt on as its own exit), and the ports close.
    for (const [instance, url] of [[first, await first.url], [second, await second.url]]) {
      const { code, signal } = await instance.exited;
      expect(code === 0 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true);
      await expect(fetch(url)).rejects.toThrow();
    }
  });
});
