// Timing by block number, as far as the runtime's own constants show it: every constant derived
// from the block time (MINUTES, HOURS, DAYS, and what is counted in them) keeps its number of
// blocks when the block time halves, so the time it stands for halves too. (check's fuller
// analysis of durations in pallet configs comes with its timing report.)

import type { RuntimeFacts } from '../analysis/runtime-facts.js';
import type { Item } from '../analysis/scope.js';
import { lineOfLoc } from '../analysis/scope.js';
import type { Edit } from './edits.js';

export function timingFindings(facts: RuntimeFacts, edits: readonly Edit[]): string[] {
  const block = facts.blockTimeItem ?? facts.slotDuration.item;
  if (!block || !edits.some((e) => e.step === '3.3' || e.step === '1.3')) return [];
  const modules = new Set([...facts.modules, ...block.module.root.allModules()]);
  const names = new Set([block.name]);
  const found: Item[] = [];
  for (let round = 0; round < 6; round++) {
    let grew = false;
    for (const m of modules) {
      for (const items of m.items.values()) {
        for (const item of items) {
          if ((item.kind !== 'const' && item.kind !== 'static') || !item.value || found.includes(item) || item === block) continue;
          if (item.name === facts.slotDuration.item?.name) continue;
          const text = item.value.text;
          if ([...names].some((n) => new RegExp(`\\b${n}\\b`).test(text))) {
            found.push(item);
            names.add(item.name);
            grew = true;
          }
        }
      }
    }
    if (!grew) break;
  }
  return found.map((i) => `${i.loc.file.rel}:${lineOfLoc(i.loc)}: ${i.name} is counted in blocks of ${block.name}; with the block time halved, the same number of blocks lasts half as long.`);
}
