// The first error of a cargo run, as one line for bench/COMPILE.md: the first `error…:` line of
// rustc or cargo with the `-->` location under it, else a failed test, else the last line.

export function firstError(output) {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => /^error(\[E\d+\])?:/.test(l) && !/^error: could not compile/.test(l));
  if (at >= 0) {
    const location = lines.slice(at + 1, at + 4).find((l) => /^\s*--> /.test(l));
    return clean(`${lines[at]}${location ? ` (${location.trim().slice(4)})` : ''}`);
  }
  const panic = lines.find((l) => /panicked at|^test .* FAILED$/.test(l));
  if (panic) return clean(panic);
  const last = lines.map((l) => l.trim()).filter(Boolean).pop();
  return clean(last ?? 'failed without output');
}

const clean = (s) => s.replace(/\|/g, '\\|').slice(0, 300);
