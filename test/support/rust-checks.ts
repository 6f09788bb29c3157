// Checks of generated Rust with real tools: the tree-sitter Rust parser (macro bodies included),
// rustfmt and cargo. rustfmt and cargo are prerequisites of the test suite: when one is missing,
// these helpers fail with a message saying so, never skip.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRustParser, type SyntaxIssue } from '../../src/rust/parser.js';

/** Every `.rs` file under `dir` (absolute paths, sorted), skipping `target/` and dot-directories. */
export function rustFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'target' || entry.name === 'node_modules') {
        continue;
      }
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.rs')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

export interface FileSyntaxIssue extends SyntaxIssue {
  file: string;
}

/** Syntax errors of every `.rs` file under `dir`, macro bodies included. */
export async function rustSyntaxErrors(dir: string): Promise<FileSyntaxIssue[]> {
  const parser = await loadRustParser();
  const issues: FileSyntaxIssue[] = [];
  for (const file of rustFiles(dir)) {
    for (const issue of parser.syntaxErrors(readFileSync(file, 'utf8'))) {
      issues.push({ file: path.relative(dir, file), ...issue });
    }
  }
  return issues;
}

/**
 * Throws, listing every error as `file:line:column`, unless every `.rs` file under `dir` parses
 * (macro bodies included). Returns the number of files checked.
 */
export async function assertRustParses(dir: string): Promise<number> {
  const files = rustFiles(dir);
  if (files.length === 0) throw new Error(`No .rs files under ${dir}.`);
  const issues = await rustSyntaxErrors(dir);
  if (issues.length > 0) {
    const lines = issues.map(
      (i) =>
        `  ${i.file}:${i.line}:${i.column}: ${i.kind === 'missing' ? i.text : `unexpected \`${i.text}\``}` +
        (i.macro ? ` (in ${i.macro}!)` : ''),
    );
    throw new Error(`Rust syntax errors under ${dir}:\n${lines.join('\n')}`);
  }
  return files.length;
}

/** Fails loudly when a required tool is not on PATH. */
export function requireTool(tool: 'rustfmt' | 'cargo'): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const how =
      tool === 'rustfmt'
        ? 'install it with `rustup component add rustfmt`'
        : 'install a Rust toolchain (https://rustup.rs)';
    throw new Error(
      `\`${tool}\` is not on PATH (${probe.error?.message ?? probe.stderr.trim()}): the test suite ` +
        `needs it to check the generated Rust; ${how}.`,
    );
  }
}

/**
 * Runs `rustfmt --check` over every `.rs` file under `dir` at once, with the project's own
 * `rustfmt.toml`. Throws with rustfmt's diff when any file would change. Returns the files checked.
 */
export function rustfmtCheck(dir: string): string[] {
  requireTool('rustfmt');
  const config = path.join(dir, 'rustfmt.toml');
  if (!existsSync(config)) throw new Error(`${config} does not exist.`);
  const files = rustFiles(dir);
  if (files.length === 0) throw new Error(`No .rs files under ${dir}.`);
  const result = spawnSync(
    'rustfmt',
    ['--check', '--edition', '2021', '--config-path', config, ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.replaceAll(`${dir}${path.sep}`, '');
    const shown = output.length > 6000 ? `${output.slice(0, 6000)}\n[... cut]` : output;
    throw new Error(`rustfmt --check found unformatted code under ${dir}:\n${shown}`);
  }
  return files;
}

/** The parts of `cargo metadata --format-version 1` the tests read. */
export interface CargoMetadata {
  packages: {
    name: string;
    version: string;
    id: string;
    manifest_path: string;
    features: Record<string, string[]>;
    dependencies: { name: string; rename?: string | null; kind?: string | null; features: string[] }[];
    targets: { name: string; kind: string[] }[];
  }[];
  workspace_members: string[];
  workspace_default_members?: string[];
  workspace_root: string;
}

/**
 * `cargo metadata --no-deps --offline --format-version 1` of the workspace in `dir`: cargo reads
 * every manifest and checks the workspace without a registry. Throws with cargo's error otherwise.
 */
export function cargoMetadata(dir: string): CargoMetadata {
  requireTool('cargo');
  const manifest = path.join(dir, 'Cargo.toml');
  const result = spawnSync(
    'cargo',
    ['metadata', '--no-deps', '--offline', '--format-version', '1', '--manifest-path', manifest],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`cargo metadata refused ${manifest}:\n${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout) as CargoMetadata;
}

/** Names of the workspace's member packages, sorted. */
export function workspaceMemberNames(metadata: CargoMetadata): string[] {
  const members = new Set(metadata.workspace_members);
  return metadata.packages
    .filter((p) => members.has(p.id))
    .map((p) => p.name)
    .sort();
}
