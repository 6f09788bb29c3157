// Cargo's version requirements (`1.2`, `^0.3.1`, `~1.4`, `=2.0.0`, `>=1, <3`, `0.*`), as the
// lock checker needs them: does a locked version satisfy a manifest's requirement?

type Triple = [number, number, number];

interface Parsed {
  core: Triple;
  pre: string;
}

function parseVersion(version: string): Parsed {
  const noBuild = version.split('+')[0]!;
  const dash = noBuild.indexOf('-');
  const core = (dash < 0 ? noBuild : noBuild.slice(0, dash)).split('.').map(Number);
  if (core.length !== 3 || core.some((n) => !Number.isInteger(n))) throw new Error(`not a version: ${JSON.stringify(version)}`);
  return { core: core as Triple, pre: dash < 0 ? '' : noBuild.slice(dash + 1) };
}

function compareCore(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return Math.sign(a[i]! - b[i]!);
  return 0;
}

// Pre-release identifiers compare as semver orders them (numbers below text, numerically).
function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = /^\d+$/.test(x[i]!);
    const ny = /^\d+$/.test(y[i]!);
    if (nx && ny) return Math.sign(Number(x[i]) - Number(y[i]));
    if (nx !== ny) return nx ? -1 : 1;
    return x[i]! < y[i]! ? -1 : 1;
  }
  return Math.sign(x.length - y.length);
}

function compare(a: Parsed, b: Parsed): number {
  return compareCore(a.core, b.core) || comparePre(a.pre, b.pre);
}

/** One comparator as the range [lower, upper) it allows, and the pre-release it names (if any). */
interface Comparator {
  test: (v: Parsed) => boolean;
  /** A pre-release version matches only a comparator that names a pre-release of the same x.y.z. */
  pre: Parsed | null;
}

function comparator(text: string): Comparator {
  const match = /^(\^|~|=|>=|<=|>|<)?\s*(\d+|\*)(?:\.(\d+|\*))?(?:\.(\d+|\*))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) throw new Error(`not a version requirement: ${JSON.stringify(text)}`);
  const [, op = '^', majorText, minorText, patchText, pre = ''] = match;
  const wild = (t: string | undefined) => t === undefined || t === '*';
  if (majorText === '*') return { test: () => true, pre: null };
  const major = Number(majorText);
  const minor = wild(minorText) ? null : Number(minorText);
  const patch = wild(patchText) ? null : Number(patchText);
  const lower: Parsed = { core: [major, minor ?? 0, patch ?? 0], pre };
  const at = (core: Triple): Parsed => ({ core, pre: '0' });
  // The first version past the range, as a pre-release 0 so that `< 2.0.0-0` excludes 2.0.0's pre-releases.
  let upper: Parsed | null;
  const partial = minor === null ? at([major + 1, 0, 0]) : patch === null ? at([major, minor + 1, 0]) : null;
  switch (op) {
    case '^':
      upper = major > 0 || minor === null ? at([major + 1, 0, 0]) : minor > 0 || patch === null ? at([0, minor + 1, 0]) : at([0, 0, patch + 1]);
      break;
    case '~':
      upper = minor === null ? at([major + 1, 0, 0]) : at([major, minor + 1, 0]);
      break;
    case '=':
      upper = partial;
      if (upper === null) return { test: (v) => compare(v, lower) === 0, pre: pre ? lower : null };
      break;
    case '>=':
      return { test: (v) => compare(v, lower) >= 0, pre: pre ? lower : null };
    case '>':
      return { test: (v) => (partial ? compare(v, partial) >= 0 : compare(v, lower) > 0), pre: pre ? lower : null };
    case '<':
      return { test: (v) => compare(v, { core: lower.core, pre: pre || '0' }) < 0, pre: pre ? lower : null };
    default: // '<='
      return { test: (v) => (partial ? compare(v, partial) < 0 : compare(v, lower) <= 0), pre: pre ? lower : null };
  }
  return { test: (v) => compare(v, lower) >= 0 && compare(v, upper!) < 0, pre: pre ? lower : null };
}

/** Whether `version` satisfies the requirement `req` as cargo reads it. */
export function satisfies(version: string, req: string): boolean {
  const v = parseVersion(version);
  const comparators = req.split(',').map(comparator);
  if (!comparators.every((c) => c.test(v))) return false;
  return v.pre === '' || comparators.some((c) => c.pre !== null && compareCore(c.pre.core, v.core) === 0);
}
