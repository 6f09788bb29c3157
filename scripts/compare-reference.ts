// Compares a generated runtime (or node) with a reference tree, by their parse trees. Prints what
// the reference has that the generated code lacks, and the other way round. Not part of
// `npm test` (the reference trees are not in the repository):
//
//   npx vite-node scripts/compare-reference.ts <reference>/runtime/src <generated>/runtime/src
//   npx vite-node scripts/compare-reference.ts --node <reference node src> <generated>/node/src
//   npx vite-node scripts/compare-reference.ts --facts <runtime src> <node src> <Cargo.lock> <source>
//
// A runtime: the pallets, each trait impl's associated types, the runtime APIs with their
// functions' signatures, the transaction extensions. A node: the fields of every struct literal
// both set (`BuildNetworkParams`, `AuraParams`, ...), the functions the reference calls that the
// generated node does not, and the Aura collator modules. Exit 0 when the generated code covers
// the reference, 1 when something is missing.

import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { NODE_STRUCTS, readNodeShape } from '../test/support/node-shape.js';
import { normalisePath, readRuntimeShape, type RuntimeShape } from '../test/support/runtime-shape.js';

let missing = 0;

/** Config items whose reference value the coverage assertions compare (the guide's, and the release facts'). */
const VALUE_ITEMS: Record<string, string[]> = {
  'cumulus_pallet_parachain_system::Config for Runtime': ['CheckAssociatedRelayNumber', 'ConsensusHook', 'RelayParentOffset', 'SelectCore'],
  'pallet_aura::Config for Runtime': ['AllowMultipleBlocksPerSlot', 'SlotDuration'],
  'pallet_timestamp::Config for Runtime': ['MinimumPeriod'],
  'pallet_session::Config for Runtime': ['Currency', 'KeyDeposit', 'DisablingStrategy'],
};

/** Registry crates a generated workspace names, whose locked versions the profiles must match. */
const LOCKED_CRATES = [
  'polkadot-sdk', 'polkadot-sdk-frame', 'cumulus-pallet-parachain-system', 'substrate-wasm-builder', 'parity-scale-codec',
  'scale-info', 'serde', 'serde_json', 'log', 'smallvec', 'hex-literal', 'docify', 'clap', 'color-print', 'futures',
  'jsonrpsee', 'substrate-prometheus-endpoint', 'sc-tracing',
];

async function facts(runtimeDir: string, nodeDir: string, lockFile: string, source: string) {
  const lock = parseToml(readFileSync(lockFile, 'utf8')) as { package: { name: string; version: string }[] };
  const runtime = await readRuntimeShape(runtimeDir);
  const node = await readNodeShape(nodeDir);
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  const configs = [...runtime.impls].filter(([key]) => /::Config for /.test(key) && !/template/.test(key));
  return {
    source,
    pallets: runtime.pallets.filter((p) => !/template/.test(p.pallet)).map((p) => `${p.index} ${p.name} = ${p.pallet}`),
    configs: Object.fromEntries(configs.sort(([a], [b]) => a.localeCompare(b)).map(([key, impl]) => [key, sorted(impl.items.keys())])),
    values: Object.fromEntries(
      Object.entries(VALUE_ITEMS).map(([key, items]) => [
        key,
        Object.fromEntries(items.filter((i) => runtime.impls.get(key)?.values.has(i)).map((i) => [i, runtime.impls.get(key)!.values.get(i)!])),
      ]),
    ),
    apis: Object.fromEntries([...runtime.apis].map(([api, fns]) => [normalisePath(api).split('::').pop()!, sorted([...fns].map(([n, sig]) => `${n}${sig}`))])),
    txExtensions: runtime.txExtensions,
    locked: Object.fromEntries(LOCKED_CRATES.map((name) => [name, lock.package.filter((p) => p.name === name).map((p) => p.version)])),
    node: {
      collators: sorted(node.collators),
      structs: Object.fromEntries(NODE_STRUCTS.filter((n) => node.structs.has(n)).map((n) => [n, sorted(node.structs.get(n)!)])),
    },
  };
}

async function compareNodes(referenceDir: string, generatedDir: string): Promise<void> {
  const ref = await readNodeShape(referenceDir);
  const ours = await readNodeShape(generatedDir);
  report('Aura collators', diff(ref.collators, ours.collators), diff(ours.collators, ref.collators));
  for (const [name, fields] of ref.structs) {
    const mine = ours.structs.get(name);
    if (mine) report(`${name} { .. }`, diff(fields, mine), diff(mine, fields));
  }
  const onlyThere = [...ref.structs.keys()].filter((n) => !ours.structs.has(n)).sort();
  if (onlyThere.length) process.stdout.write(`struct literals only in the reference (review): ${onlyThere.join(', ')}\n`);
  const calls = diff(ref.calls, ours.calls);
  if (calls.length) process.stdout.write(`calls only in the reference (review): ${calls.join(', ')}\n`);
}

async function compareRuntimes(referenceDir: string, generatedDir: string): Promise<void> {
  const ref = await readRuntimeShape(referenceDir);
  const ours = await readRuntimeShape(generatedDir);

  // A template pallet is the reference's example, not a part of the runtime to match.
  const isTemplate = (pallet: string) => /template/.test(pallet);
  const pallets = (s: RuntimeShape) =>
    s.pallets.filter((p) => !isTemplate(p.pallet)).map((p) => `${p.index ?? '?'} ${p.name} = ${p.pallet}`);
  report('pallets (index name = crate)', diff(pallets(ref), pallets(ours)), diff(pallets(ours), pallets(ref)));

  const apiName = (a: string) => normalisePath(a).split('::').pop()!;
  const apiNames = (s: RuntimeShape) => [...s.apis.keys()].map(apiName);
  report('runtime APIs', diff(apiNames(ref), apiNames(ours)), diff(apiNames(ours), apiNames(ref)));
  const oursByName = new Map([...ours.apis].map(([k, v]) => [apiName(k), v]));
  for (const [api, fns] of ref.apis) {
    const mine = oursByName.get(apiName(api));
    if (!mine) continue;
    const show = (m: Map<string, string>) => [...m].map(([name, sig]) => `${name}${sig}`);
    report(`${apiName(api)} (functions)`, diff(show(fns), show(mine)), diff(show(mine), show(fns)));
  }

  report('transaction extensions', diff(ref.txExtensions, ours.txExtensions), diff(ours.txExtensions, ref.txExtensions));

  const implKeys = (s: RuntimeShape) => [...s.impls.keys()].filter((k) => !isTemplate(k));
  report('trait impls', diff(implKeys(ref), implKeys(ours)), diff(implKeys(ours), implKeys(ref)));
  for (const key of implKeys(ref)) {
    const theirs = ref.impls.get(key)!;
    const mine = ours.impls.get(key);
    if (!mine) continue;
    const show = (impl: typeof theirs) =>
      [...impl.items].map(([name, cfgs]) => (cfgs.length ? `${name} #[cfg(${cfgs.join(', ')})]` : name));
    report(`${key} (items)`, diff(show(theirs), show(mine)), diff(show(mine), show(theirs)));
    const values: string[] = [];
    for (const [name, value] of theirs.values) {
      const other = mine.values.get(name);
      if (other !== undefined && other !== value) values.push(`${name}: reference ${value} | ours ${other}`);
    }
    if (values.length > 0) process.stdout.write(`${key} (values that differ)\n${values.map((v) => `  ${v}\n`).join('')}`);
  }
}

function report(title: string, lacking: string[], extra: string[]): void {
  if (lacking.length === 0 && extra.length === 0) return;
  process.stdout.write(`${title}\n`);
  for (const x of lacking) process.stdout.write(`  missing: ${x}\n`);
  for (const x of extra) process.stdout.write(`  extra:   ${x}\n`);
  missing += lacking.length;
}

function diff(a: Iterable<string>, b: Iterable<string>): string[] {
  const bs = new Set(b);
  return [...a].filter((x) => !bs.has(x)).sort();
}

const args = process.argv.slice(2);
if (args[0] === '--facts') {
  process.stdout.write(`${JSON.stringify(await facts(args[1]!, args[2]!, args[3]!, args[4]!), null, 2)}\n`);
  process.exit(0);
}
const node = args[0] === '--node';
const [reference, generated] = node ? args.slice(1) : args;
if (!reference || !generated) {
  process.stderr.write('usage: compare-reference.ts [--node] <reference src> <generated src>\n');
  process.exit(2);
}
if (node) await compareNodes(reference, generated);
else await compareRuntimes(reference, generated);
process.stdout.write(missing === 0 ? 'The generated code covers the reference.\n' : `${missing} reference item(s) missing.\n`);
process.exit(missing === 0 ? 0 : 1);
