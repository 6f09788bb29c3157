// The guide's prerequisite: the relay chain runs with async backing (async_backing_params and a
// scheduler lookahead of at least 2). Judged per network config on the values it sets, else on what
// its relay chain spec starts with for the release that runs it (src/profiles/relay-chains.ts);
// `unknown` when that release can't be told. Not part of a runtime's phase.

import type { HostValues, NetworkConfig } from '../analysis/relay-facts.js';
import type { ReleaseHint } from '../analysis/relay-release.js';
import {
  GENERATOR_PRESETS,
  RELAY_CHAIN_SPECS,
  SDK_RELEASE_ORDER,
  relayGenesis,
  type RelayChainSpec,
  type RelayHostDefaults,
} from '../profiles/relay-chains.js';
import { renderSnippet, type SnippetContext } from './snippets.js';

export type PrerequisiteStatus = 'pass' | 'fail' | 'unknown';

export interface Evidence {
  file: string | null;
  line: number | null;
  message: string;
}

export interface Prerequisite {
  status: PrerequisiteStatus;
  message: string;
  evidence: Evidence[];
  /** For a failure: the relay genesis patch to add, in the config's format and the release's layout. */
  fix: string | null;
}

export interface RelayContext {
  /** The parachain's UNINCLUDED_SEGMENT_CAPACITY, when known. */
  capacity: number | undefined;
  /** The release the parachain pins (its Cargo.lock). */
  pinned: ReleaseHint | undefined;
  /** Relay releases the repository's scripts and CI fetch. */
  scripted: ReleaseHint[];
}

/** What a relay starts with: a value and where it comes from. */
interface Value {
  value: number;
  from: string;
}

interface Scenario {
  label: string;
  status: PrerequisiteStatus;
  problems: string[];
  notes: string[];
  layout?: RelayHostDefaults;
  /** The chain cannot start at all: no genesis patch fixes it. */
  cannotStart?: boolean;
  /** Problems that stall or slow the parachain (lookahead below 2, depth below capacity − 1). */
  stalls?: string[];
}

interface ConfigVerdict {
  config: NetworkConfig;
  status: PrerequisiteStatus;
  summary: string;
  evidence: Evidence[];
  layout?: RelayHostDefaults;
  cannotStart?: boolean;
  stalls: string[];
}

/** The prerequisite, and the relay settings among its failures that stall or slow the parachain. */
export function judgePrerequisite(configs: NetworkConfig[], ctx: RelayContext, snippets: SnippetContext): { prerequisite: Prerequisite; stalls: Evidence[] } {
  if (configs.length === 0) {
    const message = 'no zombienet (or polkadot-launch) network config found: make sure the relay chain you run sets async_backing_params and a scheduler lookahead of at least 2.';
    return { prerequisite: { status: 'unknown', message, evidence: [], fix: null }, stalls: [] };
  }
  const verdicts = configs.map((c) => judgeConfig(c, ctx));
  const status: PrerequisiteStatus = verdicts.some((v) => v.status === 'fail') ? 'fail' : verdicts.some((v) => v.status === 'unknown') ? 'unknown' : 'pass';
  const failing = verdicts.find((v) => v.status === 'fail' && !v.cannotStart);
  const prerequisite: Prerequisite = {
    status,
    message: verdicts.map((v) => `${v.config.file}: ${v.summary}`).join(' '),
    evidence: verdicts.flatMap((v) => v.evidence),
    fix: failing ? fixFor(failing, ctx, snippets) : null,
  };
  const stalls = verdicts.flatMap((v) => v.stalls.map((message) => ({ file: v.config.file, line: v.config.relayLine, message })));
  return { prerequisite, stalls };
}

function judgeConfig(c: NetworkConfig, ctx: RelayContext): ConfigVerdict {
  const evidence: Evidence[] = [];
  const chainName = c.chain?.value ?? 'rococo-local';
  const chain = (RELAY_CHAIN_SPECS as readonly string[]).includes(chainName) ? (chainName as RelayChainSpec) : undefined;
  evidence.push({ file: c.file, line: c.chain?.line ?? c.relayLine, message: `relay chain ${chainName}${c.chain ? '' : " (zombienet's default)"}` });
  for (const v of explicitValues(c.explicit)) evidence.push({ file: v.file, line: v.line, message: `${v.name} = ${v.value} set in the relay genesis patch` });

  const scenarios: Scenario[] = [];
  if (c.chainSpecPath) {
    scenarios.push(fromChainSpecFile(c, ctx, evidence));
  } else if (c.chainSpecCommand) {
    evidence.push({ file: c.file, line: c.chainSpecCommand.line, message: `chain spec from a command (${oneLine(c.chainSpecCommand.value)})` });
    scenarios.push(judgeValues(c, ctx, {}, undefined, 'a chain-spec command', generatorNote(chain)));
  } else {
    const own = c.releases.map((r) => ({ release: r.named, source: `${r.key} ${r.value}`, file: r.file, line: r.line }));
    const hints = own.length > 0 ? own : [...ctx.scripted, ...(ctx.pinned ? [ctx.pinned] : [])];
    const releases = [...new Set(hints.map((h) => h.release))];
    for (const h of hints) evidence.push({ file: h.file, line: h.line, message: `relay release ${h.release}: ${h.source}${own.length > 0 ? '' : h === ctx.pinned ? ' (the release this parachain pins)' : ' (fetched by a script)'}` });
    if (releases.length === 0) {
      const what = c.unversioned.length > 0 ? `${c.unversioned.join(', ')} names no release` : 'the config names no relay binary';
      scenarios.push(judgeValues(c, ctx, {}, undefined, 'an unknown release', [`${what}, and neither the repository's scripts nor its Cargo.lock tell which relay release runs it`]));
    }
    for (const release of releases) scenarios.push(fromBuiltIn(c, ctx, chain, chainName, release, own.length > 0, evidence));
  }
  return combine(c, scenarios, evidence);
}

/** The relay's genesis as the `polkadot` binary of `release` builds it. */
function fromBuiltIn(c: NetworkConfig, ctx: RelayContext, chain: RelayChainSpec | undefined, chainName: string, release: string, named: boolean, evidence: Evidence[]): Scenario {
  const genesis = chain ? relayGenesis(chain, release) : undefined;
  if (!genesis) {
    const why = !chain ? `check has no facts about the chain spec ${chainName}` : `check has no relay facts for ${release}`;
    return judgeValues(c, ctx, {}, undefined, release, [why]);
  }
  if (!genesis.builtIn) {
    return {
      label: release,
      // The config runs that binary, so the network cannot start; a release only inferred may not be the one used.
      status: named ? 'fail' : 'unknown',
      problems: named ? [`${release}'s polkadot cannot start ${chainName}: ${genesis.reason}; run rococo-local or westend-local, or give the relay a chain_spec_path`] : [],
      cannotStart: named,
      notes: named ? [] : [`${release}'s polkadot cannot start ${chainName} (${genesis.reason}); the tool that runs this config must supply it`, ...generatorNote(chain)],
    };
  }
  const d = genesis.defaults;
  evidence.push({ file: null, line: null, message: `${chainName} on ${release}: max_candidate_depth ${d.maxCandidateDepth}, allowed_ancestry_len ${d.allowedAncestryLen}, lookahead ${d.lookahead} (${d.source})` });
  const from = `${chainName}'s built-in genesis on ${release}`;
  return judgeValues(c, ctx, { depth: { value: d.maxCandidateDepth, from }, ancestry: { value: d.allowedAncestryLen, from }, lookahead: { value: d.lookahead, from } }, d, release, []);
}

/** The relay's genesis from the chain-spec file a config points at. */
function fromChainSpecFile(c: NetworkConfig, ctx: RelayContext, evidence: Evidence[]): Scenario {
  const spec = c.chainSpec!;
  evidence.push({ file: c.file, line: c.chainSpecPath!.line, message: `relay chain spec ${spec.file}` });
  if (spec.problem) return judgeValues(c, ctx, {}, undefined, spec.file, [`${spec.file}: ${spec.problem}`]);
  if (spec.form === 'raw') return judgeValues(c, ctx, {}, undefined, spec.file, [`${spec.file} is a raw chain spec: its host configuration is SCALE-encoded storage, which check does not decode`]);
  const host = spec.host ?? {};
  for (const v of explicitValues(host)) evidence.push({ file: v.file, line: v.line, message: `${v.name} = ${v.value} in the chain spec` });
  const from = `${spec.file}`;
  // A patch leaves what it does not set at HostConfiguration::default(): async_backing_params {0, 0}
  // and a lookahead of 1 (polkadot-runtime-parachains 2.0.0 … 24.0.0).
  const unset = spec.form === 'patch' ? { depth: 0, ancestry: 0, lookahead: 1 } : undefined;
  const pick = (v: HostValues['lookahead'], fallback: number | undefined): Value | undefined =>
    v ? { value: v.value, from } : fallback === undefined ? undefined : { value: fallback, from: `${from} (not set: the HostConfiguration default)` };
  return judgeValues(
    c,
    ctx,
    { depth: pick(host.maxCandidateDepth, unset?.depth), ancestry: pick(host.allowedAncestryLen, unset?.ancestry), lookahead: pick(host.lookahead, unset?.lookahead) },
    undefined,
    spec.file,
    [],
    host,
  );
}

/**
 * Judges the values a relay starts with: those the config sets, else `base`. `layout` is the
 * release's (undefined when the release is unknown).
 */
function judgeValues(
  c: NetworkConfig,
  ctx: RelayContext,
  base: { depth?: Value; ancestry?: Value; lookahead?: Value },
  layout: RelayHostDefaults | undefined,
  label: string,
  notes: string[],
  specHost?: HostValues,
): Scenario {
  const e = c.explicit;
  const depth = e.maxCandidateDepth ? { value: e.maxCandidateDepth.value, from: c.file } : base.depth;
  const ancestry = e.allowedAncestryLen ? { value: e.allowedAncestryLen.value, from: c.file } : base.ancestry;
  const lookahead = e.lookahead ? { value: e.lookahead.value, from: c.file } : base.lookahead;
  const problems: string[] = [];
  const unknowns: string[] = [...notes];
  const release = layout ? label : undefined;

  for (const misnamed of [e.misnamedLookahead, specHost?.misnamedLookahead]) {
    if (misnamed) problems.push(`scheduler_params.scheduling_lookahead (${misnamed.file}:${misnamed.line}) is not a field of the host configuration: the lookahead is scheduler_params.lookahead`);
  }
  if (layout && e.lookahead && e.lookaheadField && e.lookaheadField !== layout.lookaheadField) {
    // HostConfiguration is #[serde(deny_unknown_fields)] (polkadot-runtime-parachains configuration.rs).
    problems.push(`${e.lookaheadField} is not where ${release} keeps the lookahead (${layout.lookaheadField}): its host configuration rejects unknown fields, so the chain spec does not build`);
  }
  if (!layout && e.lookaheadField === 'scheduling_lookahead') {
    unknowns.push('the top-level scheduling_lookahead is the layout of polkadot-v1.8.0 and older relays; later ones keep scheduler_params.lookahead and reject this field');
  }
  if (layout && e.genesisPath && e.genesisPath !== layout.genesisPath) {
    unknowns.push(`the patch sits under genesis.${e.genesisPath}, but ${release}'s chain spec keeps its genesis under genesis.${layout.genesisPath}: zombienet adds the key rather than change the relay's configuration`);
  }

  const stalls: string[] = [];
  if (!lookahead) unknowns.push('the scheduler lookahead is not known');
  else if (lookahead.value < 2) {
    problems.push(`scheduler lookahead ${lookahead.value} (${lookahead.from}) is below 2: block times degrade to worse than synchronous backing`);
    stalls.push(`relay scheduler lookahead ${lookahead.value} is below 2: the guide warns parachain block times degrade to worse than synchronous backing`);
  }

  const paramsRead = layout?.asyncBackingParamsRead;
  let newStyle = false;
  const wanted = Math.max(1, (ctx.capacity ?? 1) - 1);
  if (paramsRead === false) {
    if (e.maxCandidateDepth || e.allowedAncestryLen) unknowns.push(`${release}'s validators ignore async_backing_params: the allowed ancestry is the lookahead − 1`);
  } else if (!depth || !ancestry) {
    unknowns.push('async_backing_params are not known');
  } else {
    newStyle = paramsRead === undefined && depth.value === 0 && ancestry.value === 0 && (lookahead?.value ?? 0) >= 2;
    const tooLow: string[] = [];
    // A depth of 0 keeps one candidate per parachain and an ancestry of 0 only the newest relay
    // parent: synchronous backing (polkadot-node-core-prospective-parachains before 21.0.0).
    if (depth.value < wanted && (ctx.capacity ?? 1) > 1) stalls.push(`relay max_candidate_depth ${depth.value} is below the parachain's capacity ${ctx.capacity} − 1: the validators keep fewer unincluded candidates than the runtime builds`);
    if (depth.value < wanted) tooLow.push(`max_candidate_depth ${depth.value} (${depth.from}) is below ${ctx.capacity && ctx.capacity > 2 ? `the parachain's capacity ${ctx.capacity} − 1` : '1'}`);
    if (ancestry.value < 1) tooLow.push(`allowed_ancestry_len ${ancestry.value} (${ancestry.from}) must be at least 1`);
    if (newStyle) unknowns.push('async_backing_params {0, 0} with a lookahead of at least 2 suit stable2503 and later relays only (they derive the ancestry from the lookahead); the relay release is not known');
    else problems.push(...tooLow);
  }

  // Collators of releases before stable2503 (cumulus-client-consensus-aura ≤ 0.21.0, collators/mod.rs
  // find_parent) take their parent search's ancestry_lookback from allowed_ancestry_len.
  const pinnedAt = ctx.pinned ? SDK_RELEASE_ORDER.indexOf(ctx.pinned.release as (typeof SDK_RELEASE_ORDER)[number]) : -1;
  if (paramsRead === false && ancestry?.value === 0 && pinnedAt >= 0 && pinnedAt < SDK_RELEASE_ORDER.indexOf('stable2503')) {
    unknowns.push(`this parachain's collator (${ctx.pinned!.release}) reads allowed_ancestry_len, 0 on this relay: it searches no older relay parents for its parent block`);
  }

  const paramsOk = paramsRead === false || (depth !== undefined && ancestry !== undefined && !newStyle);
  const status: PrerequisiteStatus = problems.length > 0 ? 'fail' : lookahead && paramsOk ? 'pass' : 'unknown';
  const values = [depth && `max_candidate_depth ${depth.value}`, ancestry && `allowed_ancestry_len ${ancestry.value}`, lookahead && `lookahead ${lookahead.value}`].filter(Boolean).join(', ');
  return { label, status, problems, notes: status === 'pass' && values ? [`${values}`, ...unknowns] : unknowns, layout, stalls };
}

function combine(c: NetworkConfig, scenarios: Scenario[], evidence: Evidence[]): ConfigVerdict {
  const statuses = new Set(scenarios.map((s) => s.status));
  const describe = (s: Scenario): string => {
    const parts = [...s.problems, ...s.notes];
    return `${s.label}: ${parts.join('; ')}`;
  };
  if (statuses.size === 1) {
    const status = scenarios[0]!.status;
    const lead = status === 'pass' ? 'async backing is on' : status === 'fail' ? 'async backing is not on' : 'cannot tell whether async backing is on';
    const summary = `${lead} (${scenarios.map(describe).join('. ')}).`;
    const stalls = status === 'fail' ? [...new Set(scenarios.flatMap((s) => s.stalls ?? []))] : [];
    return { config: c, status, summary, evidence, layout: scenarios.find((s) => s.layout)?.layout, cannotStart: scenarios.some((s) => s.cannotStart), stalls };
  }
  return {
    config: c,
    status: 'unknown',
    summary: `the releases it may run disagree: ${scenarios.map((s) => `${s.status} on ${describe(s)}`).join('. ')}.`,
    evidence,
    layout: scenarios.find((s) => s.status === 'fail')?.layout,
    stalls: [],
  };
}

function explicitValues(h: HostValues): { name: string; value: number; file: string; line: number }[] {
  const out = [];
  if (h.maxCandidateDepth) out.push({ name: 'max_candidate_depth', ...h.maxCandidateDepth });
  if (h.allowedAncestryLen) out.push({ name: 'allowed_ancestry_len', ...h.allowedAncestryLen });
  if (h.lookahead) out.push({ name: h.lookaheadField ?? 'lookahead', ...h.lookahead });
  return out;
}

/** What the chain-spec generators outside polkadot-sdk start `chain` with, by their version. */
function generatorNote(chain: RelayChainSpec | undefined): string[] {
  const presets = GENERATOR_PRESETS.filter((p) => chain && p.chains.includes(chain));
  if (presets.length === 0) return [];
  return [
    `${presets[0]!.repository}'s chain-spec-generator sets ${presets.map((p) => `lookahead ${p.lookahead} in ${p.versions}`).join(', ')} (${presets[0]!.source}): set scheduler_params.lookahead in the relay genesis patch to be sure`,
  ];
}

function fixFor(v: ConfigVerdict, ctx: RelayContext, snippets: SnippetContext): string | null {
  const c = v.config;
  const layout = v.layout;
  return renderSnippet('relayPrerequisite', {
    ...snippets,
    zombienetFormat: c.format,
    maxCandidateDepth: Math.max(c.maxCandidateDepth ?? 3, (ctx.capacity ?? 1) - 1, 1),
    allowedAncestryLen: Math.max(c.allowedAncestryLen ?? 2, 1),
    lookahead: Math.max(c.lookahead ?? 2, 2),
    relayLayout: { genesisUnderRuntime: layout?.genesisPath === 'runtime', topLevelLookahead: layout?.lookaheadField === 'scheduling_lookahead' },
  });
}

function oneLine(text: string): string {
  const t = text.replace(/\s*\\?\n\s*/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
