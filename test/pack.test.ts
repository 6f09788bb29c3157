// The published package as `npx` meets it: `npm pack` the repo, install the tarball into an empty
// folder with the registry out of reach (--offline, a fresh cache), and run the installed bin
// from node_modules/.bin. This proves the tarball is complete (bundle, chunks, templates, wasm
// files) and needs nothing from devDependencies. Needs a built dist/ (`npm test` builds first).

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_RELEASES } from '../src/settings/schema.js';
import { ROOT, readTree, runCli } from './support/cli.js';

interface PackedFile {
  path: string;
  size: number;
}

const PACKAGE = 'create-async-parachain';
let work = '';
let packed: PackedFile[] = [];
let tarball = '';
let app = '';
let installed = '';
let installedBin = '';

/** The environment a user's shell would give: no NODE_PATH or loaders pointing into this repo. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
  return env;
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Runs the installed bin the way npx does: the .bin link, executed directly, in the user's folder. */
function runInstalled(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(installedBin, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) {
    throw new Error('dist/cli.cjs is missing: run `npm run build` first (`npm test` does).');
  }
  work = mkdtempSync(join(tmpdir(), 'cap-pack-'));
  const pack = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: PackedFile[] }[];
  if (!info) throw new Error(`npm pack printed no package: ${pack.stdout}`);
  packed = info.files;
  tarball = join(work, info.filename);

  // An empty project, as `npx` makes one in its cache; a fresh npm cache and --offline mean
  // nothing can come from the registry, so the install succeeds only with zero dependencies.
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'pack-test-app', private: true }, null, 2)}\n`);
  npm(['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', '--cache', join(work, 'npm-cache'), tarball], app);
  installed = join(app, 'node_modules', PACKAGE);
  installedBin = join(app, 'node_modules', '.bin', PACKAGE);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the published package', () => {
  it('contains the bin, every bundle, every template, both wasm files and the lock data', () => {
    const paths = new Set(packed.map((f) => f.path));
    expect(paths).toContain('package.json');
    expect(paths).toContain('bin/create-async-parachain.cjs');
    for (const bundle of ['cli', 'wizard', 'check']) expect(paths).toContain(`dist/${bundle}.cjs`);
    expect(paths).toContain('dist/tree-sitter.wasm');
    expect(paths).toContain('dist/tree-sitter-rust.wasm');
    for (const bundle of readdirSync(join(ROOT, 'dist')).filter((f) => /\.c?js$/.test(f))) expect(paths).toContain(`dist/${bundle}`);
    const templates = filesUnder(join(ROOT, 'templates')).map((f) => relative(ROOT, f).split('\\').join('/'));
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) expect(paths).toContain(template);
    // The data every project's Cargo.lock is rendered from, one file per release.
    for (const release of SDK_RELEASES) expect(paths).toContain(`release-locks/${release}.json.gz`);
  });

  it('leaves out sources, tests, scripts and build leftovers', () => {
    const stray = packed
      .map((f) => f.path)
      .filter(
        (p) =>
          /^(src|test|scripts|bench|docs|node_modules|\.ci|\.github)\//.test(p) ||
          (/\.(ts|mts|cts)$/.test(p) && !p.endsWith('.d.ts')) ||
          /(^|\/)(tsconfig\.json|vitest\.config\.\w+|package-lock\.json)$/.test(p) ||
          p.endsWith('.tgz') ||
          // The bundles' own source maps ship (stack traces under --verbose); no other map does.
          (p.endsWith('.map') && !/^dist\/(cli|wizard|check|upgrade)\.cjs\.map$/.test(p)),
      );
    expect(stray).toEqual([]);
  });

  it('declares no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const value = manifest[field] as Record<string, string> | undefined;
      expect(Object.keys(value ?? {}), field).toEqual([]);
    }
    expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ [PACKAGE]: 'bin/create-async-parachain.cjs' });
  });

  it('installs offline into an empty folder and brings nothing else along', () => {
    const modules = readdirSync(join(app, 'node_modules')).filter((e) => !e.startsWith('.'));
    expect(modules).toEqual([PACKAGE]);
    expect(statSync(installedBin).isFile()).toBe(true);
  });

  it('bundles every module it loads: only Node built-ins and its own bundles are loaded', () => {
    const builtins = new Set(builtinModules);
    const foreign: string[] = [];
    const dist = join(installed, 'dist');
    const bundles = readdirSync(dist).filter((f) => /\.c?js$/.test(f));
    expect(bundles.length).toBeGreaterThan(0);
    for (const file of bundles) {
      const code = readFileSync(join(dist, file), 'utf8');
      // A module specifier: relative, node:, scoped or bare package path (so prose inside string
      // literals, such as "from .command()", is not taken for one).
      const spec = String.raw`["']((?:\.{1,2}\/|node:|@)?[\w][\w.\-/@]*)["']`;
      const specifiers = [
        ...code.matchAll(new RegExp(String.raw`\bfrom\s*${spec}`, 'g')),
        ...code.matchAll(new RegExp(String.raw`\bimport\s*\(\s*${spec}\s*\)`, 'g')),
        ...code.matchAll(new RegExp(String.raw`\bimport\s*${spec}`, 'g')),
        ...code.matchAll(new RegExp(String.raw`\brequire\s*\(\s*${spec}\s*\)`, 'g')),
      ].map((m) => m[1]!);
      for (const specifier of specifiers) {
        const local = specifier.startsWith('./') || specifier.startsWith('../');
        const builtin = specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0]!);
        if (local) {
          if (!existsSync(join(dist, specifier))) foreign.push(`${file}: missing bundle ${specifier}`);
        } else if (!builtin) {
          foreign.push(`${file}: ${specifier}`);
        }
      }
    }
    expect(foreign).toEqual([]);
  });
});

describe('the installed bin, run as npx runs it', () => {
  let user = '';
  beforeAll(() => {
    user = join(work, 'user');
    mkdirSync(user);
  });

  it('prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const result = runInstalled(['--version'], user);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('writes the same project as the repository build', () => {
    const result = runInstalled(['my-chain', '--yes'], user);
    expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
    const fromPackage = readTree(join(user, 'my-chain'));
    expect(fromPackage.size).toBeGreaterThan(10);
    expect([...fromPackage.keys()]).toEqual(expect.arrayContaining(['Cargo.toml', 'README.md', 'async-parachain.json', 'runtime/src/lib.rs']));

    const reference = mkdtempSync(join(tmpdir(), 'cap-pack-ref-'));
    try {
      const local = runCli(['my-chain', '--yes'], { cwd: reference });
      expect(local.code, local.stderr).toBe(0);
      expect(fromPackage).toEqual(readTree(join(reference, 'my-chain')));
    } finally {
      rmSync(reference, { recursive: true, force: true });
    }
  });

  it('runs the project commands it has (regen, check) from the installed files', (ctx) => {
    const help = runInstalled(['--help'], user);
    expect(help.code, help.stderr).toBe(0);
    const commands = [
      { name: 'regen', args: ['regen', 'zombienet', '--dry-run'] },
      { name: 'check', args: ['check'] },
    ].filter((c) => new RegExp(`^\\s+${c.name}\\b`, 'm').test(help.stdout.split(/^Commands:/m)[1] ?? ''));
    if (commands.length === 0) ctx.skip();
    const project = join(user, 'for-commands');
    const made = runInstalled(['for-commands', '--yes'], user);
    expect(made.code, made.stderr).toBe(0);
    for (const command of commands) {
      const result = runInstalled(command.args, project);
      expect(result.code, `${command.args.join(' ')}: ${result.stderr}\n${result.stdout}`).toBe(0);
    }
  });
});
