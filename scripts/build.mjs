// Bundles the CLI and all its dependencies into dist/, so the published package has no runtime
// dependencies and `npx` starts without resolving a module graph.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Every template under templates/ (partials and check snippets included), compiled to its program
// by src/render/template-program.ts (the compiler the source tree runs) and stored as JSON text,
// replaces src/render/precompiled.ts in the bundle: the bundle parses a template's JSON on first
// use, far cheaper for V8 than compiling generated code, and carries neither the compiler nor
// Handlebars. Keys are template paths, as src/render/templates.ts reads them.
const require = createRequire(import.meta.url);
// The compiler is TypeScript: esbuild bundles it (Handlebars included) into one ES module, which is
// imported from memory.
async function loadTemplateCompiler() {
  const { outputFiles } = await build({
    entryPoints: [join(root, 'src/render/template-program.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`);
}
async function compilePrecompiledModule() {
  const { compileTemplate, partialName } = await loadTemplateCompiler();
  const templates = join(root, 'templates');
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const files = walk(templates)
    .map((file) => [relative(templates, file).split(sep).join('/'), file])
    .filter(([key]) => key.endsWith('.hbs'));
  const partials = new Set(files.map(([key]) => partialName(key)).filter((name) => name !== undefined));
  const entries = files.map(([key, file]) => {
    let program;
    try {
      program = compileTemplate(readFileSync(file, 'utf8'), partials);
    } catch (error) {
      throw new Error(`template ${key}: ${error.message}`);
    }
    return `${JSON.stringify(key)}:${JSON.stringify(JSON.stringify(program))}`;
  });
  return `export const PRECOMPILED = {${entries.join(',')}};\nexport const COMPILER = undefined;`;
}
// Compiled once for all the bundles that include src/render/precompiled.ts.
let precompiledModule;
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled\.ts$/ }, async () => ({
      contents: await (precompiledModule ??= compilePrecompiledModule()),
      loader: 'js',
    }));
  },
};

// Three CommonJS bundles, each loaded only by the commands that need it: dist/cli.cjs (argument
// parsing, new project, regen), dist/wizard.cjs (the prompts) and dist/repository.cjs (`check`
// and `upgrade`: the audit, its Rust parser, the edits and their atomic write). CommonJS because
// Node starts a CommonJS file several milliseconds sooner than an ES module graph; the few
// modules the bundles share are simply in each.
const LAZY_BUNDLES = {
  [join(root, 'src/cli/wizard.ts')]: './wizard.cjs',
  [join(root, 'src/cli/run-check.ts')]: './repository.cjs',
  [join(root, 'src/cli/run-upgrade.ts')]: './repository.cjs',
};
const lazyBundles = {
  name: 'lazy-bundles',
  setup(b) {
    b.onResolve({ filter: /(wizard|check|upgrade)\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = join(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return LAZY_BUNDLES[target] ? { path: LAZY_BUNDLES[target], external: true } : undefined;
    });
  },
};
const bundle = (name, entry, extra = {}) =>
  build({
    entryPoints: { [name]: join(root, entry) },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    // Stack traces under --verbose map back to src/ (bin/ turns source maps on only then); the
    // maps hold positions and names, not the sources, to keep the package small.
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    define: { __TOOL_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [precompiledTemplates, lazyBundles],
    logLevel: 'warning',
    ...extra,
  });
await Promise.all([
  // In cli.cjs, import() of another bundle becomes require(): no ES module loader at start-up.
  // (Not in repository.cjs: web-tree-sitter's own `await import('module')` must stay an import.)
  bundle('cli', 'src/cli.ts', { supported: { 'dynamic-import': false } }),
  bundle('wizard', 'src/cli/wizard.ts'),
  bundle('repository', 'src/cli/repository-commands.ts'),
]);

// Parser files for `check`, loaded only by that command.
const wasmFiles = [
  join(dirname(require.resolve('tree-sitter-rust/package.json')), 'tree-sitter-rust.wasm'),
  join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
];
for (const file of wasmFiles) copyFileSync(file, join(dist, file.split('/').pop()));
