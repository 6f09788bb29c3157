// `check`'s audit: finds the parachain runtimes, the node and the zombienet configs of a
// repository, judges every guide step per runtime and computes the phase each runtime meets.
// Loaded only by the `check` command (it pulls in the Rust parser).

import { readFileSync } from 'node:fs';
import { GUIDE_STEPS } from '../guide/steps.js';
import { loadRustParser } from '../rust/parser.js';
import { intOf } from '../analysis/evaluate.js';
import { analyzeNode, looksLikeNode, type NodeFacts } from '../analysis/node-facts.js';
import { judgeNode, nodeNotApplicable } from '../guide/node-steps.js';
import { analyzeRuntime, isParachainRuntime, type RuntimeFacts } from '../analysis/runtime-facts.js';
import { constName, judgeRuntime } from '../guide/runtime-steps.js';
import type { Node } from '../rust/parser.js';
import { Program, type Module, type SourceFile } from '../analysis/scope.js';
import type { SnippetContext } from '../guide/snippets.js';
import type { AuditDetails, RuntimeReport, StepResult } from './types.js';
import { readNetworkConfigs, type NetworkConfig } from '../analysis/relay-facts.js';
import { judgePrerequisite } from '../guide/relay-steps.js';
import { rel, scanWorkspace, type Crate } from '../analysis/workspace.js';

export class NoRuntimeError extends Error {
  override name = 'NoRuntimeError';
}

export async function audit(dir: string): Promise<AuditDetails> {
  const workspace = scanWorkspace(dir);
  const parser = await loadRustParser();
  const program = new Program(workspace, parser);
  try {
    return run(program);
  } finally {
    program.delete();
  }
}

function run(program: Program): AuditDetails {
  const { workspace } = program;
  const texts = new Map<string, string>();
  const problems: AuditDetails['problems'] = workspace.problems.map((p) => ({ file: p.file, line: null, message: p.message }));
  const text = (file: string): string => {
    let t = texts.get(file);
    if (t === undefined) {
      try {
        t = readFileSync(file, 'utf8');
      } catch {
        t = '';
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
  problems.push(...network.problems);

  const reports: RuntimeReport[] = [];
  const summaries: AuditDetails['runtimes'] = [];
  for (const { crate, root } of runtimes) {
    const path = rel(workspace.root, crate.dir) || '.';
    try {
      const { steps, node } = judgeOne(crate, root, nodes, network.configs);
      reports.push({ path, phase: phaseOf(steps), steps });
      summaries.push({ crate: crate.name, node: node ? node.crate.name : null });
    } catch (error) {
      // A construct the analysis does not handle: reported on this runtime; the others go on.
      const manifest = rel(workspace.root, crate.manifest);
      const message = `check could not analyse this runtime (${(error as Error).message}); please report it with the files involved.`;
      reports.push({ path, phase: 0, steps: GUIDE_STEPS.map((s) => ({ id: s.id, status: 'fail' as const, file: manifest, line: null, message, fix: null })) });
      summaries.push({ crate: crate.name, node: null });
      problems.push({ file: manifest, line: null, message: `internal error: ${(error as Error).stack ?? String(error)}` });
    }
  }

  for (const file of program.parsedFiles()) {
    if (file.readError) problems.push({ file: file.rel, line: null, message: `cannot read: ${file.readError}` });
    for (const e of issuesOf(file).slice(0, 5)) problems.push({ file: file.rel, line: e.line, message: e.message });
  }

  return {
    report: { phase: Math.min(...reports.map((r) => r.phase)), runtimes: reports },
    runtimes: summaries,
    problems,
    networkFiles: network.configs.map((c) => c.file),
  };
}

/** Every step for one runtime crate. */
function judgeOne(crate: Crate, root: Module, nodes: NodeFacts[], configs: NetworkConfig[]): { steps: StepResult[]; node: NodeFacts | null } {
  const facts = analyzeRuntime(crate, root);
  const node = nodeFor(crate, nodes);
  const snippets = snippetContext(facts, configs);
  const byId = new Map<string, StepResult>();
  byId.set('prereq', judgePrerequisite(configs, num(intOf(facts.capacity.value)), snippets));
  for (const r of judgeRuntime(facts, { snippets })) byId.set(r.id, r);
  const nodeResults = node
    ? judgeNode(node, snippets)
    : nodeNotApplicable('no node crate in this repository (runtime-only, or run by polkadot-omni-node): the node steps do not apply.');
  for (const r of nodeResults) byId.set(r.id, r);

  // Files of this runtime that do not parse: named on every failure they may explain.
  const brokenHere = facts.modules
    .flatMap((m) => (m.file.readError ? [`${m.file.rel} (cannot be read)`] : issuesOf(m.file).slice(0, 1).map((e) => `${m.file.rel}:${e.line}`)))
    .filter((v, i, a) => a.indexOf(v) === i);
  const steps = GUIDE_STEPS.map((step) => {
    const r = byId.get(step.id)!;
    if (r.status === 'fail' && brokenHere.length > 0 && !step.node && step.id !== 'prereq') {
      const verb = brokenHere.length === 1 ? 'does' : 'do';
      return { ...r, message: `${r.message} (${brokenHere.join(', ')} ${verb} not parse; the step may be hidden by the syntax error.)` };
    }
    return r;
  });
  return { steps, node };
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

/** Highest phase N such that every step of phases ≤ N (the prerequisite included) passes or is n/a. */
export function phaseOf(steps: StepResult[]): number {
  let phase = 0;
  for (const n of [1, 2, 3]) {
    const met = GUIDE_STEPS.filter((s) => s.phase <= n).every((s) => {
      const r = steps.find((x) => x.id === s.id);
      return r !== undefined && r.status !== 'fail';
    });
    if (!met) break;
    phase = n;
  }
  return phase;
}

/** The node judged with a runtime: the one depending on it, else the only one. */
function nodeFor(runtime: Crate, nodes: NodeFacts[]): NodeFacts | null {
  const dependent = nodes.find((n) => [...n.crate.deps.values()].some((d) => d.crate === runtime));
  if (dependent) return dependent;
  const withCollator = nodes.filter((n) => n.params.length > 0 || n.runs.length > 0);
  return withCollator[0] ?? nodes[0] ?? null;
}

function num(v: bigint | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

/** The values and names fixes are rendered with: the project's where found, the guide's otherwise. */
function snippetContext(facts: RuntimeFacts, configs: NetworkConfig[]): SnippetContext {
  const capacity = num(intOf(facts.capacity.value)) ?? 1;
  const velocity = Math.max(1, num(intOf(facts.velocity.value)) ?? 1);
  const relaySlotMs = 6000;
  const blockTimeMs = num(intOf(facts.slotDuration.value)) ?? 12000;
  const c = configs[0];
  const hookAlias = facts.hook?.type?.via[0]?.name ?? 'ConsensusHook';
  return {
    capacity,
    velocity,
    relaySlotMs,
    blockTimeMs,
    authoringMs: 2000,
    allowMultipleBlocksPerSlot: facts.allowMultiple?.value ?? false,
    maxCandidateDepth: Math.max(c?.maxCandidateDepth ?? 3, capacity - 1),
    allowedAncestryLen: c?.allowedAncestryLen ?? 2,
    lookahead: Math.max(c?.lookahead ?? 3, 2),
    // 0 in every build, as generated projects have it (see judgeMinimumPeriod).
    minimumPeriod: 'zero',
    declareExperimental: false,
    zombienetFormat: c?.format ?? 'toml',
    names: {
      capacity: constName(facts.capacity, 'UNINCLUDED_SEGMENT_CAPACITY'),
      velocity: constName(facts.velocity, 'BLOCK_PROCESSING_VELOCITY'),
      relaySlot: constName(facts.relaySlot, 'RELAY_CHAIN_SLOT_DURATION_MILLIS'),
      blockTime: facts.blockTimeItem?.name ?? 'MILLI_SECS_PER_BLOCK',
      slotDuration: facts.slotDuration.item?.name ?? 'SLOT_DURATION',
      consensusHook: /^[A-Z]\w*$/.test(hookAlias) && hookAlias !== 'FixedVelocityConsensusHook' ? hookAlias : 'ConsensusHook',
      runtime: 'Runtime',
    },
  };
}
