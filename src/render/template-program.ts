// Compiles a Handlebars template to a program, the data src/render/template-runner.ts renders.
// Handlebars' own parser reads the template, so its syntax, whitespace control (`~`) and
// standalone-line rules hold as they are; this module only turns the tree into data, and refuses
// (naming the line) anything outside the subset the runner renders exactly as Handlebars would
// (docs/templates.md). Imports the full Handlebars package: the source tree compiles with it at
// run time and scripts/build.mjs at build time; the bundle carries only the runner.

import Handlebars from 'handlebars';
import { HELPERS, partialName, type Expr, type HelperName, type Program, type Statement } from './template-runner.js';

export { partialName };
export type { Expr, Program, Statement };

type AST = hbs.AST.Node;
type Path = hbs.AST.PathExpression;

// Names that a mustache without arguments (`{{name}}`) would call as a helper, not look up:
// Handlebars' built-in helpers and ours.
const HELPER_NAMES: ReadonlySet<string> = new Set([...Object.keys(Handlebars.create().helpers), ...Object.keys(HELPERS)]);

const BLOCK_HELPERS = ['if', 'unless', 'each', 'eq'];

/** The program of a template's source; `partials` are the names `{{> name}}` may use. */
export function compileTemplate(source: string, partials: ReadonlySet<string>): Program {
  return body(Handlebars.parse(source), partials);
}

function refuse(node: AST, message: string): never {
  throw new Error(`line ${node.loc.start.line}: ${message}`);
}

// Adjacent text (around a comment, say) is merged; empty text, left by whitespace control, dropped.
function body(program: hbs.AST.Program | undefined, partials: ReadonlySet<string>): Program {
  const out: Statement[] = [];
  for (const node of program?.body ?? []) {
    const next = statement(node, partials);
    if (next === '' || next === undefined) continue;
    const last = out.length - 1;
    if (typeof next === 'string' && typeof out[last] === 'string') out[last] += next;
    else out.push(next);
  }
  return out;
}

function statement(node: AST, partials: ReadonlySet<string>): Statement | undefined {
  switch (node.type) {
    case 'ContentStatement':
      return (node as hbs.AST.ContentStatement).value;
    case 'CommentStatement':
      return undefined;
    case 'MustacheStatement':
      return ['out', mustache(node as hbs.AST.MustacheStatement)];
    case 'BlockStatement':
      return block(node as hbs.AST.BlockStatement, partials);
    case 'PartialStatement':
      return partial(node as hbs.AST.PartialStatement, partials);
    case 'PartialBlockStatement':
      return refuse(node, 'partial blocks ({{#> name}}) are not supported');
    case 'Decorator':
    case 'DecoratorBlock':
      return refuse(node, 'decorators ({{* name}}) are not supported');
    default:
      return refuse(node, `${node.type} is not supported`);
  }
}

function mustache(node: hbs.AST.MustacheStatement): Expr {
  if (node.path.type !== 'PathExpression') {
    return refuse(node, `a literal (${JSON.stringify((node.path as hbs.AST.StringLiteral).original)}) cannot name the value to print`);
  }
  if (node.hash) return refuse(node, 'hash arguments (name=value) are not supported');
  const path = node.path as Path;
  if (node.params.length > 0) return call(node, path, node.params);
  // Handlebars calls a helper of that name instead of looking the value up.
  if (isSimple(path) && HELPER_NAMES.has(path.parts[0]!)) {
    return refuse(node, `{{${path.original}}} would call the helper "${path.parts[0]}"; write {{this.${path.parts[0]}}} for the value`);
  }
  return pathExpr(path);
}

function block(node: hbs.AST.BlockStatement, partials: ReadonlySet<string>): Statement {
  const { path, params } = node;
  const name = isSimple(path) ? path.parts[0]! : path.original;
  if (!isSimple(path) || path.data || !BLOCK_HELPERS.includes(name)) {
    return refuse(node, `unknown block helper "${name}" (blocks are ${BLOCK_HELPERS.map((n) => `#${n}`).join(', ')})`);
  }
  if (node.hash) return refuse(node, 'hash arguments (name=value) are not supported');
  if (node.program?.blockParams?.length || node.inverse?.blockParams?.length) return refuse(node, 'block params (as |name|) are not supported');
  const wanted = name === 'eq' ? 2 : 1;
  if (params.length !== wanted) return refuse(node, `#${name} takes ${wanted} argument${wanted > 1 ? 's' : ''}, not ${params.length}`);
  const args = params.map(expr);
  const fn = body(node.program, partials);
  const inverse = body(node.inverse, partials);
  switch (name) {
    case 'if':
      return ['if', args[0]!, fn, inverse];
    case 'unless':
      return ['if', args[0]!, inverse, fn];
    case 'eq':
      return ['if', ['call', 'eq', args], fn, inverse];
    default:
      return ['each', args[0]!, fn, inverse];
  }
}

function partial(node: hbs.AST.PartialStatement, partials: ReadonlySet<string>): Statement {
  const nameNode = node.name as AST;
  if (nameNode.type !== 'PathExpression' && nameNode.type !== 'StringLiteral') return refuse(node, 'dynamic partials ({{> (expr)}}) are not supported');
  if (node.params.length > 0 || node.hash) return refuse(node, 'partials take no arguments: they render with the current context');
  const name = String((nameNode as Path | hbs.AST.StringLiteral).original);
  if (!partials.has(name)) return refuse(node, `unknown partial "${name}" (partials: ${[...partials].join(', ') || 'none'})`);
  return ['partial', name, node.indent ?? ''];
}

function expr(node: AST): Expr {
  switch (node.type) {
    case 'PathExpression':
      return pathExpr(node as Path);
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression;
      if (sub.hash) return refuse(node, 'hash arguments (name=value) are not supported');
      return call(node, sub.path, sub.params);
    }
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return ['lit', (node as hbs.AST.StringLiteral | hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value];
    case 'NullLiteral':
      return ['lit', null];
    case 'UndefinedLiteral':
      return ['lit'];
    default:
      return refuse(node, `${node.type} is not supported as an argument`);
  }
}

function call(node: AST, path: Path, params: readonly AST[]): Expr {
  const name = path.original;
  if (!isSimple(path) || path.data || !Object.hasOwn(HELPERS, name)) {
    const hint = BLOCK_HELPERS.includes(name) ? ` (${name} works only as a block, {{#${name}}})` : ` (helpers are ${Object.keys(HELPERS).join(', ')})`;
    return refuse(node, `unknown helper "${name}"${hint}`);
  }
  const helper = name as HelperName;
  const [min, max] = HELPERS[helper].arity;
  if (params.length < min || params.length > max) {
    return refuse(node, `${helper} takes ${min === max ? min : `at least ${min}`} arguments, not ${params.length}`);
  }
  return ['call', helper, params.map(expr)];
}

function pathExpr(path: Path): Expr {
  if (path.depth > 0) return refuse(path, `parent paths (${path.original}) are not supported; use @root`);
  return [path.data ? 'data' : 'this', path.parts, path.loc.start.line];
}

// Handlebars' simpleId: one segment, not `this`/`./`-scoped, no `../`.
function isSimple(path: Path): boolean {
  return path.type === 'PathExpression' && path.parts.length === 1 && !/^\.|this\b/.test(path.original) && !path.depth;
}
