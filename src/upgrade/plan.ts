// `upgrade`'s plan: check's findings for each runtime (and its node, and the network configs)
// turned into edits, or into manual steps where an edit would not be safe. Refusals (no runtime,
// a downgrade, an unknown release) are decided here, before anything is written.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { intOf } from '../analysis/evaluate.js';
import { timingFacts } from '../analysis/timing-facts.js';
import { describeTiming } from '../guide/timing.js';
import { UpgradeRefusal } from '../errors.js';
import type { NodeFacts } from '../analysis/node-facts.js';
import { rel, type Crate } from '../analysis/workspace.js';
import { inspect, NoRuntimeError, type RuntimeInspection } from '../check/audit.js';
import type { Finding } from '../guide/findings.js';
import { snippetContext } from '../guide/judge.js';
import { parachainsOf } from '../guide/elastic-scaling.js';
import { guideStep } from '../guide/steps.js';
import { ELASTIC_SCALING_FROM, RECOMMENDED_RELAY_PARENT_OFFSET } from '../profiles/elastic-scaling.js';
import { releaseEditFacts } from '../profiles/release-edits.js';
import { SDK_RELEASE_CATALOGUE } from '../profiles/releases.js';
import { loadRustParser } from '../rust/parser.js';
import { Changes, type ManualStep } from './changes.js';
import type { Edit } from './edits.js';
import { addDependency, declareFeature, enableDependencyFeature, type WorkspaceManifest } from './manifest-edits.js';
import { recordInLock } from './lock-edits.js';
import { planNetwork } from './network-edits.js';
import { planNode } from './node-edits.js';
import { planElasticCollator, planElasticRuntime, wantedOffset } from './elastic-edits.js';
import { planElasticNetwork } from './elastic-network-edits.js';
import { isElastic, planRuntime, type UpgradeTargets } from './runtime-edits.js';
import { stepTitle, type UpgradeStepId } from './upgrade-steps.js';

export { UpgradeRefusal };

export interface UpgradeRequest {
  root: string;
  targets: UpgradeTargets;
  /** `--runtime PATH`: only this runtime crate (folder, repository-relative or absolute). */
  runtime?: string;
}

export interface RuntimePlan {
  path: string;
  crate: string;
  release: string;
  /** The phase the runtime meets before the upgrade. */
  phaseBefore: number;
  /** Steps (of phases ≤ N) that already pass. */
  met: UpgradeStepId[];
  /** Steps the edits carry out (elastic scaling's items beyond phase 3, `elastic:…`). */
  applied: { id: UpgradeStepId; title: string }[];
}

export interface UpgradePlan {
  root: string;
  phase: number;
  runtimes: RuntimePlan[];
  edits: Edit[];
  manual: ManualStep[];
  notes: string[];
  /** Durations counted in blocks that change with the block time (timing by block number). */
  timing: string[];
  /** Syntax errors of each Rust file the audit parsed, before any edit (for apply's check). */
  syntaxErrorsBefore: Map<string, number>;
}

export async function planUpgrade(request: UpgradeRequest): Promise<UpgradePlan> {
  const parser = await loadRustParser();
  try {
    return await inspect(request.root, request.targets.phase, (details, runtimes, configs) => {
      const chosen = selectRuntimes(request, runtimes);
      const changes = new Changes();
      const plans: RuntimePlan[] = [];
      const nodesDone = new Set<NodeFacts>();
      const elastic = isElastic(request.targets);
      // The network configs' parachains that run an upgraded runtime, and whether their collators are polkadot-omni-node.
      const elasticParas = new Map<string, { paras: Set<number | undefined>; omniNode: boolean; coresAssigned: boolean }>();
      const timing: string[] = [];
      let maxCapacity = 1;
      for (const r of chosen) {
        const report = details.report.runtimes.find((x) => x.crate === r.crate.name)!;
        const release = r.release!;
        const findings = new Map(r.findings.map((f) => [f.id as string, f]));
        const snippets = snippetContext(r.facts, r.configs, release);
        const targets = request.targets;
        Object.assign(snippets, {
          capacity: targets.phase === 3 ? targets.capacity : 1,
          velocity: targets.velocity,
          authoringMs: targets.authoringMs,
          allowMultipleBlocksPerSlot: targets.phase === 3,
          minimumPeriod: 'zero',
        });
        const ctx = { facts: r.facts, release, findings, targets, snippets, parser, changes, needsPrimitivesAura: false, needsHookFeature: false, needsExperimentalFeature: false };
        const before = changes.edits.length;
        const manualBefore = changes.manual.length;
        planRuntime(ctx);
        if (elastic) {
          planElasticRuntime(ctx, r.elastic);
          planElasticCollator(changes, r.node, { release: release.id, velocity: targets.velocity, offset: wantedOffset(ctx), authoringMs: targets.authoringMs });
          const omniNode = !r.node || r.node.omniNodeLib;
          for (const { c, p } of parachainsOf(r.crate.name, runtimes.map((x) => x.crate.name), r.configs)) {
            const entry = elasticParas.get(c.file) ?? { paras: new Set(), omniNode: false, coresAssigned: r.elastic.coreAssignments.length > 0 };
            entry.paras.add(p.id);
            entry.omniNode ||= omniNode;
            elasticParas.set(c.file, entry);
          }
        }
        const edits = release && releaseEditFacts(release);
        const root = workspaceRoot(r.crate, request.root);
        if (ctx.needsPrimitivesAura) {
          addPrimitivesAura(changes, request.root, r.crate, root, { version: edits.primitivesAura, std: true, step: '1.7' });
        }
        if (ctx.needsHookFeature && edits.consensusHookFeature) {
          enableDependencyFeature(changes, '1.4', r.crate, 'cumulus-pallet-parachain-system', 'parameterized-consensus-hook');
        }
        if (ctx.needsExperimentalFeature) declareAuraExperimental(changes, r.crate);
        if (r.node && targets.phase >= 2 && !nodesDone.has(r.node)) {
          nodesDone.add(r.node);
          const nctx = { node: r.node, release, findings, authoringMs: targets.authoringMs, authoringGiven: targets.authoringGiven === true, snippets, parser, changes, needsPrimitivesAura: false };
          planNode(nctx);
          if (nctx.needsPrimitivesAura && ![...r.node.crate.deps.values()].some((d) => d.pkg === 'cumulus-primitives-aura')) {
            addPrimitivesAura(changes, request.root, r.node.crate, workspaceRoot(r.node.crate, request.root), { version: edits.primitivesAura, std: false, step: '2.6' });
          }
        }
        const newCapacity = Number(intOf(r.facts.capacity.value) ?? 1n);
        maxCapacity = Math.max(maxCapacity, targets.phase === 3 ? Math.max(targets.capacity, newCapacity) : newCapacity);
        const touched = new Set([...changes.edits.slice(before).map((e) => e.step), ...changes.manual.slice(manualBefore).map((m) => m.step)]);
        plans.push({
          path: report.path,
          crate: r.crate.name,
          release: release.id,
          phaseBefore: report.phase,
          met: report.steps.filter((s) => stepPhase(s.id) <= targets.phase && stepPhase(s.id) > 0 && (s.status === 'pass' || s.status === 'n/a')).map((s) => s.id as UpgradeStepId),
          applied: [...touched].filter((id) => !changes.manual.slice(manualBefore).some((m) => m.step === id) || changes.edits.slice(before).some((e) => e.step === id)).map((id) => ({ id, title: stepTitle(id) })),
        });
        // check's timing by block number, when this upgrade changes the block time.
        if (changes.edits.slice(before).some((e) => e.step === '1.3' || e.step === '3.3' || e.step === 'elastic:block-time')) {
          // Elastic scaling shortens the block further than check's phase-3 view: read at the new block time.
          const findings = elastic ? describeTiming(timingFacts(r.facts), num(intOf(r.facts.blockTime.value)), 6000 / targets.velocity).findings : report.timing.findings;
          for (const t of findings) {
            const value = t.blocks === null ? '' : ` (${t.blocks} ${t.basis === 'relay' ? 'relay ' : ''}blocks${t.duration ? ` = ${t.duration}` : ''})`;
            timing.push(`${t.file}:${t.line}: ${t.name}${value}: ${t.effect}`);
          }
        }
      }
      const snippets = snippetContext(chosen[0]!.facts, configs, chosen[0]!.release);
      for (const config of configs) planNetwork(changes, request.root, config, maxCapacity, snippets);
      if (elastic) {
        for (const config of configs) {
          const entry = elasticParas.get(config.file);
          if (!entry) continue;
          const parachains = config.parachains.filter((p) => entry.paras.has(p.id));
          planElasticNetwork(changes, request.root, config, { velocity: request.targets.velocity, offset: request.targets.relayParentOffset ?? RECOMMENDED_RELAY_PARENT_OFFSET, omniNode: entry.omniNode, parachains, coresAssigned: entry.coresAssigned });
        }
      }
      // The audit parsed every file it read: their syntax errors now, against which apply
      // checks the edited text (so an edited file is parsed once more, not twice).
      const edited = new Set(changes.edits.map((e) => e.file));
      const syntaxErrorsBefore = new Map<string, number>();
      for (const file of chosen[0]!.facts.root.program.parsedFiles()) {
        if (edited.has(file.rel) && file.parsed) syntaxErrorsBefore.set(file.rel, file.errors().length);
      }
      return { root: request.root, phase: request.targets.phase, runtimes: plans, edits: changes.edits, manual: changes.manual, notes: changes.notes, timing: [...new Set(timing)], syntaxErrorsBefore };
    });
  } catch (error) {
    if (error instanceof NoRuntimeError) throw new UpgradeRefusal(error.message.replace(/^No parachain runtime found/, 'Nothing to upgrade: no Cumulus parachain runtime found'));
    throw error;
  }
}

function num(v: bigint | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

function stepPhase(id: string): number {
  return guideStep(id)?.phase ?? 0;
}

/** The runtimes to upgrade, after the refusals: an unknown release, a downgrade. */
function selectRuntimes(request: UpgradeRequest, runtimes: RuntimeInspection[]): RuntimeInspection[] {
  let chosen = runtimes;
  if (request.runtime) {
    const want = request.runtime.replace(/\/+$/, '');
    chosen = runtimes.filter((r) => {
      const path = rel(request.root, r.crate.dir) || '.';
      return path === want || r.crate.dir === want || r.crate.name === want || rel(request.root, r.crate.manifest) === want;
    });
    if (chosen.length === 0) {
      throw new UpgradeRefusal(`--runtime ${request.runtime} is not a parachain runtime of this repository; its runtimes are ${runtimes.map((r) => rel(request.root, r.crate.dir) || '.').join(', ')}.`);
    }
  }
  for (const r of chosen) {
    const path = rel(request.root, r.crate.dir) || '.';
    if (!r.release) {
      const known = SDK_RELEASE_CATALOGUE.map((x) => x.id);
      throw new UpgradeRefusal(`Cannot tell which polkadot-sdk release ${path} uses, so upgrade cannot write code for it; it knows ${known[0]} … ${known[known.length - 1]} (${known.join(', ')}).`);
    }
    if (isElastic(request.targets) && !r.release.caps.elasticScaling) {
      throw new UpgradeRefusal(`${path} is on ${r.release.id}, which has no elastic scaling (velocity ${request.targets.velocity}): it needs polkadot-sdk ${ELASTIC_SCALING_FROM} or later; move the chain to a later release first.`);
    }
    if (!r.release.caps.consensusHook) {
      throw new UpgradeRefusal(`${path} is on ${r.release.id}, which has no ConsensusHook (it came with polkadot-v1.1.0): move the runtime to a later release first.`);
    }
    const phase = phaseOfInspection(r.findings);
    if (phase > request.targets.phase) {
      throw new UpgradeRefusal(`${path} already meets phase ${phase}; upgrade --phase ${request.targets.phase} would move it back, and upgrade never downgrades.`);
    }
  }
  return chosen;
}

/**
 * The phase the code already holds, for the downgrade refusal: the highest phase met whose own
 * steps are there (a runtime-only project meets phase 2 by having no node, which is not
 * something an upgrade to phase 1 would undo).
 */
function phaseOfInspection(findings: Finding[]): number {
  let phase = 0;
  for (const n of [1, 2, 3]) {
    const ok = findings.filter((f) => stepPhase(f.id) > 0 && stepPhase(f.id) <= n).every((f) => f.status === 'pass' || f.status === 'n/a');
    if (!ok) break;
    if (findings.some((f) => stepPhase(f.id) === n && f.status === 'pass')) phase = n;
  }
  return phase;
}

/** cumulus-primitives-aura in `crate`'s manifest and, as cargo would record it, in the workspace's Cargo.lock. */
function addPrimitivesAura(changes: Changes, repoRoot: string, crate: Crate, root: WorkspaceManifest | null, req: { version: string | null; std: boolean; step: UpgradeStepId }): void {
  const pkg = 'cumulus-primitives-aura';
  const added = addDependency(changes, crate, root, { pkg, ...req });
  if (added) recordInLock(changes, repoRoot, { workspaceManifestRel: (root ?? crate).manifestRel, member: crate.name, pkg, version: added.requirement, step: req.step });
}

/**
 * The runtime's `experimental` feature, forwarding to pallet-aura's, for the guide's
 * `#[cfg(feature = "experimental")] type SlotDuration` (as the guide's readers declare it).
 */
function declareAuraExperimental(changes: Changes, crate: Crate): void {
  const aura = [...crate.deps.values()].find((d) => d.pkg === 'pallet-aura');
  if (!aura || aura.extern !== 'pallet_aura') {
    changes.leave('1.5', crate.manifestRel, null, `declare the feature \`experimental = ["<pallet-aura>/experimental"]\` in ${crate.manifestRel}, naming its pallet-aura dependency, so the \`#[cfg(feature = "experimental")]\` SlotDuration can be compiled.`);
    return;
  }
  declareFeature(changes, '1.5', crate, 'experimental', ['pallet-aura/experimental']);
}

/** The manifest holding `[workspace.dependencies]` for `crate`: the nearest Cargo.toml above it with a [workspace]. */
function workspaceRoot(crate: Crate, root: string): WorkspaceManifest | null {
  for (let dir = crate.dir; dir.startsWith(root); dir = dirname(dir)) {
    const manifest = join(dir, 'Cargo.toml');
    let text: string;
    try {
      text = readFileSync(manifest, 'utf8');
    } catch {
      text = '';
    }
    if (/^\s*\[workspace(\.dependencies)?\]/m.test(text)) return { manifestRel: rel(root, manifest), manifestText: text };
    if (dir === root || dirname(dir) === dir) break;
  }
  return null;
}
