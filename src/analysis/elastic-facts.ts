// What elastic scaling reads in a runtime and its repository beyond the async-backing facts:
// parachain-system's `RelayParentOffset`, the `RelayParentOffsetApi` the slot-based collator asks,
// parachain-system's `experimental-ump-signals` feature, and the scripts that assign relay cores.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { intOf } from './evaluate.js';
import type { NetworkConfig } from './relay-facts.js';
import type { ConfigItem, RuntimeFacts } from './runtime-facts.js';
import { pickItem } from './runtime-lookups.js';
import { lineOfLoc, type Loc } from './scope.js';
import { defaultFeatures, lineOf, rel } from './workspace.js';

export interface ElasticFacts {
  /** `type RelayParentOffset = ..` in parachain-system's config, and its value. */
  relayParentOffset?: { value: bigint | undefined; item: ConfigItem };
  /** `RelayParentOffsetApi::relay_parent_offset` in `impl_runtime_apis!`, and the value it returns. */
  offsetApi?: { value: bigint | undefined; loc: Loc };
  /** Where the runtime turns on parachain-system's `experimental-ump-signals`, if it does. */
  umpSignals?: { file: string; line: number };
  /** Lines of the network configs' folders that assign relay cores (`coretime.assignCore`, `assign_core`). */
  coreAssignments: { file: string; line: number }[];
}

const PARACHAIN_SYSTEM = 'cumulus-pallet-parachain-system';
const UMP_FEATURE = 'experimental-ump-signals';

export function elasticFacts(facts: RuntimeFacts, configs: NetworkConfig[], root: string): ElasticFacts {
  const found: ElasticFacts = { coreAssignments: coreAssignments(configs, root) };
  const ps = facts.parachainSystem;
  const offsetItem = ps && pickItem(ps, 'RelayParentOffset');
  if (ps && offsetItem) found.relayParentOffset = { value: intOf(facts.evaluator.type(ps.module, offsetItem.type)?.value), item: offsetItem };

  if (facts.offsetApi) {
    // The value the function returns: its block's tail expression (or a `return`).
    const { module, node, loc } = facts.offsetApi;
    const block = node.childForFieldName('body');
    const last = block?.namedChildren.filter((c) => c && c.type !== 'line_comment' && c.type !== 'block_comment').pop();
    const expr = last?.type === 'expression_statement' ? last.namedChildren[0] : last;
    const returned = expr?.type === 'return_expression' ? expr.namedChildren[0] : expr;
    found.offsetApi = { value: intOf(facts.evaluator.expr(module, returned)), loc };
  }
  found.umpSignals = umpSignalsFeature(facts);
  return found;
}

/** `features = ["experimental-ump-signals"]` on the dependency, or a default-on feature enabling it. */
function umpSignalsFeature(facts: RuntimeFacts): ElasticFacts['umpSignals'] {
  const crate = facts.crate;
  const dep = [...crate.deps.values()].find((d) => d.pkg === PARACHAIN_SYSTEM);
  const at = () => ({ file: crate.manifestRel, line: lineOf(crate.manifestText, new RegExp(UMP_FEATURE)) });
  if (dep?.features.includes(UMP_FEATURE)) return at();
  const names = new Set([PARACHAIN_SYSTEM, dep?.extern.replace(/_/g, '-')].filter(Boolean));
  for (const feature of defaultFeatures(crate)) {
    for (const entry of crate.features[feature] ?? []) {
      const [name, enabled] = entry.replace('?/', '/').split('/');
      if (name && names.has(name) && enabled === UMP_FEATURE) return at();
    }
  }
  return undefined;
}

/** Files beside the network configs that assign relay cores to a parachain. */
function coreAssignments(configs: NetworkConfig[], root: string): ElasticFacts['coreAssignments'] {
  const found: ElasticFacts['coreAssignments'] = [];
  const folders = [...new Set(configs.map((c) => dirname(join(root, c.file))))];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => /\.(js|ts|mjs|cjs|zndsl|sh|feature)$/.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      let text: string;
      try {
        text = readFileSync(join(folder, name), 'utf8');
      } catch {
        continue;
      }
      if (/\bassignCore\b|\bassign_core\b|assign[_-]cores?\b/i.test(text)) {
        found.push({ file: rel(root, join(folder, name)), line: lineOf(text, /\bassignCore\b|\bassign_core\b|assign[_-]cores?\b/i) });
      }
    }
  }
  return found;
}

/** The line of a location, for evidence. */
export function lineOfFact(loc: Loc): { file: string; line: number } {
  return { file: loc.file.rel, line: lineOfLoc(loc) };
}
