// The crate's own `macro_rules!` macros, expanded where a module invokes them at its level: pallet
// configs written once in a macro and invoked per runtime, a local `construct_runtime!` wrapping
// frame_support's, a macro wrapping `impl_runtime_apis!`. The expansion is parsed as items of
// the invoking module; its nodes point into the definition's file. A macro whose rules check
// cannot apply is left alone (and named among the macros it could not expand).

import { expandMacroRules } from '../rust/macro-rules.js';
import type { MacroBody, Node } from '../rust/parser.js';
import { compiledOut } from './cfg.js';
import { segments } from './name-resolution.js';
import type { Module, SourceFile } from './scope.js';
import type { Crate } from './workspace.js';

/** Expansions within expansions, at most this deep (a macro invoking itself ends here). */
const MAX_NESTING = 8;

/**
 * Module-level invocations of local macros in `container` (nodes of `text`: the module's file, or
 * an expansion), expanded, and the expansions' own; the bodies to collect, with their files.
 */
export function expandLocalMacros(module: Module, container: Node, text: string, depth = 0): { body: MacroBody; file: SourceFile }[] {
  if (depth > MAX_NESTING) return [];
  const out: { body: MacroBody; file: SourceFile }[] = [];
  for (const child of container.namedChildren) {
    const invocation = child?.type === 'macro_invocation' ? child : child?.type === 'expression_statement' ? child.namedChildren.find((c) => c?.type === 'macro_invocation') : null;
    if (!invocation || compiledOut(module, child!)) continue;
    const path = segments(invocation.childForFieldName('macro'));
    const definition = findDefinition(module, path);
    const args = invocation.namedChildren.find((c) => c?.type === 'token_tree');
    if (!definition || !args) continue;
    const source = definition.file.parsed!.source;
    // `$crate` in a macro of another crate of the repository names that crate.
    const self = definition.crate === module.crate ? 'crate' : definition.crate.lib;
    const synthetic = expandMacroRules(definition.node, source, args, text, self);
    if (!synthetic) continue;
    const bodies = module.program.parser.parseExpansion(path[path.length - 1]!, invocation, synthetic, { unknownMacros: 'impls', localMacros: module.program.macroNames(module.crate) });
    module.program.expansions.push(...bodies);
    const root = bodies[0]!;
    for (const body of bodies) if (body === root || body.parent === root) out.push({ body, file: definition.file });
    out.push(...expandLocalMacros(module, root.tree.rootNode, root.text, depth + 1));
  }
  return out;
}

/**
 * A local macro invoked where an expression stands (`prod_or_testnet_or_local!(500, 2000, 2000)`):
 * its expansion, parsed as the body of a function, for the evaluator. Undefined when it is not a
 * macro of the repository or does not expand.
 */
export function expandExpressionMacro(module: Module, invocation: Node): Node | undefined {
  const cached = module.program.expressionExpansions.get(invocation.id);
  if (cached !== undefined) return cached ?? undefined;
  let result: Node | null = null;
  const path = segments(invocation.childForFieldName('macro'));
  const definition = findDefinition(module, path);
  const args = invocation.namedChildren.find((c) => c?.type === 'token_tree');
  const text = module.file.parsed?.source;
  if (definition && args && text !== undefined && args.text === text.slice(args.startIndex, args.endIndex)) {
    const self = definition.crate === module.crate ? 'crate' : definition.crate.lib;
    const synthetic = expandMacroRules(definition.node, definition.file.parsed!.source, args, text, self);
    if (synthetic) {
      const tree = module.program.parser.parse(`fn __expansion() {\n${synthetic.text}\n}`);
      module.program.expressionTrees.push(tree);
      result = tree.rootNode.namedChildren[0]?.childForFieldName('body') ?? null;
    }
  }
  module.program.expressionExpansions.set(invocation.id, result);
  return result ?? undefined;
}

/**
 * The `macro_rules!` definition a macro path names: `name!` defined in this crate, or
 * `other_crate::name!` defined in a crate of the repository.
 */
function findDefinition(module: Module, written: string[]): { node: Node; file: SourceFile; crate: Crate } | undefined {
  // `use other_crate::name;` then `name!`: the path the import gives.
  let path = written;
  if (path.length === 1) {
    for (let m: Module | null = module; m; m = m.parent) {
      const binding = m.uses.get(path[0]!)?.[0];
      if (binding) {
        path = binding.path;
        break;
      }
    }
  }
  const name = path[path.length - 1];
  if (!name) return undefined;
  // `other_crate::name!` names that crate (found only when it is in the repository);
  // `crate::m::name!`, `m::name!` and `name!` this one.
  let crate: Crate | undefined = module.crate;
  const first = path[0]!;
  if (path.length > 1 && !['crate', 'self', 'super', '$crate'].includes(first)) {
    const dep = module.crate.deps.get(first);
    if (dep) crate = dep.crate;
    else {
      const target = module.resolve([first]);
      crate = target?.kind === 'module' ? target.module.crate : undefined;
    }
  }
  const files = crate ? module.program.macroFiles(crate).get(name) : undefined;
  for (const file of files ?? []) {
    const source = module.program.file(file, crate!);
    const node = source.parsed?.tree.rootNode.descendantsOfType('macro_definition').find((d) => d?.childForFieldName('name')?.text === name);
    if (node) return { node, file: source, crate: crate! };
  }
  return undefined;
}
