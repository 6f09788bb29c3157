// Bundles the CLI and all its dependencies into dist/cli.js, so the published package has no
// runtime dependencies and `npx` starts without resolving a module graph.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(root, 'src/cli.ts')],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { __TOOL_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);" },
  logLevel: 'warning',
});

// Parser files for `check`, loaded only by that command.
const require = createRequire(import.meta.url);
const wasmFiles = [
  join(dirname(require.resolve('tree-sitter-rust/package.json')), 'tree-sitter-rust.wasm'),
  join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
];
for (const file of wasmFiles) copyFileSync(file, join(dist, file.split('/').pop()));
