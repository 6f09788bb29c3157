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
   * Elastic scaling (velocity above 1): parachain-system's `RelayParentOffset` and the
   * `RelayParentOffsetApi`, and a slot-based collator that picks its core from the claim queue at
   * that offset (cumulus-client-consensus-aura 0.26 on; stable2506's still asks the runtime's
   * `GetCoreSelectorApi`). The SDK's elastic-scaling guide names stable2509 and later.
   */
  elasticScaling: boolean;
}
