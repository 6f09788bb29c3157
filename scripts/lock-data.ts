// Writes release-locks/<release>.json.gz, the data the generator renders every project's
// Cargo.lock from, out of the release's reference Cargo.lock, with cargo and crates.io. Run by
// maintainers when a release profile is added or its reference changes; not part of `npm test`:
//
//   npm run build
//   npx vite-node scripts/lock-data.ts <release> <reference git dir> <commit> <owner/name>
//
// e.g. `npx vite-node scripts/lock-data.ts stable2512 ~/src/base-parachain 0ece1f07… r0gue-io/base-parachain`.
// For each dependency shape (src/render/cargo-lock.ts: node or polkadot-omni-node, template pallet
// or not) it renders a project from the source tree, puts the reference Cargo.lock in as the seed
// and runs `cargo metadata`: cargo keeps every seeded version the project reaches, adds the
// project's own crates and drops the packages it does not use. What the reference does not pin is
// then moved, with `cargo update --precise`, to the version the workspace manifest names, else the
// reference's version of that semver range, else the newest of that range published on crates.io by
// the day the reference's Cargo.lock was last changed (publish times from cargo's own index cache),
// and listed. A version the reference pins that does not build (src/profiles/crate-replacements.ts)
// is moved to its rule's replacement first, and recorded. A reference that takes the SDK crates
// from git (stable2509's) seeds the same versions from crates.io, with crates.io's checksums. Every
// registry package that the reference pins is checked to come out with the reference's version and
// checksum, the variants of a shape that turn on features (elastic scaling) are checked to lock the
// same, and the rendered lock is checked against cargo's byte for byte. Last, dist/cli.cjs (hence
// `npm run build` first) generates projects of every shape under two names with the new data, and
// `cargo metadata --locked` and `cargo tree --locked` must accept them unchanged.
//
// Helpers: scripts/lock-data/ (crates.io index cache, seed locks, the data file).
// Needs cargo (RUSTUP_TOOLCHAIN defaults to stable: the generated project pins a toolchain that
// may not be installed) and crates.io; cargo runs under `nice`.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse as parseToml } from 'smol-toml';
import { CRATES_IO, compareVersions, writeCargoLock, type LockPackage } from '../src/render/cargo-lock-format.js';
import { LOCK_DATA_DIR, LOCK_SHAPES, type LockShape } from '../src/render/cargo-lock.js';
import { CRATE_REPLACEMENTS } from '../src/profiles/crate-replacements.js';
import { PROFILES, type SdkRelease } from '../src/profiles/index.js';
import { renderSources } from '../src/render/render-project.js';
import { resolveSettings } from '../src/settings/resolve.js';
import type { PartialSettings } from '../src/settings/schema.js';
import { packageLabel, parseCargoLock, type ParsedLock } from '../test/support/cargo-lock.js';
import { indexVersions, semverRange } from './lock-data/crates-index.js';
import { buildData, type ShapeResult } from './lock-data/data-file.js';
import { gitAsRegistry, mergedSeed, onlyOne } from './lock-data/seeds.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [release, gitDir, givenCommit, repository] = process.argv.slice(2);
if (!release || !gitDir || !givenCommit || !repository || !(release in PROFILES)) {
  console.error('usage: npx vite-node scripts/lock-data.ts <release> <reference git dir> <commit> <owner/name>');
  process.exit(2);
}
const profile = PROFILES[release as keyof typeof PROFILES];
const PROBE = 'lockprobe';
const OTHER_NAMES = ['lockprobe', 'zeta-chain'];
const cargoEnv = { ...process.env, RUSTUP_TOOLCHAIN: process.env.RUSTUP_TOOLCHAIN ?? 'stable' };

const git = (...args: string[]) => execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const commit = git('rev-parse', `${givenCommit}^{commit}`).trim();
const referenceText = git('show', `${commit}:Cargo.lock`);
const lockDate = new Date(git('log', '-1', '--format=%cI', commit, '--', 'Cargo.lock').trim()).toISOString().replace(/\.000Z$/, 'Z');
const reference = parseCargoLock(referenceText);
console.log(`${release}: reference ${repository}@${commit}, Cargo.lock of ${lockDate}, ${reference.packages.length} packages`);

function cargo(dir: string, args: string[], quiet = true): void {
  const run = spawnSync('nice', ['-n', '10', 'cargo', ...args], { cwd: dir, env: cargoEnv, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'] });
  if (run.status !== 0) throw new Error(`cargo ${args.join(' ')} failed in ${dir}:\n${run.stderr.slice(-3000)}`);
}

// A project of the shape as the generator writes it, from the source tree, without its Cargo.lock
// (the data it is rendered from is what this script makes).
function generate(parent: string, name: string, shape: LockShape, extra: PartialSettings = {}): string {
  const given: PartialSettings = { name, sdk: release as SdkRelease, omniNode: shape.startsWith('omni-node'), templatePallet: shape.endsWith('+pallet'), ...extra };
  const { files } = renderSources(resolveSettings(given).settings, { cargoLock: false });
  const dir = join(parent, name);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// ---- one shape: seed, resolve, move what the reference does not pin, and check.

const referenceByLabel = new Map(reference.packages.map((p) => [packageLabel(p), p]));

// The first shape starts from the reference (as crates.io packages, when it names git sources);
// later ones also from what earlier shapes settled on, which only spares cargo the same moves:
// the rules below decide every version either way.
let baseSeed: { text: string; fromGit: Set<string> } | undefined;

function resolveShape(shape: LockShape, work: string, earlier: ShapeResult[]): ShapeResult {
  const dir = generate(work, PROBE, shape);
  const lockPath = join(dir, 'Cargo.lock');
  const yanked = new Set(earlier.flatMap((r) => [...r.yanked]));
  if (!baseSeed) {
    writeFileSync(lockPath, referenceText);
    resolveSeeded(dir, yanked);
    baseSeed = { text: referenceText, fromGit: new Set() };
    if (reference.packages.some((p) => p.source?.startsWith('git+'))) {
      const converted = gitAsRegistry(parseCargoLock(referenceText));
      baseSeed = { text: converted.seed, fromGit: converted.fromGit };
      writeFileSync(lockPath, converted.seed);
      resolveSeeded(dir, yanked);
    }
  } else {
    writeFileSync(lockPath, mergedSeed(baseSeed.text, earlier.map((r) => r.lock)));
    resolveSeeded(dir, yanked);
  }
  const fromGit = baseSeed.fromGit;
  replaceBroken(dir);
  const manifest = parseToml(readFileSync(join(dir, 'Cargo.toml'), 'utf8')) as { workspace: { dependencies: Record<string, { version?: string; package?: string }> } };
  const named = new Map(Object.entries(manifest.workspace.dependencies).filter(([, d]) => d.version).map(([key, d]) => [d.package ?? key, d.version!]));
  const notInReference = new Map<string, string>();

  for (let round = 0; ; round++) {
    if (round > 20) throw new Error(`${shape}: the packages the reference does not pin did not settle`);
    const lock = parseCargoLock(readFileSync(lockPath, 'utf8'));
    let moved = false;
    for (const p of lock.packages) {
      if (p.source !== CRATES_IO || isPinnedByReference(p, fromGit) || replacedBy(p)) continue;
      const range = semverRange(p.version);
      const candidates: [string, string][] = [];
      const manifestVersion = named.get(p.name);
      if (manifestVersion && semverRange(manifestVersion) === range) candidates.push([manifestVersion, `the version the workspace manifest names`]);
      const inReference = reference.packages.filter((r) => r.name === p.name && semverRange(r.version) === range && !isBroken(r)).map((r) => r.version).sort(compareVersions).at(-1);
      if (inReference) candidates.push([inReference, `the reference's version of ${p.name} ${range}.x`]);
      const asOf = indexVersions(p.name)
        .filter((v) => !v.yanked && !v.vers.includes('-') && semverRange(v.vers) === range && (v.pubtime ?? '') <= lockDate && !isBroken({ name: p.name, version: v.vers }))
        .map((v) => v.vers)
        .sort(compareVersions)
        .at(-1);
      if (asOf) candidates.push([asOf, `the newest ${p.name} ${range}.x on crates.io on ${lockDate}`]);
      // The first candidate cargo accepts; a move re-reads the lock in the next round.
      let chosen: string | undefined;
      let movedThis = false;
      const refused: string[] = [];
      for (const [version, why] of candidates) {
        if (version === p.version) {
          chosen = refused.length > 0 ? `${why} (cargo refused ${refused.join(', ')}: another requirement rules it out)` : why;
          break;
        }
        try {
          cargo(dir, ['update', '-p', `${p.name}@${p.version}`, '--precise', version]);
          movedThis = true;
          break;
        } catch {
          // cargo refused this version (another requirement rules it out, or an earlier move
          // this round already replaced the package): try the next.
          refused.push(version);
        }
      }
      if (movedThis) {
        moved = true;
        continue;
      }
      const published = indexVersions(p.name).find((v) => v.vers === p.version)?.pubtime ?? 'unknown';
      const fallback = yanked.has(packageLabel(p))
        ? `yanked on crates.io after its release (published ${published}); the SDK's crates accept no other version, and cargo takes a yanked one from a lock`
        : `what cargo resolves: no ${p.name} ${range}.x that fits was on crates.io on ${lockDate} (this one: ${published})`;
      notInReference.set(packageLabel(p), chosen ?? fallback);
    }
    if (!moved) break;
    notInReference.clear();
    cargo(dir, ['metadata', '--format-version', '1']);
  }

  restoreReferenceEdges(dir);
  const text = readFileSync(lockPath, 'utf8');
  const lock = parseCargoLock(text);
  for (const p of lock.packages) {
    if (p.source === undefined) continue;
    if (p.source !== CRATES_IO) throw new Error(`${shape}: ${packageLabel(p)} comes from ${p.source}, not crates.io`);
    const pinned = referenceByLabel.get(packageLabel(p));
    if (pinned?.source === CRATES_IO && pinned.checksum !== p.checksum) throw new Error(`${shape}: ${packageLabel(p)} has another checksum than the reference's`);
    if (isBroken(p)) throw new Error(`${shape}: ${packageLabel(p)} is still locked, though it does not build`);
  }
  const replaced = new Map(lock.packages.flatMap((p) => {
    const rule = replacedBy(p);
    return rule ? [[packageLabel(p), rule.broken] as const] : [];
  }));
  if (writeCargoLock(lock.packages, lock.version) !== text) throw new Error(`${shape}: src/render/cargo-lock-format.ts does not write this lock as cargo does`);
  return { lock, text, notInReference, fromGit, yanked, replaced };
}

// Versions that do not build (src/profiles/crate-replacements.ts), moved to their replacement
// with cargo, which also settles what the replacement depends on. A shape seeded from an earlier
// one already has the replacement; the rounds below never move it back (isBroken, replacedBy).
function replaceBroken(dir: string): void {
  const lock = parseCargoLock(readFileSync(join(dir, 'Cargo.lock'), 'utf8'));
  for (const rule of CRATE_REPLACEMENTS) {
    if (lock.packages.some((p) => p.source === CRATES_IO && p.name === rule.name && p.version === rule.broken)) cargo(dir, ['update', '-p', `${rule.name}@${rule.broken}`, '--precise', rule.replacement]);
  }
}

const isBroken = (p: { name: string; version: string }) => CRATE_REPLACEMENTS.some((r) => r.name === p.name && r.broken === p.version);

/** The rule this package is the replacement of, where the reference pins the version it replaces. */
const replacedBy = (p: LockPackage) =>
  p.source === CRATES_IO ? CRATE_REPLACEMENTS.find((r) => r.name === p.name && r.replacement === p.version && referenceByLabel.has(packageLabel({ name: r.name, version: r.broken }))) : undefined;

// `cargo metadata` over a seed, adding to it what the project needs that crates.io has yanked
// since the release: cargo takes a yanked version only from a lock (stable2506's umbrella crate
// requires pallet-election-provider-multi-block 0.2, whose only version is yanked). The version
// taken is the newest of those cargo names that was published by the reference lock's day.
function resolveSeeded(dir: string, yanked: Set<string>): void {
  for (let attempt = 0; ; attempt++) {
    try {
      cargo(dir, ['metadata', '--format-version', '1']);
      return;
    } catch (error) {
      const message = (error as Error).message;
      const need = /failed to select a version for the requirement `(\S+) = "[^"]*"`\n((?:\s*version \S+ is yanked\n)+)/.exec(message);
      if (!need || attempt > 20) throw error;
      const name = need[1]!;
      const listed = [...need[2]!.matchAll(/version (\S+) is yanked/g)].map((m) => m[1]!);
      const published = indexVersions(name).filter((v) => listed.includes(v.vers));
      const pick = (published.filter((v) => (v.pubtime ?? '') <= lockDate).sort((a, b) => compareVersions(a.vers, b.vers)).at(-1) ?? published.at(-1))!;
      const lock = parseCargoLock(readFileSync(join(dir, 'Cargo.lock'), 'utf8'));
      lock.packages.push({ name, version: pick.vers, source: CRATES_IO, checksum: pick.cksum, dependencies: [] });
      writeFileSync(join(dir, 'Cargo.lock'), writeCargoLock(lock.packages, lock.version));
      yanked.add(`${name} ${pick.vers}`);
    }
  }
}

// `cargo update --precise` can re-choose, for a package whose requirement several locked
// versions meet (bindgen's itertools: 0.12 or 0.13), another version than the reference's. Where
// the reference chose between versions this lock also has, its choice is put back, and cargo
// checks it.
function restoreReferenceEdges(dir: string): void {
  const lockPath = join(dir, 'Cargo.lock');
  const lock = parseCargoLock(readFileSync(lockPath, 'utf8'));
  const byLabel = new Map(lock.packages.filter((p) => p.source !== undefined).map((p) => [packageLabel(p), p]));
  for (const p of lock.packages) {
    const pinned = referenceByLabel.get(packageLabel(p));
    if (p.source === undefined || pinned === undefined) continue;
    p.dependencies = p.dependencies.map((d) => {
      const chosen = onlyOne(pinned.dependencies, d.name);
      return chosen && onlyOne(p.dependencies, d.name) && byLabel.has(packageLabel(chosen)) ? byLabel.get(packageLabel(chosen))! : d;
    });
  }
  writeFileSync(lockPath, writeCargoLock(lock.packages, lock.version));
  cargo(dir, ['metadata', '--format-version', '1']);
}

/** Packages whose edge to a name goes to another version than the reference's, which the lock also has. */
function edgesUnlikeReference(lock: ParsedLock): string[] {
  const labels = new Set(lock.packages.map(packageLabel));
  const unlike: string[] = [];
  for (const p of lock.packages) {
    const pinned = referenceByLabel.get(packageLabel(p));
    if (p.source === undefined || pinned === undefined) continue;
    for (const d of p.dependencies) {
      const chosen = onlyOne(pinned.dependencies, d.name);
      if (chosen && onlyOne(p.dependencies, d.name) && chosen.version !== d.version && labels.has(packageLabel(chosen))) unlike.push(`${packageLabel(p)} → ${packageLabel(d)}`);
    }
  }
  return unlike;
}

function isPinnedByReference(p: LockPackage, fromGit: Set<string>): boolean {
  const pinned = referenceByLabel.get(packageLabel(p));
  return (pinned !== undefined && pinned.source === CRATES_IO) || fromGit.has(packageLabel(p));
}

// Settings that turn features on must not change the lock (cargo locks every feature's optional
// dependencies of the workspace's crates, but a dependency's feature can add to the graph).
function checkFeatureVariants(shape: LockShape, text: string, work: string): void {
  if (!profile.caps.elasticScaling) return;
  const dir = generate(work, PROBE, shape, { phase: 3, velocity: 3 });
  writeFileSync(join(dir, 'Cargo.lock'), text);
  cargo(dir, ['metadata', '--format-version', '1']);
  if (readFileSync(join(dir, 'Cargo.lock'), 'utf8') !== text) throw new Error(`${shape}: velocity 3 locks another graph; it needs a shape of its own`);
}

// ---- the data file.
// ---- proof: projects under other names, with the lock the generator writes, as cargo reads them.
function proveLocked(work: string): void {
  for (const shape of LOCK_SHAPES) {
    for (const name of OTHER_NAMES) {
      const dir = join(work, name);
      const flags = [`--omni-node=${shape.startsWith('omni-node')}`, `--template-pallet=${shape.endsWith('+pallet')}`];
      execFileSync('node', [join(root, 'dist/cli.cjs'), dir, '--yes', '--sdk', release!, ...flags], { stdio: 'ignore' });
      const before = readFileSync(join(dir, 'Cargo.lock'), 'utf8');
      cargo(dir, ['metadata', '--locked', '--format-version', '1']);
      cargo(dir, ['tree', '--locked', '-e', 'normal,build,dev']);
      if (readFileSync(join(dir, 'Cargo.lock'), 'utf8') !== before) throw new Error(`${shape} ${name}: cargo changed the generated lock`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`  ${shape}: cargo metadata --locked and cargo tree --locked accept the generated lock under ${OTHER_NAMES.join(', ')}`);
  }
}

const work = mkdtempSync(join(tmpdir(), `lock-data-${release}-`));
try {
  const results = new Map<LockShape, ShapeResult>();
  for (const shape of LOCK_SHAPES) {
    const result = resolveShape(shape, work, [...results.values()]);
    rmSync(join(work, PROBE), { recursive: true, force: true });
    checkFeatureVariants(shape, result.text, work);
    rmSync(join(work, PROBE), { recursive: true, force: true });
    results.set(shape, result);
    const registry = result.lock.packages.filter((p) => p.source !== undefined).length;
    console.log(`  ${shape}: ${result.lock.packages.length} packages (${registry} from crates.io), ${result.fromGit.size ? `${[...result.fromGit].filter((l) => result.lock.packages.some((p) => packageLabel(p) === l)).length} from git in the reference, ` : ''}${result.notInReference.size} not in the reference`);
    for (const [label, why] of result.notInReference) console.log(`    ${label}: ${why}`);
    for (const [label, broken] of result.replaced) console.log(`    ${label}: replaces the reference's ${broken}, which does not build`);
    const unlike = edgesUnlikeReference(result.lock);
    console.log(`    dependency edges to another version than the reference's: ${unlike.length ? unlike.join('; ') : 'none'}`);
  }
  const data = buildData(results, { release: release!, probe: PROBE, reference: { repository: repository!, commit, lockDate } });
  const out = join(root, LOCK_DATA_DIR, `${release}.json.gz`);
  writeFileSync(out, gzipSync(JSON.stringify(data), { level: 9 }));
  console.log(`  wrote ${out}: ${data.packages.length} packages, ${data.dependencyLists.length} dependency lists, ${readFileSync(out).length} bytes`);
  proveLocked(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
