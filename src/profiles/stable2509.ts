import type { SdkProfile } from './types.js';

// Versions as released with polkadot-sdk stable2509. Reference: r0gue-io/base-parachain, tag
// polkadot-stable2509.3 (runtime for polkadot-omni-node, Cargo.lock); every version below is the
// one its Cargo.lock pins. That lock takes the SDK crates from git (tag polkadot-stable2509-3,
// umbrella 2509.0.0); the same versions are published on crates.io.
export const stable2509: SdkProfile = {
  id: 'stable2509',
  summary: 'polkadot-sdk stable2509 (umbrella crate 2509.0.0)',
  versions: {
    polkadotSdk: '2509.0.0',
    frame: '0.12.0',
    cumulusPalletParachainSystem: '0.23.2',
    substrateWasmBuilder: '29.0.0',
    codec: '3.7.5',
    scaleInfo: '2.11.6',
    serde: '1.0.228',
    serdeJson: '1.0.143',
    log: '0.4.28',
    smallvec: '1.15.1',
    hexLiteral: '0.4.1',
    docify: '0.2.9',
    clap: '4.5.47',
    colorPrint: '0.3.7',
    futures: '0.3.31',
    jsonrpsee: '0.24.10',
    prometheusEndpoint: '0.17.7',
  },
  caps: {
    weightReclaimPallet: true,
    sessionDisablingStrategy: true,
    runtimeViewFunctions: true,
    lookaheadMaxPovPercentage: true,
    buildNetworkStartHandle: false,
    nodeScTracing: false,
    benchmarkingTraitImport: false,
    genesisStructJsonPatch: true,
    xcmDenyRecursively: true,
    xcmEventEmitter: true,
    xcmAuthorizedAliasConsideration: true,
    relayParentOffset: true,
    selectCore: false,
    sessionKeyDeposit: true,
    lazyBlock: false,
    umpSignalsFeature: true,
    bootnodeDiscovery: true,
    bootnodeGenesisHashBytes: false,
    exportChainSpecCommand: true,
    storageBenchmarkTrieCache: true,
    proposerWrapper: false,
    collatorPeerId: false,
    tracingExecuteBlock: false,
    elasticScaling: true,
    palletEventBound: true,
  },
  // rococo-runtime and westend-runtime 27.0.0 genesis presets: `scheduler_params.lookahead = 3`.
  // The reference's network.toml runs on paseo-local.
  relay: { defaultLookahead: 3, defaultChain: 'paseo-local' },
  toolchain: { channel: '1.88', wasmTarget: 'wasm32v1-none', components: ['clippy', 'rust-src', 'rustfmt'] },
  // The umbrella crate's staging-chain-spec-builder.
  tools: { chainSpecBuilder: '14.0.0' },
  // polkadot-omni-node-lib 0.10.0.
  omniNode: { lookaheadFlag: '--authoring lookahead', slotBasedFlag: '--authoring slot-based' },
};
