// The generated zombienet network: node names, ports, commands, images and the numbers the smoke
// test asserts. Everything network-shaped the zombienet templates and the README print comes from
// here, so the TOML, the JSON and the README can never disagree.

import { WHOLE_CORE } from '../profiles/elastic-scaling.js';
import { PROFILES } from '../profiles/index.js';
import type { Settings } from '../settings/schema.js';

export interface NetworkNode {
  name: string;
  /** Host RPC port (zombienet's `rpc_port`; `ws_port` is deprecated). */
  rpcPort: number;
}

export interface NetworkNodes {
  validators: NetworkNode[];
  collators: NetworkNode[];
  /** The relay validator the smoke test asks about the parachain. */
  observer: string;
  /** `podman` or `kubernetes`: nodes run from container images. */
  containers: boolean;
  relay: {
    chain: Settings['relayChain'];
    command: string;
    /** Container image of the relay nodes, or null for the native provider. */
    image: string | null;
    /**
     * A relay chain spec zombienet reads instead of asking `polkadot build-spec` (relative to the
     * folder zombienet runs in), or null when the `polkadot` binary knows the chain.
     */
    chainSpecPath: string | null;
    /** How the README says to produce `chainSpecPath`, or null. */
    chainSpecHowTo: string | null;
    /** How to install the program `chainSpecHowTo` runs, or null. */
    chainSpecInstall: string | null;
  };
  collator: {
    /** The collator binary: on PATH in its image, or the build output for native. */
    command: string;
    /** Container image of the collators, or null for the native provider. */
    image: string | null;
    /** Whether `image` is one the team builds and pushes (not a public Parity image). */
    ownImage: boolean;
    /** The parachain chain spec (omni-node only), relative to the folder zombienet runs in. */
    chainSpecPath: string | null;
    /**
     * Collator flags: `--authoring slot-based` for polkadot-omni-node under elastic scaling (its
     * default is the lookahead collator); a generated node starts the slot-based collator itself.
     */
    args: string[];
  };
  /** The polkadot-sdk release tag on GitHub (`polkadot-stable2503`). */
  releaseTag: string;
  /**
   * Extra bulk cores for elastic scaling (velocity > 1): `scheduler_params.num_cores`. A genesis
   * parachain gets one more core of its own, appended after these (coretime `assign_coretime`).
   */
  extraCores: number;
  /**
   * `scheduler_params.ttl` when the lookahead exceeds its default of 5, else null: the relay's
   * genesis build panics when `ttl < lookahead` (HostConfiguration::check_consistency,
   * LookaheadExceedsTTL), and the field still exists (deprecated on later releases).
   */
  schedulerTtl: number | null;
  /** The extra cores in words: `core 0`, `cores 0 and 1`. */
  extraCoreList: string;
  /** Elastic scaling (velocity > 1): the cores the smoke test assigns, or null. */
  elastic: ElasticNetwork | null;
  smoke: SmokeBounds;
}

/**
 * How the generated network gives the parachain `velocity` cores: the relay genesis adds
 * `extraCores` unassigned cores (`scheduler_params.num_cores`) and the parachain's own, and the
 * smoke test assigns the extra ones with sudo `coretime.assignCore` through `script`.
 */
export interface ElasticNetwork {
  cores: number;
  /** Core indices to assign: 0 … velocity − 2. */
  assign: number[];
  /** `PartsOf57600` of each assigned core given to the parachain (all of it). */
  parts: number;
  /** The zombienet js-script, relative to zombienet/, and its arguments (`<para id>,<core>,…`). */
  script: string;
  scriptArgs: string;
  assignWithin: number;
  /** The relay block by which the assignment must be in, for the block-rate check to be fair. */
  assignedBy: number;
  /** The relay height the block rate is read at, and within how many seconds it is reached. */
  relayClock: number;
  relayClockWithin: number;
  /** The most parachain blocks one core allows by `relayClock` and `within` seconds after. */
  oneCoreCeiling: number;
  /** The fewest blocks `cores` cores give by then, at the SDK's own throughput floor. */
  expectedAtLeast: number;
  /** The height asserted: between the two. */
  height: number;
  within: number;
  /** How long the whole smoke test takes, roughly (the clock plus start-up). */
  minutes: number;
}

/** The numbers `zombienet/smoke.zndsl` asserts, with the reasoning in its comments. */
export interface SmokeBounds {
  /**
   * zombienet's test language parses para IDs as u16 (`parachain 70000 …` is a parse error), so
   * above 65535 the relay-side parachain checks give way to the collators' own block heights.
   */
  paraIdInDsl: boolean;
  /** Seconds for the relay chain to register the parachain (it is in the relay genesis). */
  registerWithin: number;
  /** Parachain block height every phase must reach, and within how many seconds. */
  minHeight: number;
  minHeightWithin: number;
  /** Phase 3: the relay block height used as a clock (6 s per block since genesis). */
  relayClock: number;
  relayClockWithin: number;
  /** The most parachain blocks synchronous backing (2 relay blocks each) allows by `relayClock`. */
  syncCeiling: number;
  /** Phase 3: the parachain height asserted at `relayClock`, reachable only with async backing. */
  asyncHeight: number;
  asyncWithin: number;
}

/**
 * paseo-network/runtimes, where Paseo's `chain-spec-generator` lives: the repository removed it on
 * 2025-10-28 (commit fd7413b), and v1.9.2 (commit 232499a) is the last release that has it.
 */
const PASEO_RUNTIMES = { repository: 'https://github.com/paseo-network/runtimes', tag: 'v1.9.2' };

/** Well-known dev accounts, in the order zombienet and the genesis presets use them. */
export const DEV_ACCOUNTS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;

/** `SchedulerParams::ttl` when a relay genesis leaves it out (polkadot primitives' Default). */
const DEFAULT_SCHEDULER_TTL = 5;

const RELAY_CLOCK = 48;
/** Seconds after the clock is read: at most 5 more relay blocks, so sync backing gains at most 3. */
const ASYNC_WITHIN = 30;

// Relay nodes take the dev accounts from the front (then `validator-07`…), collators are
// `collator-01`…, so names never clash; each node's RPC port is predictable.
export function networkNodes(s: Settings): NetworkNodes {
  const validators = Array.from({ length: s.validators }, (_, i) => ({
    name: nodeName('validator', i),
    rpcPort: 9944 + i,
  }));
  const collators = Array.from({ length: s.collators }, (_, i) => ({
    name: nodeName('collator', i),
    rpcPort: 9988 + i,
  }));
  const release = PROFILES[s.sdk].id;
  const containers = s.provider !== 'native';
  const nodeBinary = `${s.name}-node`;

  const paseo = s.relayChain === 'paseo-local';
  const syncCeiling = RELAY_CLOCK / 2;
  return {
    validators,
    collators,
    observer: validators[0]!.name,
    containers,
    relay: {
      chain: s.relayChain,
      command: 'polkadot',
      image: containers ? `docker.io/parity/polkadot:${release}` : null,
      // The `polkadot` binary builds rococo-local and westend-local itself; Paseo's runtime
      // lives in paseo-network/runtimes, whose `chain-spec-generator` writes the spec.
      chainSpecPath: paseo ? './paseo-local.json' : null,
      chainSpecHowTo: paseo ? 'chain-spec-generator paseo-local > paseo-local.json' : null,
      chainSpecInstall: paseo ? `cargo install --locked --git ${PASEO_RUNTIMES.repository} --tag ${PASEO_RUNTIMES.tag} chain-spec-generator` : null,
    },
    collator: s.omniNode
      ? {
          command: 'polkadot-omni-node',
          image: containers ? `docker.io/parity/polkadot-omni-node:${release}` : null,
          ownImage: false,
          chainSpecPath: './chain_spec.json',
          // The release's own flag: `--authoring slot-based`, or `--experimental-use-slot-based` before it.
          args: s.velocity > 1 ? PROFILES[s.sdk].omniNode.slotBasedFlag.split(' ') : [],
        }
      : {
          command: containers ? nodeBinary : `./target/release/${nodeBinary}`,
          // A placeholder: the team builds this image and pushes it to its own registry.
          image: containers ? `docker.io/your-org/${nodeBinary}:latest` : null,
          ownImage: containers,
          chainSpecPath: null,
          args: [],
        },
    releaseTag: `polkadot-${release}`,
    extraCores: s.velocity - 1,
    schedulerTtl: s.lookahead > DEFAULT_SCHEDULER_TTL ? s.lookahead + 2 : null,
    extraCoreList: coreList(s.velocity - 1),
    elastic: s.velocity > 1 ? elasticNetwork(s) : null,
    smoke: {
      paraIdInDsl: s.paraId <= 0xffff,
      registerWithin: 120,
      minHeight: 10,
      minHeightWithin: 300,
      relayClock: RELAY_CLOCK,
      relayClockWithin: 420,
      syncCeiling,
      // Two thirds of the clock: well above the synchronous ceiling (plus what it could gain in
      // ASYNC_WITHIN), well below the one-block-per-relay-block of async backing.
      asyncHeight: Math.round((RELAY_CLOCK * 2) / 3),
      asyncWithin: ASYNC_WITHIN,
    },
  };
}

/** Seconds the cores' assignment may take (zombienet js-script timeout). */
const ASSIGN_WITHIN = 300;
/** The relay block by which the assignment must be in: the script runs right after start-up. */
const ASSIGNED_BY = 20;
/** Seconds the block-rate height may take after the clock is read. */
const RATE_WITHIN = 30;
/**
 * Backed candidates per core and relay block the SDK's own 3-core test accepts: 34 of 45
 * (polkadot/zombienet-sdk-tests elastic_scaling/slot_based_3cores.rs, 12.5% under 2.6 per block).
 */
const THROUGHPUT_FLOOR = 34 / 45;
/** Blocks kept between the height asserted and each bound. */
const RATE_MARGIN = 10;

function elasticNetwork(s: Settings): ElasticNetwork {
  const assign = Array.from({ length: s.velocity - 1 }, (_, i) => i);
  // The claim queue is filled `lookahead` relay blocks ahead, so the new cores serve the
  // parachain from there on. Before that, count no block at all (a safe floor).
  const fullRate = ASSIGNED_BY + s.lookahead;
  // One core includes one block per relay block; a collator's best block may run ahead of the
  // included one by the unincluded segment (the fallback for para IDs the DSL cannot name).
  const ceiling = (clock: number) => clock + Math.ceil(RATE_WITHIN / 6) + s.capacity;
  const floor = (clock: number) => Math.floor(THROUGHPUT_FLOOR * s.velocity * (clock - fullRate));
  let clock = fullRate + 1;
  while (floor(clock) - ceiling(clock) < 2 * RATE_MARGIN) clock++;
  return {
    cores: s.velocity,
    assign,
    parts: WHOLE_CORE,
    script: 'assign-cores.js',
    scriptArgs: [s.paraId, ...assign].join(','),
    assignWithin: ASSIGN_WITHIN,
    assignedBy: ASSIGNED_BY,
    relayClock: clock,
    relayClockWithin: clock * 6 + 180,
    oneCoreCeiling: ceiling(clock),
    expectedAtLeast: floor(clock),
    height: Math.floor((ceiling(clock) + floor(clock)) / 2),
    within: RATE_WITHIN,
    minutes: Math.ceil((clock * 6 + 120) / 60),
  };
}

function coreList(count: number): string {
  const cores = Array.from({ length: count }, (_, i) => String(i));
  if (cores.length === 0) return 'no extra core';
  if (cores.length === 1) return `core ${cores.join('')}`;
  return `cores ${cores.slice(0, -1).join(', ')} and ${cores[cores.length - 1]}`;
}

function nodeName(role: 'validator' | 'collator', index: number): string {
  if (role === 'validator') return DEV_ACCOUNTS[index] ?? `validator-${String(index + 1).padStart(2, '0')}`;
  return `collator-${String(index + 1).padStart(2, '0')}`;
}
