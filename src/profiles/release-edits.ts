// What `upgrade` needs to know of a polkadot-sdk release to write the guide's code for it, beyond
// what `check` judges by (src/profiles/releases.ts): data keyed by release, with named
// capabilities. Facts and where each was read (crates.io sources, via the published crates):
// - cumulus-primitives-aura's version: the Cargo.lock of each reference tree
//   (corpus/profiles.tsv: polkadot-v1.3.0 0.4.0, v1.7.0 0.8.0, v1.9.0 0.10.0, v1.11.0 0.12.0,
//   v1.13.0 0.14.0, v1.14.0 0.14.0, stable2407 0.15.0, stable2409 0.15.0, stable2412 0.16.0,
//   stable2503 0.17.0, stable2506 0.18.0, stable2509 0.20.0, stable2512 0.21.0); for the other
//   polkadot-v1.N.0 the published cumulus-primitives-aura 0.(N+1).0 requires polkadot-primitives
//   (N+1).0.0, the release's (read in 0.2.0, 0.6.0, 0.11.0).
// - `parameterized-consensus-hook`: cumulus-pallet-parachain-system 0.2.0–0.13.0
//   (polkadot-v1.1.0–v1.12.0) declare `type ConsensusHook` only under that feature of theirs;
//   0.14.0 (v1.13.0) on has no such feature (read in 0.2.0, 0.4.0, 0.8.0, 0.10.0–0.14.0).
// - `ValidationCode` is `cumulus_primitives_core::relay_chain::ValidationCode` (a re-export of
//   polkadot-primitives) in cumulus-primitives-core 0.4.0, 0.10.0 and 0.20.0.
// - The lookahead collator's `run` requires `Client::Api: AuraUnincludedSegmentApi<Block>`
//   (cumulus-client-consensus-aura 0.4.0, 0.10.0, 0.21.0): a node generic over its runtime API
//   must name that bound where it names `CollectCollationInfo`.
// - Lookahead `Params` fields a basic collator lacks: `reinitialize` (v1.7.0 on) and
//   `max_pov_percentage` (stable2503 on) get the values the generator writes
//   (templates/_check/auraParams.hbs); `collator_peer_id` (stable2512) has no value upgrade can know.

import type { SdkReleaseInfo } from './releases.js';

export interface ReleaseEditFacts {
  /** The `cumulus-primitives-aura` version published with the release (null: it has none). */
  primitivesAura: string | null;
  /** parachain-system's `ConsensusHook` item exists only under its `parameterized-consensus-hook` feature. */
  consensusHookFeature: boolean;
}

const PRIMITIVES_AURA: Record<string, string> = {
  'polkadot-v1.14.0': '0.14.0',
  'polkadot-stable2407': '0.15.0',
  'polkadot-stable2409': '0.15.0',
  'polkadot-stable2412': '0.16.0',
  'polkadot-stable2503': '0.17.0',
  'polkadot-stable2506': '0.18.0',
  'polkadot-stable2509': '0.20.0',
  'polkadot-stable2512': '0.21.0',
};

export function releaseEditFacts(release: SdkReleaseInfo): ReleaseEditFacts {
  const v1 = /^polkadot-v1\.(\d+)\.0$/.exec(release.id);
  const n = v1 ? Number(v1[1]) : undefined;
  const primitivesAura = PRIMITIVES_AURA[release.id] ?? (n !== undefined && n >= 1 && n <= 13 ? `0.${n + 1}.0` : null);
  return { primitivesAura, consensusHookFeature: n !== undefined && n >= 1 && n <= 12 };
}

/** Lookahead `Params` fields no fix can fill in for the team (the collator's network peer id). */
export const LOOKAHEAD_FIELDS_WITHOUT_DEFAULT: readonly string[] = ['collator_peer_id'];
