import type { SdkProfile } from './types.js';

// Versions as released with polkadot-sdk stable2412 (umbrella crate 0.12.x): each is the one the
// Cargo.lock of paritytech/polkadot-sdk-parachain-template, tag stable2412, pins.
export const stable2412: SdkProfile = {
  id: 'stable2412',
  summary: 'polkadot-sdk stable2412 (umbrella crate 0.12.2)',
  versions: {
    polkadotSdk: '0.12.2',
    frame: '0.8.1',
    cumulusPalletParachainSystem: '0.18.1',
    substrateWasmBuilder: '25.0.0',
    codec: '3.7.4',
    scaleInfo: '2.11.6',
    serde: '1.0.219',
    serdeJson: '1.0.140',
    log: '0.4.27',
    smallvec: '1.14.0',
    hexLiteral: '0.4.1',
    docify: '0.2.9',
    clap: '4.5.34',
    colorPrint: '0.3.7',
    futures: '0.3.31',
    jsonrpsee: '0.24.9',
    prometheusEndpoint: '0.17.1',
    scTracing: '38.0.0',
  },
  caps: {
    weightReclaimPallet: false,
    sessionDisablingStrategy: false,
    runtimeViewFunctions: false,
    lookaheadMaxPovPercentage: false,
    buildNetworkStartHandle: true,
    nodeScTracing: true,
    benchmarkingTraitImport: true,
    genesisStructJsonPatch: false,
    xcmDenyRecursively: false,
    xcmEventEmitter: false,
    xcmAuthorizedAliasConsideration: false,
    elasticScaling: false,
    palletEventBound: false,
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
  // paritytech/polkadot-sdk-parachain-template, commit bff6148 (the stable2412 tree plus its
  // rust-toolchain.toml).
  toolchain: { channel: '1.84.1', wasmTarget: 'wasm32-unknown-unknown', components: ['clippy', 'rust-src', 'rustfmt'] },
  // The umbrella crate's staging-chain-spec-builder.
  tools: { chainSpecBuilder: '9.0.0' },
  // polkadot-omni-node-lib 0.4.2: the lookahead collator unless this flag is given.
  omniNode: { lookaheadFlag: null, slotBasedFlag: '--experimental-use-slot-based' },
};
