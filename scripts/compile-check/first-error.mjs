// The first error of a cargo run, as one line for bench/COMPILE.md: the first `error…:` line of
// rustc or cargo with the `-->` location under it (for a failed build script, with the first
// error it printed), else a failed test, else the last line.

export function firstError(output) {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => /^error(\[E\d+\])?:/.test(l) && !/^error: could not compile/.test(l));
  if (at >= 0) {
    const location = lines.slice(at + 1, at + 4).find((l) => /^\s*--> /.test(l));
    return clean(`${lines[at]}${location ? ` (${location.trim().slice(4)})` : ''}${/custom build command/.test(lines[at]) ? buildScriptError(lines.slice(at + 1)) : ''}`);
  }
  const panic = lines.find((l) => /panicked at|^test .* FAILED$/.test(l));
  if (panic) return clean(panic);
  const last = lines.map((l) => l.trim()).filter(Boolean).pop();
  return clean(last ?? 'failed without output');
}

/** The first error line a failed build script wrote to its stderr, which cargo prints under `--- stderr`. */
function buildScriptError(after) {
  const stderr = after.findIndex((l) => /^\s*--- stderr$/.test(l));
  if (stderr < 0) return '';
  const line = after.slice(stderr + 1).find((l) => /^\s*(error|Error)(\[E\d+\])?:/.test(l));
  return line ? `: ${line.trim()}` : '';
}

const clean = (s) => s.replace(/\|/g, '\\|').slice(0, 300);
