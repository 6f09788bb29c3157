import type { SdkProfile } from './types.js';

// Versions as released with polkadot-sdk stable2506. Reference: r0gue-io/base-parachain, tag
// polkadot-stable2506 (runtime, node with the lookahead collator, Cargo.lock); every version below
// is the one its Cargo.lock pins. That tree names the SDK crates one by one; the umbrella crate
// 2506.0.0 is the one whose every dependency that lock pins at a compatible version.
export const stable2506: SdkProfile = {
  id: 'stable2506',
  summary: 'polkadot-sdk stable2506 (umbrella crate 2506.0.0)',
  versions: {
    polkadotSdk: '2506.0.0',
    frame: '0.10.0',
    cumulusPalletParachainSystem: '0.21.0',
    substrateWasmBuilder: '27.0.0',
    codec: '3.7.5',
    scaleInfo: '2.11.6',
    serde: '1.0.219',
    serdeJson: '1.0.143',
    log: '0.4.28',
    smallvec: '1.15.1',
    hexLiteral: '0.4.1',
    docify: '0.2.9',
    clap: '4.5.47',
    colorPrint: '0.3.7',
    futures: '0.3.31',
    jsonrpsee: '0.24.9',
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
    selectCore: true,
    sessionKeyDeposit: false,
    lazyBlock: false,
    umpSignalsFeature: true,
    bootnodeDiscovery: true,
    bootnodeGenesisHashBytes: false,
    exportChainSpecCommand: true,
    storageBenchmarkTrieCache: true,
    proposerWrapper: true,
    collatorPeerId: false,
    tracingExecuteBlock: false,
    elasticScaling: false,
    palletEventBound: true,
  },
  // rococo-runtime and westend-runtime 24.0.1 genesis presets: `scheduler_params.lookahead = 3`.
  // The reference's chain spec names rococo-local as its relay chain.
  relay: { defaultLookahead: 3, defaultChain: 'rococo-local' },
  toolchain: { channel: '1.86', wasmTarget: 'wasm32v1-none', components: ['clippy', 'rust-src', 'rustfmt'] },
  // The umbrella crate's staging-chain-spec-builder.
  tools: { chainSpecBuilder: '12.0.0' },
  // polkadot-omni-node-lib 0.7.0.
  omniNode: { lookaheadFlag: '--authoring lookahead', slotBasedFlag: '--authoring slot-based' },
};
