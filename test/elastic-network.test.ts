// The block-rate check of an elastic-scaling smoke test: for every velocity, relay parent offset,
// capacity and scheduler lookahead the schema allows, the parachain height it asserts must be out
// of reach of a single core and within reach of all of them at the SDK's own throughput floor.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elasticCapacity, MAX_RELAY_PARENT_OFFSET, MAX_VELOCITY, minimumElasticCapacity, minimumLookahead } from '../src/profiles/elastic-scaling.js';
import { networkNodes } from '../src/render/network.js';
import { fillDefaults } from '../src/settings/resolve.js';

const runs = Number(process.env.PROPERTY_RUNS ?? 60);

/** The network of a phase-3 project at a velocity; only the network arithmetic is read. */
function network(velocity: number, offset: number, capacity: number, lookahead: number) {
  return networkNodes(fillDefaults({ phase: 3, velocity, relayParentOffset: offset, capacity, lookahead }));
}

describe('elastic scaling: the smoke test\'s block-rate bounds', () => {
  it('assert a height one core cannot reach and every core reaches at 34/45 of full throughput', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX_VELOCITY }),
        fc.integer({ min: 1, max: MAX_RELAY_PARENT_OFFSET }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 2, max: 64 }),
        (velocity, offset, extraCapacity, lookahead) => {
          const capacity = Math.min(16, minimumElasticCapacity(velocity, offset) + extraCapacity);
          const e = network(velocity, offset, capacity, Math.max(lookahead, minimumLookahead(offset))).elastic!;
          // One core: one included block per relay block, plus what a collator builds ahead.
          const oneCore = e.relayClock + Math.ceil(e.within / 6) + capacity;
          expect(e.oneCoreCeiling).toBe(oneCore);
          // All cores, counted only from the relay block the assignment is sure to serve.
          const fullFrom = e.assignedBy + Math.max(lookahead, minimumLookahead(offset));
          expect(e.expectedAtLeast).toBe(Math.floor((34 / 45) * velocity * (e.relayClock - fullFrom)));
          expect(e.height).toBeGreaterThanOrEqual(e.oneCoreCeiling + 10);
          expect(e.height).toBeLessThanOrEqual(e.expectedAtLeast - 10);
          expect(e.relayClockWithin).toBeGreaterThan(e.relayClock * 6);
          expect(e.assign).toEqual(Array.from({ length: velocity - 1 }, (_, i) => i));
        },
      ),
      { numRuns: runs },
    );
  });

  it('gives the defaults a test of about ten minutes', () => {
    const v3 = network(3, 1, elasticCapacity(3, 1), 3).elastic!;
    expect(v3).toMatchObject({ cores: 3, assign: [0, 1], parts: 57600, scriptArgs: '2000,0,1', assignedBy: 20 });
    expect(v3.relayClock).toBeLessThan(100);
    const v2 = network(2, 1, elasticCapacity(2, 1), 3).elastic!;
    expect(v2).toMatchObject({ cores: 2, assign: [0], scriptArgs: '2000,0' });
    expect(v2.minutes).toBeLessThanOrEqual(20);
  });

  it('has no elastic part, and omni-node no slot-based flag, at velocity 1', () => {
    const n = networkNodes(fillDefaults({ phase: 3, velocity: 1, omniNode: true }));
    expect(n.elastic).toBeNull();
    expect(n.collator.args).toEqual([]);
    expect(networkNodes(fillDefaults({ phase: 3, velocity: 2, omniNode: true })).collator.args).toEqual(['--authoring', 'slot-based']);
    // A generated node starts the slot-based collator itself.
    expect(networkNodes(fillDefaults({ phase: 3, velocity: 2, omniNode: false })).collator.args).toEqual([]);
  });
});
