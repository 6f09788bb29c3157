// Evidence for the steps' verdicts: file:line of a fact, its span for upgrade, how a constant is
// described in a message, and the verdict constructors every step uses.

import { show, where } from '../analysis/evaluate.js';
import type { Found } from '../analysis/runtime-facts.js';
import { lineOfLoc, type Item, type Loc } from '../analysis/scope.js';
import type { Node } from '../rust/parser.js';
import type { FactFinding, Finding, Span } from './findings.js';
import { renderSnippet, type SnippetContext } from './snippets.js';
import { guideStep, type StepId, type StepStatus } from './steps.js';

/** Where a verdict points: a file and line, or nothing known. */
export interface Evidence {
  file: string | null;
  line: number | null;
}

export const NOWHERE: Evidence = { file: null, line: null };

export function at(loc: Loc | undefined): Evidence {
  return loc ? { file: loc.file.rel, line: lineOfLoc(loc) } : NOWHERE;
}

export function atItem(item: Item | undefined): Evidence {
  return item ? at(item.loc) : NOWHERE;
}

/** A node in the same file (and macro body) as `loc`. */
export function atNode(loc: Loc, node: Node): Evidence {
  return at({ ...loc, node });
}

/** The span of a node in its file's original text (a macro body's node mapped back). */
export function spanOf(loc: Loc | undefined): Span | null {
  if (!loc) return null;
  const { node, body } = loc;
  const start = body ? body.toOriginal(node.startIndex) : node.startIndex;
  const end = body ? Math.max(start, body.toOriginal(node.endIndex)) : node.endIndex;
  return { file: loc.file.rel, line: lineOfLoc(loc), start, end };
}

export function spanOfNode(loc: Loc, node: Node | null | undefined): Span | null {
  return node ? spanOf({ ...loc, node }) : null;
}

/** The source text of a located node, as written (macro bodies read from the file). */
export function textOf(loc: Loc | undefined): string | null {
  if (!loc) return null;
  return loc.file.parsed ? loc.file.parsed.nodeText(loc.node, loc.body) : loc.node.text;
}

export function num(v: bigint | undefined): string {
  return v === undefined ? '?' : v.toString();
}

/** `NAME = value (file:line)` for a constant found. */
export function describeConst(found: Found, fallbackName: string): string {
  const name = found.item?.name ?? fallbackName;
  const value = show(found.value);
  return found.item ? `${name} = ${value} (${where(found.item)})` : `${name} = ${value}`;
}

export function constName(found: Found, fallback: string): string {
  return found.item?.name ?? fallback;
}

/** Where a constant is defined, else where it is used. */
export function constLoc(found: Found): Loc | undefined {
  return found.item?.loc ?? found.loc;
}

/**
 * Builds one step's findings: the evidence `fallback` stands for a failure with no place of its
 * own (the crate's root file or manifest), and the fix is the step's snippet rendered with the
 * project's values, plus any the failure overrides.
 */
export class Verdicts {
  constructor(
    private readonly snippets: SnippetContext,
    private readonly fallback: Evidence,
  ) {}

  pass(id: StepId, e: Evidence, message: string, facts: FactFinding[] = []): Finding {
    return this.make(id, 'pass', e, message, null, facts);
  }

  fail(id: StepId, e: Evidence, message: string, facts: FactFinding[] = [], overrides: Partial<SnippetContext> = {}): Finding {
    const step = guideStep(id)!;
    const fix = renderSnippet(step.snippet, { ...this.snippets, ...overrides });
    return this.make(id, 'fail', e.file ? e : this.fallback, message, fix, facts);
  }

  unknown(id: StepId, e: Evidence, message: string, facts: FactFinding[] = []): Finding {
    return this.make(id, 'unknown', e.file ? e : this.fallback, message, null, facts);
  }

  notApplicable(id: StepId, e: Evidence, message: string): Finding {
    return this.make(id, 'n/a', e, message, null, []);
  }

  private make(id: StepId, status: StepStatus, e: Evidence, message: string, fix: string | null, facts: FactFinding[]): Finding {
    return { id, status, file: e.file, line: e.line, message, fix, facts };
  }
}
