import type { SdkProfile } from './types.js';

// Versions as released with polkadot-sdk stable2512. Reference: r0gue-io/base-parachain, tag
// polkadot-stable2512 (runtime for polkadot-omni-node, Cargo.lock, umbrella crate 2512.0.0);
// every version below is the one its Cargo.lock pins (it also holds substrate-wasm-builder
// 29.0.0, an older pin of that tree; 31.0.0 is the one the umbrella crate requires).
export const stable2512: SdkProfile = {
  id: 'stable2512',
  summary: 'polkadot-sdk stable2512 (umbrella crate 2512.0.0)',
  versions: {
    polkadotSdk: '2512.0.0',
    frame: '0.14.0',
    cumulusPalletParachainSystem: '0.25.0',
    substrateWasmBuilder: '31.0.0',
    codec: '3.7.5',
    scaleInfo: '2.11.6',
    serde: '1.0.228',
    serdeJson: '1.0.146',
    log: '0.4.29',
    smallvec: '1.15.1',
    hexLiteral: '0.4.1',
    docify: '0.2.9',
    clap: '4.5.53',
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
    lazyBlock: true,
    umpSignalsFeature: false,
    bootnodeDiscovery: true,
    bootnodeGenesisHashBytes: true,
    exportChainSpecCommand: true,
    storageBenchmarkTrieCache: true,
    proposerWrapper: false,
    collatorPeerId: true,
    tracingExecuteBlock: true,
    elasticScaling: true,
    palletEventBound: true,
  },
  // rococo-runtime 29.0.0 and westend-runtime 30.0.0 genesis presets: `scheduler_params.lookahead
  // = 3`. The reference's network.toml runs on paseo-local.
  relay: { defaultLookahead: 3, defaultChain: 'paseo-local' },
  toolchain: { channel: '1.88', wasmTarget: 'wasm32v1-none', components: ['clippy', 'rust-src', 'rustfmt'] },
  // The umbrella crate's staging-chain-spec-builder.
  tools: { chainSpecBuilder: '16.0.0' },
  // polkadot-omni-node-lib 0.13.0.
  omniNode: { lookaheadFlag: '--authoring lookahead', slotBasedFlag: '--authoring slot-based' },
};
