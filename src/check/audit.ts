// `check`'s audit: finds the parachain runtimes, the node and the zombienet configs of a
// repository, judges every guide step per runtime and computes the phase each runtime meets.
// Loaded only by the `check` command (it pulls in the Rust parser).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intOf } from '../analysis/evaluate.js';
import { analyzeNode, looksLikeNode, type NodeFacts } from '../analysis/node-facts.js';
import { readNetworkConfigs, type NetworkConfig } from '../analysis/relay-facts.js';
import { pinnedRelease, projectRoot, scriptedRelayReleases } from '../analysis/relay-release.js';
import { detectRelease, LockCache, type DetectedRelease } from '../analysis/release.js';
import { analyzeRuntime, isParachainRuntime, type RuntimeFacts } from '../analysis/runtime-facts.js';
import { Program, type Module, type SourceFile } from '../analysis/scope.js';
import { timingFacts } from '../analysis/timing-facts.js';
import { readErrorText, rel, scanWorkspace, type Crate } from '../analysis/workspace.js';
import { resultOf, type Finding } from '../guide/findings.js';
import { judgeRelay, judgeSteps, snippetContext } from '../guide/judge.js';
import type { Prerequisite, RelayContext } from '../guide/relay-steps.js';
import { stallCauses, type StallCause } from '../guide/stall-causes.js';
import { elasticFacts, type ElasticFacts } from '../analysis/elastic-facts.js';
import { releaseNamedIn } from '../profiles/relay-chains.js';
import { judgeElasticScaling, type ElasticScalingReport } from '../guide/elastic-scaling.js';
import { GUIDE_STEPS, guideStep, phaseOf } from '../guide/steps.js';
import { describeTiming, type TimingReport } from '../guide/timing.js';
import type { SdkReleaseInfo } from '../profiles/releases.js';
import { loadRustParser, type Node } from '../rust/parser.js';
import type { AuditDetails, RuntimeReport } from './types.js';

export class NoRuntimeError extends Error {
  override name = 'NoRuntimeError';
}

/** Files or folders of the repository could not be read: the audit would be wrong without them. */
export class UnreadableError extends Error {
  override name = 'UnreadableError';
}

/**
 * Audits a repository; `wanted` is the phase exit code 0 stands for. Throws NoRuntimeError when
 * there is no parachain runtime.
 */
export async function audit(dir: string, wanted: 1 | 2 | 3 = 3): Promise<AuditDetails> {
  return inspect(dir, wanted, (details) => details);
}

/** What the audit saw of one runtime: the facts behind its findings, for `upgrade` to edit by. */
export interface RuntimeInspection {
  crate: Crate;
  facts: RuntimeFacts;
  node: NodeFacts | null;
  release: SdkReleaseInfo | null;
  findings: Finding[];
  /** The network configs that run it. */
  configs: NetworkConfig[];
  /** What elastic scaling reads beyond the guide's facts (offset, offset API, UMP signals feature). */
  elastic: ElasticFacts;
}

/**
 * Audits a repository and hands the report, with the facts behind it, to `use` while the parse
 * trees are still alive (they are freed when it returns).
 */
export async function inspect<T>(dir: string, wanted: 1 | 2 | 3, use: (details: AuditDetails, runtimes: RuntimeInspection[], configs: NetworkConfig[]) => T): Promise<T> {
  const workspace = scanWorkspace(dir);
  const parser = await loadRustParser();
  const program = new Program(workspace, parser);
  try {
    const seen: RuntimeInspection[] = [];
    const configs: NetworkConfig[] = [];
    const details = run(program, wanted, seen, configs);
    return use(details, seen, configs);
  } finally {
    program.delete();
  }
}

/**
 * The exit code of a report: 0 when every runtime meets the wanted phase and no relay
 * prerequisite fails, 1 otherwise.
 */
export function exitCodeOf(runtimes: readonly RuntimeReport[], wanted: number): number {
  return runtimes.every((r) => r.phase >= wanted && r.prerequisite.status !== 'fail') ? 0 : 1;
}

function run(program: Program, wanted: 1 | 2 | 3, seen: RuntimeInspection[], seenConfigs: NetworkConfig[]): AuditDetails {
  const { workspace } = program;
  const texts = new Map<string, string>();
  const problems: AuditDetails['problems'] = workspace.problems.map((p) => ({ file: p.file, line: null, message: p.message }));
  const text = (file: string): string => {
    let t = texts.get(file);
    if (t === undefined) {
      try {
        t = readFileSync(file, 'utf8');
      } catch (error) {
        t = '';
        workspace.readErrors.push({ file: rel(workspace.root, file), message: readErrorText(error) });
      }
      texts.set(file, t);
    }
    return t;
  };

  // Parachain runtime crates: they invoke register_validate_block! outside tests, or they are
  // wasm runtimes (substrate-wasm-builder) that use cumulus_pallet_parachain_system (through
  // macros check cannot expand, e.g.). Relay runtimes do neither.
  const runtimes: { crate: Crate; root: Module }[] = [];
  for (const crate of workspace.crates) {
    const validates = crate.rsFiles.some((f) => text(f).includes('register_validate_block'));
    const wasmRuntime =
      crate.buildDeps.includes('substrate-wasm-builder') &&
      buildsWasm(crate, text) &&
      ([...crate.deps.values()].some((d) => d.pkg === 'cumulus-pallet-parachain-system') || crate.rsFiles.some((f) => text(f).includes('cumulus_pallet_parachain_system')));
    if (!validates && !wasmRuntime) continue;
    const root = program.rootModule(crate);
    if (!root) continue;
    const broken = root.allModules().some((m) => m.file.errors().length > 0 || m.file.readError);
    if (isParachainRuntime(root) || wasmRuntime || broken) runtimes.push({ crate, root });
  }
  if (runtimes.length === 0) {
    throw new NoRuntimeError(
      `No parachain runtime found in ${workspace.root}: no crate invokes cumulus_pallet_parachain_system::register_validate_block! or builds a wasm runtime using cumulus_pallet_parachain_system (relay runtimes and target/ are skipped).`,
    );
  }
  const runtimeCrates = new Set(runtimes.map((r) => r.crate));

  // Node crates: crates that start a collator (or build on polkadot-omni-node-lib).
  const nodes: NodeFacts[] = [];
  for (const crate of workspace.crates) {
    if (runtimeCrates.has(crate)) continue;
    if (!crate.rsFiles.some((f) => /collators::|spawn_tasks|start_consensus|polkadot_omni_node_lib/.test(text(f))) && !/polkadot-omni-node-lib/.test(crate.manifestText)) continue;
    const fileTexts = new Map(crate.rsFiles.map((f) => [f, text(f)]));
    if (!looksLikeNode(crate, fileTexts)) continue;
    const roots = [program.rootModule(crate), program.rootModule(crate, true)].filter((m): m is Module => m !== null);
    nodes.push(analyzeNode(crate, roots));
  }

  const network = readNetworkConfigs(workspace.root, workspace.networkFiles);
  problems.push(...network.problems.filter((p) => !p.read));
  const scripted = scriptedRelayReleases(workspace.root);
  const configsOf = networkOwners(workspace.root, runtimes.map((r) => r.crate.dir), network.configs);
  seenConfigs.push(...network.configs);

  const reports: RuntimeReport[] = [];
  const summaries: AuditDetails['runtimes'] = [];
  const internalErrors: string[] = [];
  const locks = new LockCache();
  for (const { crate, root } of runtimes) {
    const path = rel(workspace.root, crate.dir) || '.';
    const detected = detectRelease(workspace, crate, locks);
    const release = { name: detected.release?.id ?? null, evidence: detected.evidence };
    try {
      const relay = { pinned: pinnedRelease(workspace.root, crate.dir), scripted };
      const configs = configsOf(crate.dir);
      const repo = { root: workspace.root, runtimeCrates: runtimes.map((r) => r.crate.name) };
      const { steps, node, facts, prerequisite, timing, stalls, elasticScaling, elastic } = judgeOne(crate, root, nodes, configs, detected, relay, repo);
      seen.push({ crate, facts, node, release: detected.release, findings: steps, configs, elastic });
      reports.push({ path, crate: crate.name, release, phase: phaseOf(steps), prerequisite, steps: steps.map(resultOf), timing, stalls, elasticScaling });
      summaries.push({ node: node ? node.crate.name : null, findings: steps });
    } catch (error) {
      // A construct the analysis does not handle: reported on this runtime, whose steps are
      // unknown; the others go on. The stack is for --verbose.
      const manifest = rel(workspace.root, crate.manifest);
      const message = `check could not analyse this runtime (${(error as Error).message}); please report it with the files involved.`;
      const steps = GUIDE_STEPS.filter((s) => s.side !== 'relay').map((s) => ({ id: s.id, status: 'unknown' as const, file: manifest, line: null, message, fix: null }));
      const prerequisite: Prerequisite = { status: 'unknown', message, evidence: [], fix: null };
      const elasticScaling: ElasticScalingReport = { enabled: false, velocity: null, relayParentOffset: null, ready: 'unknown', items: [] };
      reports.push({ path, crate: crate.name, release, phase: 0, prerequisite, steps, timing: { blockTimeMs: null, shorterBlockTimeMs: null, findings: [] }, stalls: [], elasticScaling });
      summaries.push({ node: null, findings: steps.map((s) => ({ ...s, facts: [] })) });
      problems.push({ file: manifest, line: null, message: `internal error: ${(error as Error).message}` });
      internalErrors.push((error as Error).stack ?? String(error));
    }
  }

  for (const note of program.notes) problems.push({ file: note.file, line: null, message: note.message });
  for (const file of program.parsedFiles()) {
    for (const e of issuesOf(file).slice(0, 5)) problems.push({ file: file.rel, line: e.line, message: e.message });
  }

  // Anything that could not be read (a folder, a manifest, a Rust file, a lock, a network
  // config) stops the audit with its name: a verdict without it could be wrong.
  const unreadable = [
    ...workspace.readErrors,
    ...program.parsedFiles().flatMap((f) => (f.readError ? [{ file: f.rel, message: f.readError }] : [])),
    ...locks.readErrors.map((e) => ({ file: rel(workspace.root, e.file), message: e.message })),
    ...network.problems.filter((p) => p.read).map((p) => ({ file: p.file, message: p.message.replace(/^cannot read /, '') })),
  ];
  if (unreadable.length > 0) {
    const list = unreadable.map((u) => `${u.file} (${u.message})`).join(', ');
    throw new UnreadableError(`Cannot read ${list} in ${workspace.root}; check needs every file of the repository it audits.`);
  }

  const exitCode = exitCodeOf(reports, wanted);
  return {
    report: { ok: exitCode === 0, command: 'check', phase: Math.min(...reports.map((r) => r.phase)), exitCode, runtimes: reports },
    runtimes: summaries,
    problems,
    internalErrors,
    networkFiles: network.configs.map((c) => c.file),
  };
}

interface Judged {
  steps: Finding[];
  node: NodeFacts | null;
  facts: RuntimeFacts;
  prerequisite: Prerequisite;
  timing: TimingReport;
  stalls: StallCause[];
  elasticScaling: ElasticScalingReport;
  elastic: ElasticFacts;
}

/**
 * Whether the crate's build script runs substrate-wasm-builder: a crate that only lists it (an
 * integration-test crate, say) builds no runtime.
 */
function buildsWasm(crate: Crate, text: (file: string) => string): boolean {
  const declared = /^\s*build\s*=\s*"([^"]+)"/m.exec(crate.manifestText)?.[1];
  const script = join(crate.dir, declared ?? 'build.rs');
  return crate.rsFiles.includes(script) && /wasm_builder|WasmBuilder/.test(text(script));
}

/**
 * Every step for one runtime crate, failures annotated with the files that do not parse; the
 * relay prerequisite, timing by block number and stall causes beside them.
 */
function judgeOne(
  crate: Crate,
  root: Module,
  nodes: NodeFacts[],
  configs: NetworkConfig[],
  detected: DetectedRelease,
  relay: Omit<RelayContext, 'capacity'>,
  repo: { root: string; runtimeCrates: string[] },
): Judged {
  const release = detected.release;
  const facts = analyzeRuntime(crate, root);
  const node = nodeFor(crate, nodes);
  const snippets = snippetContext(facts, configs, release);
  const relayJudged = judgeRelay(facts, configs, relay, snippets);
  const blockTimeMs = num(intOf(facts.blockTime.value));
  const timing = describeTiming(timingFacts(facts), blockTimeMs, snippets.relaySlotMs / snippets.velocity);
  // Release ids are git tags (`polkadot-stable2512`); the elastic-scaling facts use release names.
  const named = detected.release ? releaseNamedIn(detected.release.id) : undefined;
  const pinned = named ? { release: named, source: detected.evidence, file: detected.file, line: null } : relay.pinned;
  const elasticRead = elasticFacts(facts, configs, repo.root);
  const elastic = judgeElasticScaling({ facts, elastic: elasticRead, node, configs, release: pinned, runtimeCrates: repo.runtimeCrates, blockTimeMs });
  const stalls = [...stallCauses(facts, blockTimeMs, relayJudged.stalls), ...elastic.stalls];
  // Files of this runtime that do not parse: named on every failure they may explain.
  const brokenHere = facts.modules
    .flatMap((m) => (m.file.readError ? [`${m.file.rel} (cannot be read)`] : issuesOf(m.file).slice(0, 1).map((e) => `${m.file.rel}:${e.line}`)))
    .filter((v, i, a) => a.indexOf(v) === i);
  const steps = judgeSteps(facts, node, snippets, release).map((f) => {
    if (f.status === 'fail' && brokenHere.length > 0 && guideStep(f.id)?.side === 'runtime') {
      const verb = brokenHere.length === 1 ? 'does' : 'do';
      return { ...f, message: `${f.message} (${brokenHere.join(', ')} ${verb} not parse; the step may be hidden by the syntax error.)` };
    }
    return f;
  });
  return { steps, node, facts, prerequisite: relayJudged.prerequisite, timing, stalls, elasticScaling: elastic.report, elastic: elasticRead };
}

function num(v: bigint | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

const issueCache = new WeakMap<SourceFile, { line: number; message: string }[]>();

/** A file's syntax errors, each at the most precise line available. */
function issuesOf(file: SourceFile): { line: number; message: string }[] {
  let issues = issueCache.get(file);
  if (issues) return issues;
  issues = file.errors().map((e) => {
    const at = e.macro || e.kind === 'missing' || !file.parsed ? null : innermostError(file.parsed.tree.rootNode, e.line, e.column);
    const line = at ? at.startPosition.row + 1 : e.line;
    const text = at ? (at.isMissing ? `missing "${at.type}"` : `unexpected \`${firstLine(at.text)}\``) : e.kind === 'missing' ? e.text : `unexpected \`${e.text}\``;
    return { line, message: `Rust syntax error${e.macro ? ` in ${e.macro}!` : ''}: ${text}` };
  });
  issueCache.set(file, issues);
  return issues;
}

/**
 * tree-sitter may wrap a whole file in one ERROR node; the first ERROR or MISSING node inside it
 * with no error below it points at the actual mistake.
 */
function innermostError(root: Node, line: number, column: number): Node | null {
  let outer: Node | null = null;
  const find = (n: Node): void => {
    if (outer) return;
    if (n.isError && n.startPosition.row === line - 1 && n.startPosition.column === column - 1) {
      outer = n;
      return;
    }
    if (n.hasError) for (const c of n.children) if (c) find(c);
  };
  find(root);
  if (!outer) return null;
  const descend = (n: Node): Node => {
    for (const c of n.children) {
      if (c && (c.hasError || c.isError || c.isMissing)) return descend(c);
    }
    return n;
  };
  return descend(outer);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** The node judged with a runtime: the one depending on it, else the only one. */
function nodeFor(runtime: Crate, nodes: NodeFacts[]): NodeFacts | null {
  const dependent = nodes.find((n) => [...n.crate.deps.values()].some((d) => d.crate === runtime));
  if (dependent) return dependent;
  const withCollator = nodes.filter((n) => n.params.length > 0 || n.runs.length > 0);
  return withCollator[0] ?? nodes[0] ?? null;
}

/**
 * The network configs that run a runtime: those inside its Cargo workspace, when a repository
 * holds several (a config belongs to the innermost one holding it); configs outside every
 * runtime's workspace run them all.
 */
function networkOwners(root: string, runtimeDirs: string[], configs: NetworkConfig[]): (crateDir: string) => NetworkConfig[] {
  const projects = [...new Set(runtimeDirs.map((d) => rel(root, projectRoot(root, d))))].sort((a, b) => b.length - a.length);
  const inside = (file: string, project: string): boolean => project === '' || file.startsWith(`${project}/`);
  const owner = (file: string): string | undefined => projects.find((p) => inside(file, p));
  return (crateDir) => {
    const project = rel(root, projectRoot(root, crateDir));
    return configs.filter((c) => {
      const o = owner(c.file);
      return o === undefined || o === project;
    });
  };
}
