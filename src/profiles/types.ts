/**
 * An SDK profile is data: the crate versions of one polkadot-sdk release and the API facts that
 * differ between releases, as named capabilities. Templates branch on capabilities, never on a
 * release name, so adding a release is adding a profile file.
 */
export interface SdkProfile {
  /** The polkadot-sdk release tag, e.g. `stable2503`. */
  id: string;
  /** One line for `--help`, the wizard and the generated README. */
  summary: string;
  /** The single place for crate versions of generated workspaces on this release. */
  versions: CrateVersions;
  caps: ProfileCapabilities;
  relay: {
    /** Scheduler lookahead the release's relay runtimes default to. */
    defaultLookahead: number;
    /** The relay chain a new project's network runs on by default: the one the release's reference template uses. */
    defaultChain: 'rococo-local' | 'westend-local' | 'paseo-local';
  };
  /** The release's Rust toolchain (`rust-toolchain.toml`), as the reference templates pin it. */
  toolchain: {
    channel: string;
    /** The WASM target the runtime is built for. */
    wasmTarget: 'wasm32-unknown-unknown' | 'wasm32v1-none';
    components: readonly string[];
  };
  /** Tools of the release a project's README and CI install from crates.io, at these versions. */
  tools: {
    /** `staging-chain-spec-builder`, which builds an omni-node project's chain spec. */
    chainSpecBuilder: string;
  };
  /** How `polkadot-omni-node` of this release picks its collator (its CLI in polkadot-omni-node-lib). */
  omniNode: {
    /** The flag that names its default, the lookahead collator, or null when there is none. */
    lookaheadFlag: string | null;
    /** The flag that selects the slot-based collator (elastic scaling) instead. */
    slotBasedFlag: string;
  };
}

export interface CrateVersions {
  polkadotSdk: string;
  frame: string;
  cumulusPalletParachainSystem: string;
  substrateWasmBuilder: string;
  codec: string;
  scaleInfo: string;
  serde: string;
  serdeJson: string;
  log: string;
  smallvec: string;
  hexLiteral: string;
  docify: string;
  clap: string;
  colorPrint: string;
  futures: string;
  jsonrpsee: string;
  prometheusEndpoint: string;
  /** Only releases whose node depends on `sc-tracing` directly (see `caps.nodeScTracing`). */
  scTracing?: string;
}

/** Release differences, named by what they mean for the generated code. */
export interface ProfileCapabilities {
  /**
   * `cumulus_pallet_weight_reclaim` exists and wraps the whole transaction-extension tuple
   * (`StorageWeightReclaim<Runtime, (..)>`). Without it, the older
   * `cumulus_primitives_storage_weight_reclaim::StorageWeightReclaim<Runtime>` sits inside the tuple.
   */
  weightReclaimPallet: boolean;
  /** `pallet_session::Config` has the `DisablingStrategy` item. */
  sessionDisablingStrategy: boolean;
  /** `#[runtime::derive(..)]` lists `RuntimeViewFunction`, and the runtime implements `RuntimeViewFunction` API. */
  runtimeViewFunctions: boolean;
  /** The lookahead collator `Params` has `max_pov_percentage`. */
  lookaheadMaxPovPercentage: boolean;
  /** `build_network` returns a `start_network` handle that must be started. */
  buildNetworkStartHandle: boolean;
  /** The node crate depends on `sc-tracing` directly (older node templates). */
  nodeScTracing: boolean;
  /**
   * The benchmark runtime API must import the `frame_benchmarking::Benchmarking` trait, because
   * `list_benchmarks!`/`add_benchmarks!` call its methods on each pallet (stable2412 template,
   * `runtime/src/apis.rs`); later releases give pallets inherent benchmark functions and the
   * import becomes unused.
   */
  benchmarkingTraitImport: boolean;
  /**
   * Genesis presets are written with `frame_support::build_struct_json_patch!` (only the fields
   * set), as the stable2503 template does; otherwise the full `RuntimeGenesisConfig` is built
   * with `..Default::default()` and serialized with `serde_json::to_value`.
   */
  genesisStructJsonPatch: boolean;
  /**
   * `staging_xcm_builder::DenyRecursively` exists and the XCM barrier wraps its deny filter in it
   * (`DenyThenTry<DenyRecursively<DenyReserveTransferToRelayChain>, ..>`).
   */
  xcmDenyRecursively: boolean;
  /** `xcm_executor::Config` has the `XcmEventEmitter` item (set to `PolkadotXcm`). */
  xcmEventEmitter: boolean;
  /**
   * `pallet_xcm::Config` has the `AuthorizedAliasConsideration` item (set to
   * `polkadot_sdk_frame::traits::Disabled` while `Aliasers = Nothing`).
   */
  xcmAuthorizedAliasConsideration: boolean;
  /**
   * `cumulus_pallet_parachain_system::Config` has `RelayParentOffset`: how many relay blocks
   * behind the tip a parachain block's relay parent is. `ConstU32<0>` builds on the newest relay
   * block, as before the item existed.
   */
  relayParentOffset: boolean;
  /**
   * `cumulus_pallet_parachain_system::Config` has `SelectCore` (set to `DefaultCoreSelector`), and
   * `cumulus_primitives_core` the `GetCoreSelectorApi`; both were removed later.
   */
  selectCore: boolean;
  /**
   * `pallet_session::Config` has `Currency` and `KeyDeposit`: a deposit held from an account that
   * sets session keys (`()` holds nothing, as the reference template does).
   */
  sessionKeyDeposit: boolean;
  /**
   * `Core::execute_block`, `BlockBuilder::check_inherents` and `TryRuntime::execute_block` take a
   * `<Block as BlockT>::LazyBlock` instead of a `Block`.
   */
  lazyBlock: boolean;
  /**
   * `cumulus-pallet-parachain-system` has the `experimental-ump-signals` feature, without which the
   * runtime does not send the core-selector UMP signal elastic scaling relies on; later releases
   * always send it and have no such feature.
   */
  umpSignalsFeature: boolean;
  /**
   * The node starts `cumulus_client_bootnodes` (parachain bootnode discovery through the relay
   * chain DHT): `build_relay_chain_interface` also returns the relay chain network and a request
   * receiver, `BuildNetworkParams` takes the notification `metrics`, and
   * `StartRelayChainTasksParams` the `prometheus_registry`.
   */
  bootnodeDiscovery: boolean;
  /** `StartBootnodeTasksParams::parachain_genesis_hash` is the genesis hash's bytes (`Vec<u8>`), not the hash. */
  bootnodeGenesisHashBytes: boolean;
  /** `sc_cli::ExportChainSpecCmd` exists: the node has an `export-chain-spec` sub-command. */
  exportChainSpecCommand: boolean;
  /** `frame_benchmarking_cli`'s storage benchmark takes the backend's shared trie cache. */
  storageBenchmarkTrieCache: boolean;
  /**
   * The collators take their proposer as `cumulus_client_consensus_proposer::Proposer::new(factory)`;
   * later releases take the `ProposerFactory` itself.
   */
  proposerWrapper: boolean;
  /** The Aura collators' `Params` have `collator_peer_id` (the node's network peer id). */
  collatorPeerId: boolean;
  /** `sc_service::SpawnTasksParams` has `tracing_execute_block`. */
  tracingExecuteBlock: boolean;
  /**
   * Elastic scaling (velocity above 1): parachain-system's `RelayParentOffset` and the
   * `RelayParentOffsetApi`, and a slot-based collator that picks its core from the claim queue at
   * that offset (cumulus-client-consensus-aura 0.26 on; stable2506's still asks the runtime's
   * `GetCoreSelectorApi`). The SDK's elastic-scaling guide names stable2509 and later.
   */
  elasticScaling: boolean;
  /**
   * A pallet's `#[pallet::config]` asks for its event type as a bound on frame-system's
   * (`Config: frame_system::Config<RuntimeEvent: From<Event<Self>>>`): a `type RuntimeEvent` item of
   * its own is deprecated (a warning) from frame-support-procedural 34.0.0 on (polkadot-sdk
   * PR 7229; stable2506), and 33.0.0 (stable2503) does not read the bound yet.
   */
  palletEventBound: boolean;
}
