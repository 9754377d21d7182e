import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notExportable, pytorchScript, type ExportRun } from '../../../src/export/pytorch';
import { createTrainer, type TrainerConfig } from '../../../src/train/trainer';

// Exported scripts run in Debian's PyTorch (`apt-get install -y python3-torch`,
// which lives in /usr/bin/python3; .ci/run installs it) and must reproduce the
// engine: the same initial loss to float32 rounding (same data, split and
// weights), and a final loss close to the engine's at the same step (same
// batches; the sums differ in order, so not bit for bit).
const PYTHON = process.env.DESCENT_PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'descent-export-'));

async function engineLosses(runs: ExportRun[], steps: number): Promise<{ initial: number; final: number }[]> {
  return Promise.all(runs.map(async ({ config }) => {
    const t = await createTrainer(config);
    const initial = t.losses().train;
    t.train(steps);
    const final = t.losses().train;
    t.dispose();
    return { initial, final };
  }));
}

function runScript(name: string, script: string, withoutSklearn = false): { label: string; initial: number; final: number }[] {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, script);
  // Without scikit-learn, `import sklearn` fails and the digits come from the copy in the script.
  const args = withoutSklearn ? ['-c', `import sys; sys.modules['sklearn'] = None; exec(open(${JSON.stringify(file)}).read())`] : [file];
  const out = execFileSync(PYTHON, args, { encoding: 'utf8', timeout: 120_000 });
  const initial = [...out.matchAll(/^initial train loss (\S+) {2}\[(.+)\]$/gm)];
  const final = [...out.matchAll(/^final train loss (\S+) {2}\[(.+), step \d+\]$/gm)];
  expect(final.length, out).toBe(initial.length);
  return initial.map((m, i) => ({ label: m[2], initial: Number(m[1]), final: Number(final[i][1]) }));
}

const base: TrainerConfig = { dataset: 'circles', noise: 0.1, activation: 'tanh', optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 10, seed: 1 };
const setups: { name: string; steps: number; runs: ExportRun[]; close: number }[] = [
  { name: 'adam-circles', steps: 300, close: 1e-3, runs: [{ label: 'Adam', config: base }] },
  {
    name: 'sgd-sine-schedule-clip-l2', steps: 300, close: 1e-3,
    runs: [{ label: 'SGD', config: { ...base, dataset: 'sine', optimizer: 'sgd', hyper: { lr: 0.1 }, schedule: { id: 'cosine', params: { totalSteps: 300, warmupSteps: 20 } }, clip: { kind: 'norm', threshold: 1 }, l2: 1e-3 } }],
  },
  {
    name: 'race-moons', steps: 200, close: 1e-3,
    runs: ['lion', 'nadam', 'adadelta', 'rmsprop', 'adagrad', 'nesterov'].map((optimizer) => ({
      label: optimizer, config: { ...base, dataset: 'moons', optimizer, hyper: (optimizer === 'lion' ? { lr: 0.003, weightDecay: 0.1 } : { lr: optimizer === 'adadelta' ? 1 : 0.05 }) as Record<string, number>, decayBiases: false },
    })),
  },
  { name: 'digits-sgd', steps: 150, close: 1e-3, runs: [{ label: 'SGD', config: { ...base, dataset: 'digits', noise: 0, optimizer: 'sgd', hyper: { lr: 0.1 }, batchSize: 32, activation: 'relu' } }] },
  { name: 'sparse-adamw', steps: 150, close: 1e-3, runs: [{ label: 'AdamW', config: { ...base, dataset: 'sparse', noise: 0, optimizer: 'adamw', hyper: { lr: 0.01 }, batchSize: 10 } }] },
];

describe('PyTorch export', () => {
  for (const { name, steps, runs, close } of setups)
    it(`${name}: Debian's PyTorch starts where the engine starts and ends within ${close * 100} % of it (float32 rounding apart) after ${steps} steps`, async () => {
      const script = await pytorchScript(runs, steps);
      const torch = runScript(name, script);
      const engine = await engineLosses(runs, steps);
      expect(torch.map((r) => r.label)).toEqual(runs.map((r) => r.label));
      torch.forEach((r, i) => {
        expect(Math.abs(r.initial / engine[i].initial - 1), `${r.label} initial`).toBeLessThan(1e-6);
        expect(Math.abs(r.final / engine[i].final - 1), `${r.label} final ${r.final} vs ${engine[i].final}`).toBeLessThan(close);
        expect(r.final).toBeLessThan(r.initial);
      });
    }, 180_000);

  it('reads the same digits from scikit-learn and from the copy in the script', async () => {
    const runs = setups.find((s) => s.name === 'digits-sgd')!.runs;
    const script = await pytorchScript(runs, 1);
    const [withSklearn] = runScript('digits-sklearn', script);
    const [inlined] = runScript('digits-inline', script, true);
    expect(inlined.initial).toBe(withSklearn.initial);
    expect(inlined.final).toBe(withSklearn.final);
  }, 120_000);

  it('says why a setup cannot be exported', () => {
    expect(notExportable([{ label: 'Muon', config: { ...base, optimizer: 'muon' } }])).toMatch(/Muon: the PyTorch export covers sgd, momentum/);
    expect(notExportable([{ label: 'A', config: base }, { label: 'B', config: { ...base, seed: 2 } }])).toMatch(/differ in their data/);
    expect(notExportable([{ label: 'A', config: base }])).toBeNull();
  });
});
