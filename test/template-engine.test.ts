// The template engine (src/render/template-program.ts compiles, src/render/template-runner.ts
// renders) against Handlebars itself: the same output for every construct of the supported subset
// and for every real template over many settings, a clear error for anything outside it.

import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SNIPPET_NAMES, type SnippetContext } from '../src/guide/snippets.js';
import { buildContext } from '../src/render/context.js';
import { renderSources } from '../src/render/render-project.js';
import { compileTemplate } from '../src/render/template-program.js';
import { partialName, runProgram, type Program } from '../src/render/template-runner.js';
import { loadTemplates, readTemplateSources } from '../src/render/templates.js';
import { parseSettings, resolveSettings } from '../src/settings/resolve.js';
import { PHASES, PROVIDERS, RELAY_CHAINS, SDK_RELEASES, ZOMBIENET_FORMATS, type Settings } from '../src/settings/schema.js';

type Render = (context: object) => string;
type Partials = Readonly<Record<string, string>>;

const OPTIONS = { strict: true, noEscape: true } as const;

/** Handlebars as the generator used it before the engine: strict, unescaped, with our helpers. */
function handlebars(partials: Partials): (source: string) => Render {
  const hb = Handlebars.create();
  hb.registerHelper('eq', function (this: unknown, a: unknown, b: unknown, options?: Handlebars.HelperOptions) {
    if (options && typeof options.fn === 'function') return a === b ? options.fn(this) : options.inverse(this);
    return a === b;
  });
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('lt', (a: number, b: number) => a < b);
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  for (const [name, source] of Object.entries(partials)) hb.registerPartial(name, hb.compile(source, OPTIONS));
  return (source) => hb.compile(source, OPTIONS);
}

/** Our engine, with each program round-tripped through JSON as the bundle stores it. */
function ours(source: string, partials: Partials = {}): Render {
  const names = new Set(Object.keys(partials));
  const compile = (text: string) => JSON.parse(JSON.stringify(compileTemplate(text, names))) as Program;
  const programs = new Map(Object.entries(partials).map(([name, text]) => [name, compile(text)]));
  const program = compile(source);
  return (context) => runProgram(program, context, (name) => programs.get(name)!);
}

/** Renders with both and expects the same text; returns it. */
function same(source: string, context: object, partials: Partials = {}): string {
  const expected = handlebars(partials)(source)(context);
  expect(ours(source, partials)(context)).toBe(expected);
  return expected;
}

describe('the same output as Handlebars', () => {
  it('if and unless: 0, "", [], null, undefined and false are false; {} and [0] are true', () => {
    const source = '{{#if v}}T{{else}}F{{/if}}{{#unless v}}u{{else}}n{{/unless}}';
    const values = [0, '', [], null, undefined, false, NaN, {}, [0], 1, 'x', true, -1];
    const outputs = values.map((v) => same(source, { v }));
    expect(outputs).toEqual(['Fu', 'Fu', 'Fu', 'Fu', 'Fu', 'Fu', 'Fu', 'Tn', 'Tn', 'Tn', 'Tn', 'Tn', 'Tn']);
  });

  it('each over arrays and objects with @index, @first, @last and @key, and else when empty', () => {
    const source = '{{#each v}}[{{@index}} {{@key}} {{@first}} {{@last}} {{this}}]{{else}}none{{/each}}';
    expect(same(source, { v: ['a', 'b', 'c'] })).toBe('[0 0 true false a][1 1 false false b][2 2 false true c]');
    expect(same(source, { v: { x: 1, y: 2 } })).toBe('[0 x true false 1][1 y false true 2]');
    for (const v of [[], {}, null, 0, 'text']) expect(same(source, { v })).toBe('none');
    same(source, { v: new Set(['p', 'q']) });
    // eslint-disable-next-line no-sparse-arrays
    same(source, { v: ['a', , 'c'] });
  });

  it('nested each reads the item, @root and the innermost @index', () => {
    const context = { title: 'T', rows: [{ name: 'r1', cells: [{ v: 1 }, { v: 2 }] }, { name: 'r2', cells: [] }] };
    const source = '{{#each rows}}{{name}}:{{#each cells}}{{@root.title}}{{v}}@{{@index}}{{#unless @last}},{{/unless}}{{else}}-{{/each}};{{/each}}';
    expect(same(source, context)).toBe('r1:T1@0,T2@1;r2:-;');
  });

  it('else-if chains', () => {
    const source = '{{#if a}}A{{else if b}}B{{else unless c}}C{{else if (eq d 1)}}D{{else}}E{{/if}}';
    const seen = new Set<string>();
    for (const a of [false, true]) for (const b of [0, 1]) for (const c of ['', 'c']) for (const d of [1, 2]) seen.add(same(source, { a, b, c, d }));
    expect([...seen].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('eq as a block and inline, and gt, lt, not, and, or as subexpressions', () => {
    const source = [
      '{{#eq kind "x"}}is x{{else}}not x{{/eq}}',
      '{{#if (gt n 2)}}big{{else}}small{{/if}} {{#if (lt n 2)}}lt{{/if}}',
      '{{#if (and a (or b c) (not d))}}all{{/if}} {{eq kind "x"}} {{gt n 2}} {{not d}}',
    ].join('\n');
    for (const kind of ['x', 'y']) for (const n of [1, 2, 3]) for (const d of [0, 1]) same(source, { kind, n, a: true, b: false, c: 'c', d });
  });

  it('drops standalone block lines and honours ~', () => {
    const source = 'start\n  {{#if a}}\n  in {{a}}\n  {{else}}\n  out\n  {{/if}}\n{{~#each xs~}}\n  [{{this}}]\n{{~/each}}\nend {{~ a ~}}  \n done\n';
    same(source, { a: 'A', xs: [1, 2] });
    same(source, { a: '', xs: [] });
  });

  it('indents every line of an indented standalone partial but a final empty one', () => {
    const partials = { p: 'first {{name}}\n\n\tthird\n', q: '  {{> p}}\nq end\n', r: 'no newline {{name}}' };
    const context = { name: 'N', items: [{ name: 'i1' }, { name: 'i2' }] };
    expect(same('before\n    {{> p}}\nafter\n', context, partials)).toBe('before\n    first N\n    \n    \tthird\nafter\n');
    same('x {{> p}} y\n', context, partials);
    same('\t{{> q}}\n', context, partials);
    same('  {{> r}}\n{{#each items}}\n  {{> r}}\n{{/each}}\n', context, partials);
  });

  it('prints nothing for comments and null, and values as text', () => {
    const source = 'a{{! one }}b\n{{!-- two --}}\nc {{{s}}} {{n}} {{f}} [{{nothing}}] {{list}} {{this.s}} {{@root.n}}';
    expect(same(source, { s: 'q"<&>', n: 4.5, f: false, nothing: null, list: [1, 2] })).toBe('ab\nc q"<&> 4.5 false [] 1,2 q"<&> 4.5');
  });

  it('takes string, number, boolean, null and undefined literals as arguments', () => {
    const source = '{{#eq s "str"}}s{{/eq}}{{#eq n 1}}n{{/eq}}{{#eq b true}}b{{/eq}}{{#eq z null}}z{{/eq}}{{#if (eq u undefined)}}u{{/if}}{{#if (gt 2.5 n)}}g{{/if}}';
    expect(same(source, { s: 'str', n: 1, b: true, z: null, u: undefined })).toBe('snbzug');
  });
});

describe('refusals', () => {
  it('names a missing property and the path it was looked up in, with its line', () => {
    expect(() => ours('\n{{a.b.c}}')({ a: {} })).toThrow('line 2: "b" is not defined in a');
    expect(() => ours('{{missing}}')({})).toThrow('"missing" is not defined in this');
    expect(() => ours('{{@root.a.x}}')({ a: {} })).toThrow('"x" is not defined in @root.a');
    expect(() => ours('{{@index}}')({})).toThrow('"index" is not defined in @data');
  });

  it('is stricter than Handlebars: arguments must exist, and inherited or function values are refused', () => {
    expect(handlebars({})('{{#if missing}}x{{/if}}')({})).toBe('');
    expect(() => ours('{{#if missing}}x{{/if}}')({})).toThrow('"missing" is not defined in this');
    expect(() => ours('{{#each a.missing}}x{{/each}}')({ a: {} })).toThrow('"missing" is not defined in a');
    expect(() => ours('{{#if (gt a.n 1)}}x{{/if}}')({ a: {} })).toThrow('"n" is not defined in a');
    expect(() => ours('{{a.toString}}')({ a: {} })).toThrow('"toString" is not defined in a');
    expect(() => ours('{{a.f}}')({ a: { f: () => 'x' } })).toThrow('a.f is a function');
  });

  it('names the partial a missing property was looked up in', () => {
    expect(() => ours('{{> p}}', { p: '\n{{x}}' })({})).toThrow('partial p: line 2: "x" is not defined in this');
  });

  it.each([
    ['{{foo 1}}', /unknown helper "foo"/],
    ['{{if a}}', /unknown helper "if" \(if works only as a block/],
    ['{{#if (each a)}}x{{/if}}', /unknown helper "each"/],
    ['{{#with a}}x{{/with}}', /unknown block helper "with"/],
    ['{{#gt a 1}}x{{/gt}}', /unknown block helper "gt"/],
    ['{{#a.b}}x{{/a.b}}', /unknown block helper "a.b"/],
    ['{{eq}}', /would call the helper "eq"/],
    ['{{lookup}}', /would call the helper "lookup"/],
    ['{{#if a x=1}}x{{/if}}', /hash arguments/],
    ['{{#if (eq a b c=1)}}x{{/if}}', /hash arguments/],
    ['{{#each xs as |x|}}{{x}}{{/each}}', /block params/],
    ['{{#each xs}}{{../a}}{{/each}}', /parent paths \(\.\.\/a\)/],
    ['{{* deco}}', /decorators/],
    ['{{#* inline "x"}}y{{/inline}}', /decorators/],
    ['{{#> p}}fallback{{/p}}', /partial blocks/],
    ['{{> (name)}}', /dynamic partials/],
    ['{{> p a}}', /partials take no arguments/],
    ['{{> p x=1}}', /partials take no arguments/],
    ['{{> nope}}', /unknown partial "nope"/],
    ['{{"lit"}}', /a literal/],
    ['{{#if}}x{{/if}}', /#if takes 1 argument, not 0/],
    ['{{#eq a}}x{{/eq}}', /#eq takes 2 arguments, not 1/],
    ['{{#if (not a b)}}x{{/if}}', /not takes 1 arguments, not 2/],
    ['{{#if (and a)}}x{{/if}}', /and takes at least 2 arguments, not 1/],
    ['a\nb\n  {{foo 1}}', /^line 3: unknown helper "foo"/],
  ])('refuses %j when compiling', (source, message) => {
    expect(() => compileTemplate(source, new Set(['p']))).toThrow(message);
  });

  it('reports syntax errors with their line', () => {
    expect(() => compileTemplate('a\n{{#if a}}x{{/each}}', new Set())).toThrow(/if doesn't match each/);
  });
});

describe('the real templates', () => {
  const sources = readTemplateSources();
  const partials = Object.fromEntries([...sources].flatMap(([path, text]) => (partialName(path) ? [[partialName(path)!, text]] : [])));
  const compileReference = handlebars(partials);
  const reference = new Map<string, Render>();
  const referenceFor = (path: string) => reference.get(path) ?? reference.set(path, compileReference(sources.get(path)!)).get(path)!;
  const templatePaths = [...sources.keys()].filter((path) => partialName(path) === undefined);
  const covered = new Set<string>();
  const runs = Number(process.env.PROPERTY_RUNS ?? 20);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Renders a project as the generator does, keeping the context each template got. */
  function renderCapturingContexts(settings: Settings): Map<string, { context: object; text: string }> {
    const set = loadTemplates();
    const get = set.get.bind(set);
    const rendered = new Map<string, { context: object; text: string }>();
    vi.spyOn(set, 'get').mockImplementation((path) => (context) => {
      const text = get(path)(context);
      rendered.set(path, { context, text });
      return text;
    });
    const { files, readme } = renderSources(settings);
    readme(files);
    vi.restoreAllMocks();
    return rendered;
  }

  const settingsArb = fc.record(
    {
      sdk: fc.constantFrom(...SDK_RELEASES),
      phase: fc.constantFrom(...PHASES),
      paraId: fc.integer({ min: 1000, max: 4294967295 }),
      velocity: fc.integer({ min: 1, max: 3 }),
      relayParentOffset: fc.integer({ min: 0, max: 2 }),
      omniNode: fc.boolean(),
      templatePallet: fc.boolean(),
      zombienetFormat: fc.constantFrom(...ZOMBIENET_FORMATS),
      provider: fc.constantFrom(...PROVIDERS),
      relayChain: fc.constantFrom(...RELAY_CHAINS),
      tokenSymbol: fc.constantFrom('UNIT', 'ACME', 'X', 'T0K3N'),
      tokenDecimals: fc.integer({ min: 0, max: 18 }),
      collators: fc.integer({ min: 1, max: 16 }),
      validators: fc.integer({ min: 2, max: 32 }),
    },
    { requiredKeys: ['sdk', 'phase'] },
  );

  function validOrUndefined(raw: Record<string, unknown>): Settings | undefined {
    const given = { ...raw };
    if (given.phase !== 3) delete given.velocity;
    try {
      return resolveSettings(parseSettings({ name: 'engine-chain', ...given }, 'a property test')).settings;
    } catch {
      return undefined;
    }
  }

  /** Every template but the check snippets, with its generator context or the plain one. */
  function expectSameProject(settings: Settings): void {
    const rendered = renderCapturingContexts(settings);
    const plain = buildContext(settings);
    for (const path of templatePaths.filter((p) => !p.startsWith('_check/'))) {
      const { context, text } = rendered.get(path) ?? { context: plain, text: loadTemplates().get(path)(plain) };
      expect(text, path).toBe(referenceFor(path)(context));
      covered.add(path);
    }
  }

  // The corners first (fast-check then draws the rest), so every file is rendered for a project.
  type RawSettings = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never;
  const corners: RawSettings[] = [
    { phase: 1, sdk: 'stable2412', omniNode: true, templatePallet: false, zombienetFormat: 'json' },
    { phase: 3, sdk: 'stable2512', velocity: 3, zombienetFormat: 'toml', provider: 'kubernetes' },
    { phase: 3, sdk: 'stable2509', velocity: 2, omniNode: true, zombienetFormat: 'json', relayChain: 'rococo-local' },
    { phase: 2, sdk: 'stable2412', provider: 'podman', collators: 1, validators: 2, tokenDecimals: 0 },
  ];

  it('render byte for byte as Handlebars does, for generated projects over the settings space', () => {
    fc.assert(
      fc.property(settingsArb, (raw) => {
        const settings = validOrUndefined(raw);
        fc.pre(settings !== undefined);
        expectSameProject(settings!);
      }),
      { numRuns: runs, examples: corners.map((c) => [c]) },
    );
  });

  const name = fc.constantFrom('CAPACITY', 'UNINCLUDED_SEGMENT_CAPACITY', 'SLOT_DURATION', 'Runtime', 'ConsensusHook', 'MyHook');
  const snippetArb: fc.Arbitrary<SnippetContext> = fc.record({
    capacity: fc.integer({ min: 1, max: 16 }),
    velocity: fc.integer({ min: 1, max: 3 }),
    relaySlotMs: fc.constantFrom(6000, 12000),
    blockTimeMs: fc.constantFrom(2000, 6000, 12000),
    authoringMs: fc.constantFrom(500, 2000),
    allowMultipleBlocksPerSlot: fc.boolean(),
    maxCandidateDepth: fc.integer({ min: 0, max: 64 }),
    allowedAncestryLen: fc.integer({ min: 0, max: 10 }),
    lookahead: fc.integer({ min: 2, max: 10 }),
    minimumPeriod: fc.constantFrom('flagged', 'zero'),
    declareExperimental: fc.boolean(),
    zombienetFormat: fc.constantFrom('toml', 'json', 'yaml'),
    relayLayout: fc.record({ genesisUnderRuntime: fc.boolean(), topLevelLookahead: fc.boolean() }),
    keptSlotMs: fc.constantFrom(0, 6000, 12000, 24000),
    auraPallet: fc.constantFrom('pallet_aura', 'pallet_async_backing'),
    auraSlotDurationFlagged: fc.boolean(),
    lookaheadFields: fc.record({ reinitialize: fc.boolean(), maxPovPercentage: fc.boolean() }),
    auraRunHoles: fc.constantFrom(['_', '_', '_', '_', '_', '_', '_', '_'], ['_', '_', '_', '_', '_', '_', '_', '_', '_']),
    names: fc.record({ capacity: name, velocity: name, relaySlot: name, blockTime: name, slotDuration: name, consensusHook: name, runtime: name }),
  });

  it('render the check snippets byte for byte as Handlebars does', () => {
    expect(templatePaths.filter((p) => p.startsWith('_check/')).sort()).toEqual(SNIPPET_NAMES.map((n) => `_check/${n}.hbs`).sort());
    fc.assert(
      fc.property(snippetArb, (context) => {
        for (const snippet of SNIPPET_NAMES) {
          const path = `_check/${snippet}.hbs`;
          expect(loadTemplates().get(path)(context), path).toBe(referenceFor(path)(context));
          covered.add(path);
        }
      }),
      { numRuns: runs },
    );
  });

  it('covered every template', () => {
    expect([...covered].sort()).toEqual([...templatePaths].sort());
  });
});
