// What a team expects next to the code, read with the ecosystem's own parsers: rust-toolchain.toml
// (the release's toolchain and WASM target), the CI workflow (GitHub's workflow parser: it builds
// the workspace, runs `cargo test` and the zombienet smoke test) and the node's Dockerfile
// (dockerfile-ast); omni-node projects have no node image to build.

import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { DockerfileParser } from 'dockerfile-ast';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES } from '../src/profiles/index.js';
import { namesFor } from '../src/render/context.js';
import { SDK_RELEASES, type SdkRelease } from '../src/settings/schema.js';
import { generate, removeTree } from './support/cli.js';

const NAME = 'ci-chain';
const names = namesFor(NAME);

interface Step {
  name: string;
  uses: string;
  run: string;
}

/** The workflow's jobs and steps, after GitHub's parser accepted it (throws with its errors). */
async function workflowSteps(text: string): Promise<Map<string, Step[]>> {
  const result = parseWorkflow({ name: 'ci.yml', content: text }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !result.value) throw new Error(`the workflow parser refused ci.yml:\n${errors.join('\n')}`);
  const template = await convertWorkflowTemplate(result.context, result.value);
  const scalar = (token: unknown) => (token as { value?: string } | undefined)?.value ?? '';
  const jobs = new Map<string, Step[]>();
  for (const job of template.jobs as unknown as { id: unknown; steps: Record<string, unknown>[] }[]) {
    jobs.set(scalar(job.id), job.steps.map((s) => ({ name: scalar(s.name), uses: scalar(s.uses), run: scalar(s.run) })));
  }
  return jobs;
}

const made: string[] = [];
const projects = new Map<string, string>();
const cases: { key: string; sdk: SdkRelease; flags: string[] }[] = [
  ...SDK_RELEASES.map((sdk) => ({ key: `${sdk} node`, sdk, flags: ['--sdk', sdk] })),
  { key: 'stable2512 omni-node', sdk: 'stable2512', flags: ['--sdk', 'stable2512', '--omni-node'] },
  { key: 'stable2503 omni-node, westend-local', sdk: 'stable2503', flags: ['--sdk', 'stable2503', '--omni-node', '--relay-chain', 'westend-local'] },
];
beforeAll(() => {
  for (const c of cases) {
    const dir = generate(NAME, ['--no-format', ...c.flags]);
    made.push(dir);
    projects.set(c.key, dir);
  }
});
afterAll(() => made.forEach((dir) => removeTree(join(dir, '..'))));

describe.each(cases)('$key', ({ key, sdk, flags }) => {
  const dir = () => projects.get(key)!;
  const read = (file: string) => readFileSync(join(dir(), file), 'utf8');
  const profile = PROFILES[sdk];
  const omni = flags.includes('--omni-node');

  it(`pins Rust ${profile.toolchain.channel} with the ${profile.toolchain.wasmTarget} target`, () => {
    const toolchain = (parseToml(read('rust-toolchain.toml')) as { toolchain: Record<string, unknown> }).toolchain;
    expect(toolchain.channel).toBe(profile.toolchain.channel);
    expect(toolchain.targets).toEqual([profile.toolchain.wasmTarget]);
    expect(toolchain.components).toEqual(expect.arrayContaining(['rust-src', 'rustfmt', 'clippy']));
  });

  it('has a CI workflow that builds the workspace, runs cargo test and the zombienet smoke test', async () => {
    const jobs = await workflowSteps(read('.github/workflows/ci.yml'));
    expect([...jobs.keys()]).toEqual(['build-test-smoke']);
    const steps = jobs.get('build-test-smoke')!;
    const runs = steps.map((s) => s.run);
    const index = (pattern: RegExp) => runs.findIndex((r) => pattern.test(r));
    expect(steps[0]!.uses).toBe('actions/checkout@v4');
    const build = index(/^cargo build --workspace --locked --release$/);
    const test = index(/^cargo test --workspace --locked --release$/);
    const smoke = index(/zombienet\/cli@[\d.]+ test zombienet\/smoke\.zndsl --provider native$/m);
    expect([build, test, smoke].every((i) => i > 0)).toBe(true);
    expect(build < test && test < smoke).toBe(true);
    // The relay chain binaries (and polkadot-omni-node) of the release the project is written for.
    const download = runs[index(/releases\/download/)]!;
    expect(download).toContain(`/releases/download/polkadot-${sdk}/$binary`);
    expect(download).toContain(omni ? 'polkadot-execute-worker polkadot-omni-node; do' : 'polkadot-execute-worker; do');
    const chainSpec = index(/chain-spec-builder create/);
    if (omni) {
      expect(runs[chainSpec]).toContain(`cargo install --locked staging-chain-spec-builder@${profile.tools.chainSpecBuilder}\n`);
      expect(runs[chainSpec]).toContain(`${names.runtimeLib}.compact.compressed.wasm`);
      expect(chainSpec < smoke).toBe(true);
    } else {
      expect(chainSpec).toBe(-1);
    }
    const paseo = index(/chain-spec-generator paseo-local > paseo-local\.json/);
    const relay = JSON.parse(read('async-parachain.json')).settings.relayChain;
    expect(paseo >= 0).toBe(relay === 'paseo-local');
    if (paseo >= 0) expect(runs[paseo]).toContain('--git https://github.com/paseo-network/runtimes --tag v1.9.2 chain-spec-generator');
  });

  it(omni ? 'has no Dockerfile: the public polkadot-omni-node image runs the chain spec' : 'has a Dockerfile that builds the node and runs it on a slim image', () => {
    if (omni) {
      expect(existsSync(join(dir(), 'Dockerfile'))).toBe(false);
      return;
    }
    const dockerfile = DockerfileParser.parse(read('Dockerfile'));
    expect(dockerfile.getFROMs().map((f) => [f.getImageName(), f.getBuildStage()])).toEqual([
      ['paritytech/ci-unified', 'builder'],
      ['parity/base-bin', null],
    ]);
    const runs = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent());
    expect(runs[0]).toBe(`cargo build --locked --profile production --bin ${names.nodeCrate}`);
    const copy = dockerfile.getCOPYs().find((c) => c.getFlags().some((f) => f.getName() === 'from' && f.getValue() === 'builder'));
    expect(copy?.getArgumentsContent()).toBe(`/build/target/production/${names.nodeCrate} /usr/local/bin/`);
    expect(dockerfile.getENTRYPOINTs()[0]!.getJSONStrings().map((s) => s.getJSONValue())).toEqual([`/usr/local/bin/${names.nodeCrate}`]);
    // The profile the build uses exists in the workspace manifest.
    expect(read('Cargo.toml')).toContain('\n[profile.production]\n');
  });
});
