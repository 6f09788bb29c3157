// `--help` text: usage line, description, arguments, options and commands in two columns,
// wrapped to the terminal (80 columns when there is none).

import { stdout } from './output.js';
import { optionsOf, termOf, type ArgumentSpec, type CommandSpec } from './args.js';

export function formatHelp(root: CommandSpec, path: readonly string[], command: CommandSpec, width = stdout.columns || 80): string {
  const rows = (title: string, items: [string, string][]) => (items.length > 0 ? { title, items } : undefined);
  const sections = [
    rows('Arguments:', command.arguments.map((a) => [a.name, a.describe])),
    rows('Options:', optionsOf(command).map((o) => [termOf(o), o.describe])),
    rows('Commands:', (command.commands ?? []).map((c) => [`${c.name} [options] ${argumentsText(c.arguments)}`.trim(), c.description])),
    rows('Exit codes:', (command.exitCodes ?? []).map(([code, meaning]) => [String(code), meaning])),
  ].filter((s) => s !== undefined);
  const name = [root.name, ...path].join(' ');
  const commands = command.commands?.length ? ' [command]' : '';
  const out = [`Usage: ${name} [options]${commands} ${argumentsText(command.arguments)}`.trimEnd(), '', wrap(command.description, width, 0), ''];
  for (const section of sections) {
    out.push(section.title);
    const termWidth = Math.max(...section.items.map(([term]) => term.length));
    for (const [term, describe] of section.items) {
      const indent = 2 + termWidth + 2;
      const text = wrap(describe, width, indent);
      out.push(`  ${term.padEnd(termWidth)}  ${text.slice(indent)}`);
    }
    out.push('');
  }
  if (command.examples?.length) {
    out.push('Examples:');
    for (const [line, what] of command.examples) out.push(`  ${wrap(`# ${what}`, width, 2).trimStart()}`, `  ${line}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function argumentsText(args: readonly ArgumentSpec[]): string {
  return args.map((a) => (a.required ? `<${a.name}${a.variadic ? '...' : ''}>` : `[${a.name}${a.variadic ? '...' : ''}]`)).join(' ');
}

/** Words wrapped to `width`, every line indented by `indent` spaces (the first one too). */
function wrap(text: string, width: number, indent: number): string {
  const room = Math.max(40, width - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}
