// Elastic scaling, the step after async backing: a parachain on several relay cores, producing
// `velocity` blocks per relay slot. These are the numbers the settings schema, the generated
// runtime and network, and `check` share; each rule names where it was read. Which releases can do
// it at all is a capability of each profile (`caps.elasticScaling`); `check`, which meets chains on
// any release, uses `ELASTIC_SCALING_FROM`.
//
// Sources:
// - polkadot-sdk docs/sdk/src/guides/enable_elastic_scaling.rs ("Prerequisites: Polkadot-SDK
//   `2509` or newer"; relay parent offset 1 recommended and required; `RelayParentOffsetApi`;
//   `(2 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY + 1`; block time
//   `RELAY_CHAIN_SLOT_DURATION_MILLIS / BLOCK_PROCESSING_VELOCITY`; Aura slot of at least 6 s, 24 s
//   for a new chain, unchanged on a live one; "a core allows up to 2 seconds of execution per relay
//   chain block", about 4 s per relay block usable on reference hardware; `--authoring
//   slot-based`; RFC 103 UMP signals).
// - cumulus-pallet-parachain-system 0.21.0 (stable2506), 0.23.2 (stable2509), 0.25.0 (stable2512):
//   `Config::RelayParentOffset` (from 0.21.0), `set_validation_data` panics "Unable to verify
//   provided relay parent descendants" when the inherent lacks the offset's descendants;
//   `experimental-ump-signals` feature up to 0.23.x, signals always sent in 0.25.0.
// - cumulus-client-consensus-aura 0.24.0 (stable2506): the slot-based collator takes the core from
//   the runtime's `GetCoreSelectorApi`; 0.26.2 (stable2509), 0.28.0 (stable2512): it picks the core
//   from the claim queue at the relay-parent offset (`determine_core`) and reads the offset with
//   `relay_parent_offset(..).unwrap_or_default()`, so a runtime without `RelayParentOffsetApi`
//   gets offset 0; only `collators::slot_based` reads the offset (the lookahead collator does not).
// - polkadot-fellows/runtimes 1f498c32d (Asset Hub Polkadot, elastic scaling with 3 cores) and
//   paseo-network/runtimes system-parachains/constants: `(3 + RELAY_PARENT_OFFSET) *
//   BLOCK_PROCESSING_VELOCITY`; polkadot-sdk cumulus/test/runtime: `BLOCK_PROCESSING_VELOCITY *
//   (3 + RELAY_PARENT_OFFSET)` (built at relay block X, backed at X + 2, included at X + 3, plus the
//   offset), and a relay-parent-offset variant with offset 2.
// - polkadot-runtime-parachains 24.0.0: a genesis parachain gets one new core of its own
//   (`paras` genesis -> `assigner_coretime::assign_coretime`), further cores come from
//   `scheduler_params.num_cores` and root's `coretime::assign_core`; `scheduler.rs` splits the
//   validators into one backing group per core; `paras_inherent` drops candidates with UMP signals
//   and a v1 descriptor (the relay's `CandidateReceiptV2` node feature off).
// - polkadot-node-core-prospective-parachains 25.0.0 (stable2509): relay parents up to the
//   scheduling lookahead − 1 blocks back.

/** The first polkadot-sdk release whose guide and collator support elastic scaling. */
export const ELASTIC_SCALING_FROM = 'stable2509';

/**
 * From this release parachain-system always sends the core commitment (UMP signals, RFC 103);
 * before it, up to stable2509, only with its `experimental-ump-signals` feature, which the SDK's
 * guide says to turn on (cumulus-pallet-parachain-system 0.23.2 and 0.24.0 have the feature,
 * 0.25.0 sends the signals unconditionally).
 */
export const UMP_SIGNALS_ALWAYS_FROM = 'stable2512';

/**
 * The first release with parachain-system's `RelayParentOffset` and `RelayParentOffsetApi`
 * (cumulus-pallet-parachain-system 0.21.0, cumulus-primitives-core 0.19.0). From here to
 * stable2507 the slot-based collator still takes the core from the runtime's `SelectCore`
 * (`GetCoreSelectorApi`); polkadot-fellows/runtimes enabled elastic scaling on Polkadot Asset Hub
 * on stable2507 (cumulus-pallet-parachain-system 0.24.0) that way.
 */
export const RELAY_PARENT_OFFSET_FROM = 'stable2506';

/** The offset the SDK's guide recommends ("sufficient to eliminate any issues with relay chain forks"). */
export const RECOMMENDED_RELAY_PARENT_OFFSET = 1;

/** The largest offset the SDK's own tests run a chain with (the test runtime's relay-parent-offset variant). */
export const MAX_RELAY_PARENT_OFFSET = 2;

/** The largest velocity the tool generates: 3 cores, 2 s blocks (the guide's balanced example). */
export const MAX_VELOCITY = 3;

/**
 * UNINCLUDED_SEGMENT_CAPACITY for a velocity and offset: `(3 + offset) × velocity`, as the chains
 * running elastic scaling in production and the SDK's own test runtime compute it. One relay slot
 * of blocks more than the guide's minimum below, which leaves room for a late inclusion.
 */
export function elasticCapacity(velocity: number, offset: number): number {
  return (3 + offset) * velocity;
}

/** The smallest capacity the SDK's guide gives for a velocity and offset: `(2 + offset) × velocity + 1`. */
export function minimumElasticCapacity(velocity: number, offset: number): number {
  return (2 + offset) * velocity + 1;
}

/** Relay validators allow relay parents up to `lookahead − 1` blocks back: the offset must fit. */
export function minimumLookahead(offset: number): number {
  return offset + 1;
}

/**
 * `max_candidate_depth` for relays that read `async_backing_params` (releases before stable2503):
 * the relay keeps at most depth + 1 unincluded candidates of a parachain, and the SDK's elastic
 * scaling networks give 3 cores a depth of 6.
 */
export function minimumCandidateDepth(velocity: number): number {
  return 2 * velocity;
}

/**
 * Ref time one block may use, in milliseconds: what one core validates per relay block. Under
 * elastic scaling each block has a core of its own, so a block keeps the 2 s of async backing at
 * any velocity, as Polkadot Asset Hub does at velocity 3 and as the SDK's later
 * `MaxParachainBlockWeight` gives one block per core ("Each core has a maximum reference time of
 * 2 seconds"). The guide adds that sequential authoring lets reference hardware use about 4 s of
 * the 6 s per relay slot: the next author must import the last block first.
 */
export const CORE_EXECUTION_MS = 2000;

/** The Aura slot the guide recommends for a new elastic-scaling chain (at least the relay slot). */
export const NEW_CHAIN_SLOT_MS = 24000;

/** `PartsOf57600::FULL`: a whole core for one task in `coretime::assign_core`. */
export const WHOLE_CORE = 57600;

/**
 * Relay chain specs whose genesis turns on the `CandidateReceiptV2` node feature, without which
 * the relay drops every candidate that carries the core commitment (UMP signals) elastic scaling
 * sends: rococo-local and westend-local from stable2509 on (rococo-runtime 27.0.0, 29.0.0 and
 * westend-runtime 27.0.0, 30.0.0 `genesis_config_presets.rs`). paseo-local's (paseo-network/runtimes
 * `relay/paseo/src/genesis_config_presets.rs`) sets only `ElasticScalingMVP` and
 * `EnableAssignmentsV2`.
 */
export const RELAYS_WITH_CORE_COMMITMENTS: readonly string[] = ['rococo-local', 'westend-local'];
