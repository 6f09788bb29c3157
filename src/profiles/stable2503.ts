import type { SdkProfile } from './types.js';

// Versions as released with polkadot-sdk stable2503 (umbrella crate 2503.x): each is the one the
// Cargo.lock of paritytech/polkadot-sdk-parachain-template, commit e1beda743f90, pins.
export const stable2503: SdkProfile = {
  id: 'stable2503',
  summary: 'polkadot-sdk stable2503 (umbrella crate 2503.0.1)',
  versions: {
    polkadotSdk: '2503.0.1',
    frame: '0.9.1',
    cumulusPalletParachainSystem: '0.20.0',
    substrateWasmBuilder: '26.0.1',
    codec: '3.7.4',
    scaleInfo: '2.11.6',
    serde: '1.0.219',
    serdeJson: '1.0.140',
    log: '0.4.27',
    smallvec: '1.15.0',
    hexLiteral: '0.4.1',
    docify: '0.2.9',
    clap: '4.5.38',
    colorPrint: '0.3.7',
    futures: '0.3.31',
    jsonrpsee: '0.24.9',
    prometheusEndpoint: '0.17.2',
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
    relayParentOffset: false,
    selectCore: true,
    sessionKeyDeposit: false,
    lazyBlock: false,
    umpSignalsFeature: true,
    bootnodeDiscovery: false,
    bootnodeGenesisHashBytes: false,
    exportChainSpecCommand: false,
    storageBenchmarkTrieCache: false,
    proposerWrapper: true,
    collatorPeerId: false,
    tracingExecuteBlock: false,
  },
  relay: { defaultLookahead: 3, defaultChain: 'rococo-local' },
  // r0gue-io/base-parachain, tag polkadot-stable2503 (the parachain template repository ships none).
  toolchain: { channel: '1.86', wasmTarget: 'wasm32v1-none', components: ['clippy', 'rust-src', 'rustfmt'] },
  // The umbrella crate's staging-chain-spec-builder.
  tools: { chainSpecBuilder: '10.0.0' },
  // polkadot-omni-node-lib 0.5.0: `--authoring lookahead` (the default) or `slot-based`.
  omniNode: { lookaheadFlag: '--authoring lookahead', slotBasedFlag: '--authoring slot-based' },
};
