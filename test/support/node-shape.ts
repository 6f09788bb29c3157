// The build parameters of a node crate, read from its parse tree: every struct literal with the
// fields it sets (`BuildNetworkParams { .. }`, `AuraParams { .. }`, `StartBootnodeTasksParams
// { .. }`), the functions it calls, and the Aura collator modules it imports. Used by the
// per-release node assertions and by `scripts/compare-reference.ts --node`.

import { readFileSync } from 'node:fs';
import { rustFiles } from './rust-checks.js';
import { loadRustParser } from '../../src/rust/parser.js';

export interface NodeShape {
  /** Struct path as written (`BuildNetworkParams`, `sc_service::SpawnTasksParams`) → the fields the literal sets. */
  structs: Map<string, Set<string>>;
  /** Names of the functions and methods called (last path segment). */
  calls: Set<string>;
  /** `cumulus_client_consensus_aura::collators::<module>` modules imported: `lookahead`, `basic`, `slot_based`. */
  collators: Set<string>;
}

/** The build-parameter structs of a node whose fields the per-release coverage assertions compare. */
export const NODE_STRUCTS = [
  'BuildNetworkParams',
  'StartRelayChainTasksParams',
  'StartBootnodeTasksParams',
  'AuraParams',
  'sc_service::SpawnTasksParams',
] as const;

export async function readNodeShape(srcDir: string): Promise<NodeShape> {
  const parser = await loadRustParser();
  const shape: NodeShape = { structs: new Map(), calls: new Set(), collators: new Set() };
  for (const file of rustFiles(srcDir)) {
    const source = readFileSync(file, 'utf8');
    const parsed = parser.parseFile(source);
    try {
      const root = parsed.tree.rootNode;
      for (const literal of root.descendantsOfType('struct_expression')) {
        const name = literal?.childForFieldName('name')?.text.replace(/\s+/g, '');
        const body = literal?.childForFieldName('body');
        if (!name || !body) continue;
        const fields = shape.structs.get(name) ?? new Set<string>();
        for (const field of body.namedChildren) {
          if (field?.type === 'shorthand_field_initializer') fields.add(field.text);
          if (field?.type === 'field_initializer') fields.add(field.childForFieldName('field')!.text);
        }
        shape.structs.set(name, fields);
      }
      for (const call of root.descendantsOfType('call_expression')) {
        const fn = call?.childForFieldName('function');
        if (!fn) continue;
        const target = fn.type === 'field_expression' ? fn.childForFieldName('field') : fn.type === 'generic_function' ? fn.childForFieldName('function') : fn;
        const name = target?.text.split('::').pop()?.replace(/<.*$/s, '');
        if (name) shape.calls.add(name);
      }
      for (const m of source.matchAll(/collators::\s*(?:\{[^}]*\}|(\w+))/g)) {
        const names = m[1] ? [m[1]] : [...m[0].matchAll(/\b(lookahead|basic|slot_based)\b/g)].map((x) => x[1]!);
        for (const n of names) if (['lookahead', 'basic', 'slot_based'].includes(n)) shape.collators.add(n);
      }
    } finally {
      parsed.delete();
    }
  }
  return shape;
}

