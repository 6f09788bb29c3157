// The slot-based collator's code for a release, as the manual step of a node moving to elastic
// scaling: the regions of the node service this tool generates at that velocity
// (templates/node/src/service.rs.hbs), so the code a team pastes is the code generated projects
// build with (test/rust-matrix.test.ts compiles them).

import { findRegions } from '../project/fragments.js';
import { PROFILES, type SdkRelease } from '../profiles/index.js';
import { releaseNamedIn } from '../profiles/relay-chains.js';
import { buildContext } from '../render/context.js';
import { loadTemplates } from '../render/templates.js';
import { resolveSettings } from '../settings/resolve.js';
import { reindent } from './edits.js';

const SERVICE = 'node/src/service.rs';

/** Each region of the generated service, with where it goes in a node's own service. */
const PARTS: { region: string; where: string }[] = [
  { region: 'collator/imports', where: 'Imports: the slot-based collator in place of the lookahead one.' },
  { region: 'collator/block-import-type', where: "The parachain block import wraps the slot-based block import (the node's ParachainBlockImport type)." },
  { region: 'collator/block-import', where: 'new_partial: build the block import through SlotBasedBlockImport and keep its handle;' },
  { region: 'collator/service-parts', where: '... the handle travels beside the block import (the partial components\' `other` tuple: its type,' },
  { region: 'collator/partial-other', where: '... and its value).' },
  { region: 'collator/partial-parts', where: 'Where the node starts: take the handle out of `other`,' },
  { region: 'collator/start-consensus-call', where: '... and pass it to start_consensus.' },
  { region: 'collator/start-consensus', where: 'start_consensus: the slot-based collator\'s parameters and run.' },
];

export interface SlotBasedRequest {
  /** The release id as check names it (`polkadot-stable2509`). */
  release: string;
  velocity: number;
  offset: number;
  authoringMs: number;
}

/** The code, or null for a release this tool does not generate. */
export function slotBasedCollatorCode(request: SlotBasedRequest): string | null {
  const sdk = releaseNamedIn(request.release);
  if (!sdk || !(sdk in PROFILES)) return null;
  const { settings } = resolveSettings({ sdk: sdk as SdkRelease, phase: 3, velocity: request.velocity, relayParentOffset: request.offset, authoringMs: request.authoringMs });
  const text = loadTemplates().get(`${SERVICE}.hbs`)(buildContext(settings));
  const regions = new Map(findRegions(SERVICE, text).map((r) => [r.id, r.body]));
  const style = { unit: '\t', eol: '\n' as const };
  return PARTS.map(({ region, where }) => {
    const body = regions.get(region);
    if (body === undefined) throw new Error(`${SERVICE}.hbs has no region ${region}`);
    return `// ${where}\n${reindent(body, '', style).join('\n')}`;
  }).join('\n\n');
}
