// The guide's "Timing by Block Number": for each duration a runtime counts in its own blocks, how
// long it lasts at today's block time and what a shorter block time (the one phase 3 gives, or half
// of today's) does to it.

import type { TimingFinding } from '../analysis/timing-facts.js';

export interface TimingEntry {
  kind: TimingFinding['kind'];
  name: string;
  file: string;
  line: number;
  blocks: number | null;
  basis: TimingFinding['basis'];
  /** Wall-clock duration at today's block time. */
  duration: string | null;
  /** What the shorter block time does to it. */
  effect: string;
}

export interface TimingReport {
  /** Today's block time (the constant MINUTES/HOURS/DAYS derive from), when known. */
  blockTimeMs: number | null;
  /** The block time the effects are computed for. */
  shorterBlockTimeMs: number | null;
  findings: TimingEntry[];
}

/** @param targetMs the block time the wanted phase gives (relay slot / velocity). */
export function describeTiming(findings: TimingFinding[], blockTimeMs: number | undefined, targetMs: number): TimingReport {
  const shorter = blockTimeMs === undefined ? undefined : targetMs < blockTimeMs ? targetMs : blockTimeMs / 2;
  const why = shorter === undefined ? '' : shorter === targetMs ? `at the ${seconds(shorter)} blocks phase 3 gives` : `at half today's block time (${seconds(shorter)})`;
  return {
    blockTimeMs: blockTimeMs ?? null,
    shorterBlockTimeMs: shorter ?? null,
    findings: findings.map((f) => {
      const blocks = f.blocks === undefined ? null : Number(f.blocks);
      const duration = blocks !== null && blockTimeMs !== undefined && f.basis !== 'relay' ? wallClock(blocks * blockTimeMs) : blocks !== null && f.basis === 'relay' ? wallClock(blocks * 6000) : null;
      return { kind: f.kind, name: f.name, file: f.file, line: f.line, blocks, basis: f.basis, duration, effect: effectOf(f, blocks, blockTimeMs, shorter, why) };
    }),
  };
}

function effectOf(f: TimingFinding, blocks: number | null, now: number | undefined, shorter: number | undefined, why: string): string {
  if (f.basis === 'relay') {
    const units = f.relayInOwnUnits && now !== undefined && now !== 6000 ? ` But it is written with this chain's block-time units (${now / 1000} s): as relay blocks it lasts ${blocks === null ? 'a different time' : wallClock(blocks * 6000)}, not ${blocks === null ? 'what it says' : wallClock(blocks * now)}.` : '';
    return `counts relay-chain blocks (6 s): a new parachain block time does not change it.${units}`;
  }
  if (now === undefined || shorter === undefined) return 'the block time is not known: check how long it lasts once the block time changes.';
  if (f.basis === 'derived') {
    const after = blocks === null ? 'is recounted' : `becomes ${Math.round((blocks * now) / shorter)} blocks`;
    return `derived from the block time: ${why} it ${after}, the same wall-clock time; what is already stored in blocks (schedules, running votes, locks, vesting) ends ${Math.round((now / shorter) * 10) / 10}× sooner.`;
  }
  return `a fixed number of blocks: ${why} it lasts ${blocks === null ? `${Math.round((now / shorter) * 10) / 10}× less` : wallClock(blocks * shorter)}; write it with MINUTES/HOURS/DAYS or count relay blocks (RelaychainDataProvider) to keep its length.`;
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/** `7 days`, `2 h 30 min`, `12 s`. */
export function wallClock(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts = [d && `${d} day${d === 1 ? '' : 's'}`, h && `${h} h`, m && `${m} min`, sec && `${sec} s`].filter(Boolean);
  return parts.length > 0 ? parts.slice(0, 2).join(' ') : '0 s';
}
