// Renders a template program (the data src/render/template-program.ts compiles a Handlebars
// template to) against a context, with the output Handlebars would give in strict mode with
// escaping off. Small and free of Handlebars: the bundle ships programs as JSON and only this
// interpreter, never a template compiler.

/** A template body: text and statements, in order. */
export type Program = readonly Statement[];

export type Statement =
  /** Text, printed as it is (Handlebars' whitespace control already applied). */
  | string
  /** `{{expr}}`: the value as text, nothing for null and undefined. */
  | readonly ['out', Expr]
  /** `{{#if}}`, `{{#unless}}` (branches swapped) and `{{#eq a b}}` (condition `(eq a b)`). */
  | readonly ['if', Expr, Program, Program]
  /** `{{#each expr}}body{{else}}empty{{/each}}`. */
  | readonly ['each', Expr, Program, Program]
  /** `{{> name}}`, with the indent of a standalone partial line ('' otherwise). */
  | readonly ['partial', string, string];

export type Expr =
  /** A path on the current context (`a.b`; no segments: `this`), with its line for errors. */
  | readonly ['this', readonly string[], number]
  /** A data path (`@root.a`, `@index`), with its line for errors. */
  | readonly ['data', readonly string[], number]
  /** A literal; no value is `undefined` (which JSON cannot hold). */
  | readonly ['lit', (string | number | boolean | null)?]
  /** A helper call, `(gt a b)`. */
  | readonly ['call', HelperName, readonly Expr[]];

interface Helper {
  /** Fewest and most arguments. */
  arity: readonly [number, number];
  call(args: readonly unknown[]): boolean;
}

/** The helpers templates may call, as `(name …)` or `{{name …}}`; `eq` also as a block. */
export const HELPERS = {
  eq: { arity: [2, 2], call: ([a, b]) => a === b },
  gt: { arity: [2, 2], call: ([a, b]) => (a as number) > (b as number) },
  lt: { arity: [2, 2], call: ([a, b]) => (a as number) < (b as number) },
  not: { arity: [1, 1], call: ([a]) => !a },
  and: { arity: [2, Infinity], call: (args) => args.every(Boolean) },
  or: { arity: [2, Infinity], call: (args) => args.some(Boolean) },
} satisfies Record<string, Helper>;

export type HelperName = keyof typeof HELPERS;

const PARTIALS = '_partials/';

/** The partial name of a template path: `_partials/readme-network.md.hbs` → `readme-network`. */
export function partialName(path: string): string | undefined {
  return path.startsWith(PARTIALS) ? path.slice(PARTIALS.length).replace(/(\.\w+)?\.hbs$/, '') : undefined;
}

/** The program of a partial, by name. */
export type PartialLookup = (name: string) => Program;

/** Handlebars' data frame (`@root`, and in `each` `@index`, `@key`, `@first`, `@last`). */
type Data = Readonly<Record<string, unknown>>;

export function runProgram(program: Program, context: unknown, partials: PartialLookup): string {
  return run(program, context, { root: context }, partials);
}

function run(program: Program, context: unknown, data: Data, partials: PartialLookup): string {
  let out = '';
  for (const statement of program) {
    if (typeof statement === 'string') {
      out += statement;
      continue;
    }
    switch (statement[0]) {
      case 'out': {
        const value = evaluate(statement[1], context, data);
        if (value != null) out += String(value);
        break;
      }
      case 'if':
        out += run(isTruthy(evaluate(statement[1], context, data)) ? statement[2] : statement[3], context, data, partials);
        break;
      case 'each':
        out += each(evaluate(statement[1], context, data), statement[2], statement[3], context, data, partials);
        break;
      case 'partial':
        out += partial(statement[1], statement[2], context, data, partials);
        break;
    }
  }
  return out;
}

// Handlebars' `if`: false for falsy values (0 and '' included) and empty arrays.
function isTruthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

// Handlebars' `each`: the `{{else}}` branch when there is nothing to iterate.
function each(value: unknown, body: Program, empty: Program, context: unknown, data: Data, partials: PartialLookup): string {
  const { size, items } = iterationsOf(value);
  if (size === 0) return run(empty, context, data, partials);
  let out = '';
  for (const [key, index, item] of items) {
    out += run(body, item, { ...data, key, index, first: index === 0, last: index === size - 1 }, partials);
  }
  return out;
}

// As Handlebars iterates: arrays by position (skipping holes, which still count for `@last`),
// other iterables by position, other objects by own key; anything else not at all.
function iterationsOf(value: unknown): { size: number; items: [key: string | number, index: number, item: unknown][] } {
  if (value === null || typeof value !== 'object') return { size: 0, items: [] };
  if (Array.isArray(value)) {
    const items: [number, number, unknown][] = [];
    for (let i = 0; i < value.length; i++) if (i in value) items.push([i, i, value[i]]);
    return { size: value.length, items };
  }
  const pairs: [string | number, unknown][] =
    Symbol.iterator in value ? [...(value as Iterable<unknown>)].map((item, i) => [i, item]) : Object.entries(value);
  return { size: pairs.length, items: pairs.map(([key, item], i) => [key, i, item]) };
}

// Handlebars indents every line of a standalone partial's output but a final empty one.
function partial(name: string, indent: string, context: unknown, data: Data, partials: PartialLookup): string {
  let text: string;
  try {
    text = run(partials(name), context, data, partials);
  } catch (error) {
    throw new Error(`partial ${name}: ${(error as Error).message}`);
  }
  if (!indent) return text;
  const lines = text.split('\n');
  return lines.map((line, i) => (line === '' && i === lines.length - 1 ? line : indent + line)).join('\n');
}

function evaluate(expr: Expr, context: unknown, data: Data): unknown {
  switch (expr[0]) {
    case 'this':
      return lookup(context, expr[1], expr[2], '', 'this');
    case 'data':
      return lookup(data, expr[1], expr[2], '@', '@data');
    case 'lit':
      return expr[1];
    case 'call':
      return HELPERS[expr[1]].call(expr[2].map((arg) => evaluate(arg, context, data)));
  }
}

// Stricter than Handlebars: every segment must be an own property (never inherited), and a
// function is refused where Handlebars would call it.
function lookup(base: unknown, segments: readonly string[], line: number, prefix: string, root: string): unknown {
  let value = base;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (value == null || !Object.hasOwn(value as object, segment)) {
      const parent = i === 0 ? root : prefix + segments.slice(0, i).join('.');
      throw new Error(`line ${line}: "${segment}" is not defined in ${parent}`);
    }
    value = (value as Record<string, unknown>)[segment];
  }
  if (typeof value === 'function') {
    throw new Error(`line ${line}: ${segments.length > 0 ? prefix + segments.join('.') : root} is a function; templates take data only`);
  }
  return value;
}
