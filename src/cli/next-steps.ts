// The short "next steps" block printed after a project is written, and the one-line phase
// summaries the wizard and this block share.

import { isAbsolute, relative } from 'node:path';
import { PROFILES } from '../profiles/index.js';
import { namesFor } from '../render/context.js';
import { networkNodes } from '../render/network.js';
import type { Phase, Settings } from '../settings/schema.js';
import { TOOL_NAME } from '../version.js';
import { style } from './style.js';

/** One line per rollout phase of the guide (SPEC §2). */
export const PHASE_SUMMARIES: Readonly<Record<Phase, string>> = {
  1: 'runtime prepared: consensus hook and unincluded-segment API in, capacity 1, 12 s blocks, basic collator',
  2: 'lookahead collator: the node builds on older relay parents (2 s authoring); runtime still capacity 1, 12 s blocks',
  3: 'async backing on: capacity 3, 6 s blocks, several blocks per slot, 2 s of execution per block',
};

/** What moving to the next phase changes, for the block below. */
function nextPhaseChange(settings: Settings): string {
  if (settings.phase === 2) return 'phase 3 is a runtime upgrade that turns async backing on (capacity 3, 6 s blocks)';
  if (!settings.omniNode) return 'phase 2 switches the node to the lookahead collator (the runtime stays as it is)';
  const { lookaheadFlag, slotBasedFlag } = PROFILES[settings.sdk].omniNode;
  return (
    'phase 2 is the node step, and polkadot-omni-node already runs the lookahead collator ' +
    `(its default${lookaheadFlag ? `, ${lookaheadFlag}` : ''}; ${slotBasedFlag} would select the slot-based one), so it only records the phase`
  );
}

/** A path as the user would type it after `cd`: relative to the current folder when inside it. */
function shellPath(targetDir: string): string {
  const rel = relative(process.cwd(), targetDir);
  const path = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? targetDir : rel;
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

export function formatNextSteps(settings: Settings, targetDir: string): string {
  const names = namesFor(settings.name);
  const networkFile = `zombienet/zombienet.${settings.zombienetFormat}`;
  const command = (text: string) => `  ${style.cyan(text)}`;
  const note = (text: string) => `  ${style.dim(`# ${text}`)}`;
  const lines = [style.bold('Next steps:')];
  const cd = shellPath(targetDir);
  if (cd !== '.') lines.push(command(`cd ${cd}`));
  lines.push(command('cargo build --locked --release'));
  if (settings.omniNode) {
    const wasm = `target/release/wbuild/${names.runtimeCrate}/${names.runtimeLib}.compact.compressed.wasm`;
    const builder = PROFILES[settings.sdk].tools.chainSpecBuilder;
    lines.push(note(`build the chain spec polkadot-omni-node runs (cargo install --locked staging-chain-spec-builder@${builder})`));
    lines.push(
      command(
        `chain-spec-builder create --relay-chain ${settings.relayChain} --para-id ${settings.paraId} --runtime ${wasm} named-preset local_testnet`,
      ),
    );
  }
  const network = networkNodes(settings);
  if (network.relay.chainSpecHowTo) {
    lines.push(note(`${settings.relayChain}: build the relay chain spec with paseo-network/runtimes' generator (see the README)`));
    lines.push(command(network.relay.chainSpecHowTo));
  }
  lines.push(
    note(
      network.collator.args.length > 0
        ? `spawn the local network; its collators run polkadot-omni-node ${network.collator.args.join(' ')} (the README lists the binaries it needs)`
        : 'spawn the local network (the README lists the binaries it needs)',
    ),
  );
  lines.push(command(`zombienet spawn ${networkFile} --provider ${settings.provider}`));
  if (network.elastic) {
    lines.push(note(`velocity ${settings.velocity}: assign the extra ${network.extraCoreList} to the parachain once it runs (see the README)`));
    lines.push(note(`or run the smoke test: it assigns the cores and checks ${settings.velocity} blocks per relay block`));
  } else {
    lines.push(note('or run the smoke test: relay up, parachain registered and producing blocks'));
  }
  lines.push(command(`zombienet test zombienet/smoke.zndsl --provider ${settings.provider}`));
  lines.push('');
  if (settings.phase === 1 || settings.phase === 2) {
    lines.push(`This project is at phase ${settings.phase} of 3. Next, ${nextPhaseChange(settings)}:`);
    lines.push(command(`npx ${TOOL_NAME} regen all --phase ${settings.phase + 1}`));
  } else {
    lines.push('This project is at phase 3 of 3: async backing is on; there is no further phase.');
  }
  return lines.join('\n');
}
