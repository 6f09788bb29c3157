// The projects `npm run compile-check` generates (issue 18): every release the CLI offers, phases
// 1 and 3, with a node crate and for polkadot-omni-node; on the newest release also elastic scaling
// (velocity 3) and a project without the template pallet.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.cjs');

/** The steps run on each project, in order: clippy reuses what check compiled, the others compile the SDK again. */
export const STEPS = ['check', 'clippy', 'benchmarks', 'try-runtime', 'test'];

/** The releases `--sdk` accepts, newest first, as the CLI's own help lists them. */
export function releases() {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' }).stdout ?? '';
  const sdk = /--sdk <value>[\s\S]*?one of ([^)]*)\)/.exec(help)?.[1];
  if (!sdk) throw new Error('could not read the releases from `create-async-parachain --help` (run `npm run build`)');
  return sdk.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Every variant: name, release and the CLI arguments that make it. */
export function matrix() {
  const all = releases();
  const variants = [];
  for (const profile of all) {
    for (const phase of [3, 1]) {
      for (const omni of [false, true]) {
        variants.push({
          name: `${profile}-p${phase}-${omni ? 'omni' : 'node'}`,
          profile,
          args: ['--sdk', profile, '--phase', String(phase), ...(omni ? ['--omni-node'] : [])],
        });
      }
    }
    if (profile === all[0]) {
      variants.push({ name: `${profile}-p3-node-elastic`, profile, args: ['--sdk', profile, '--phase', '3', '--velocity', '3'] });
      variants.push({ name: `${profile}-p3-node-no-pallet`, profile, args: ['--sdk', profile, '--phase', '3', '--no-template-pallet'] });
    }
  }
  return variants;
}
