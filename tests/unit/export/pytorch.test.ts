import '@tensorflow/tfjs-backend-cpu';
import { setBackend } from '@tensorflow/tfjs-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { notExportable, pytorchScript, translatableRuns, type ExportRun, type ReaderCode } from '../../../src/export/pytorch';
import { translateReader } from '../../../src/export/reader-torch';
import { opNames } from '../../../src/exercises/ops';
import { parseHp } from '../../../src/lab/hp';
import { loadReaderOptimizer, YOURS, type Loader } from '../../../src/lab/reader-code';
import { programFrom, starters, startFromIds } from '../../../src/lab/starters';
import { optimizers, sourcePath } from '../../../src/optimizers';
import { createTrainer, type TrainerConfig } from '../../../src/train/trainer';

// Exported scripts run in Debian's PyTorch (`apt-get install -y python3-torch`,
// which lives in /usr/bin/python3; .ci/run installs it) and must reproduce the
// engine: the same initial loss to float32 rounding (same data, split and
// weights), and a final loss close to the engine's at the same step (same
// batches, same update). Not bit for bit: both compute in float32, but PyTorch
// and TensorFlow.js add up matrix products, norms and means in different
// orders, so each step's numbers differ in the last bits, and training
// compounds that. After 20 steps they agree to 1e-8 … 2e-6 (relative; Adam
// without bias correction, whose steps are largest, drifts most); the bound is 1e-5.
// All scripts run in ONE Python process (importing torch takes seconds).
const PYTHON = process.env.DESCENT_PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'descent-export-'));
const STEPS = 20;
const CLOSE = 1e-5;

type Losses = { initial: number; final: number };
type Setup = { name: string; steps: number; runs: ExportRun[]; close: number; reader?: ReaderCode; withoutSklearn?: boolean };

// Node imports a data: URL as the browser's Worker imports a blob: URL (see tests/unit/lab/reader-code.test.ts).
const dataUrl: Loader = (text) => {
  const url = `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`;
  return { url, load: () => import(/* @vite-ignore */ url) };
};

async function engineLosses(runs: ExportRun[], steps: number, reader?: ReaderCode): Promise<Losses[]> {
  if (reader) optimizers[YOURS] = await loadReaderOptimizer(reader.source, reader.hp, dataUrl);
  try {
    const out: Losses[] = [];
    for (const { config } of runs) {
      const t = await createTrainer(config);
      const initial = t.losses().train;
      t.train(steps);
      out.push({ initial, final: t.losses().train });
      t.dispose();
    }
    return out;
  } finally {
    delete optimizers[YOURS];
  }
}

/** Runs every script in one Python process; per script, its printed losses by run label (or the error). */
function runScripts(scripts: { name: string; text: string; withoutSklearn?: boolean }[]): Record<string, { runs: Map<string, Losses>; out: string }> {
  const driver = join(dir, 'driver.py');
  // Each script runs as __main__ in a fresh namespace; "-" before a path hides scikit-learn from it.
  writeFileSync(driver, [
    'import contextlib, io, json, runpy, sys',
    'results = {}',
    'for arg in sys.argv[1:]:',
    '    hide, path = arg.startswith("-"), arg.lstrip("-")',
    '    saved = sys.modules.get("sklearn", False)',
    '    if hide:',
    '        sys.modules["sklearn"] = None',
    '    out = io.StringIO()',
    '    try:',
    '        with contextlib.redirect_stdout(out):',
    '            runpy.run_path(path, run_name="__main__")',
    '    except BaseException as e:',
    '        out.write(f"ERROR {e!r}")',
    '    if hide:',
    '        sys.modules.pop("sklearn") if saved is False else sys.modules.__setitem__("sklearn", saved)',
    '    results[path] = out.getvalue()',
    'print(json.dumps(results))',
  ].join('\n'));
  const paths = scripts.map(({ name, text, withoutSklearn }) => {
    const file = join(dir, `${name}.py`);
    writeFileSync(file, text);
    return withoutSklearn ? `-${file}` : file;
  });
  const results = JSON.parse(execFileSync(PYTHON, [driver, ...paths], { encoding: 'utf8', timeout: 110_000, maxBuffer: 1 << 26 })) as Record<string, string>;
  return Object.fromEntries(scripts.map(({ name }) => {
    const out = results[join(dir, `${name}.py`)];
    const initial = [...out.matchAll(/^initial train loss (\S+) {2}\[(.+)\]$/gm)];
    const final = new Map([...out.matchAll(/^final train loss (\S+) {2}\[(.+), step \d+\]$/gm)].map((m) => [m[2], Number(m[1])]));
    return [name, { out, runs: new Map(initial.map((m) => [m[2], { initial: Number(m[1]), final: final.get(m[2]) ?? NaN }])) }];
  }));
}

const base: TrainerConfig = { dataset: 'circles', noise: 0.1, activation: 'tanh', optimizer: 'adam', hyper: { lr: 0.01 }, batchSize: 10, seed: 1 };
const moons: TrainerConfig = { ...base, dataset: 'moons', seed: 3 };

/** A learning rate that moves each rule visibly in 20 steps (the defaults of some barely move). */
const lrOf = (id: string): number =>
  ({ adadelta: 1, lars: 0.1, shampoo: 0.1, adafactor: 0.01, 'schedule-free-adamw': 0.02, muon: 0.02, lion: 0.003 } as Record<string, number>)[id] ?? 0.05;

/** Every optimizer of the registry, one run each, on one network: one script. */
const everyOptimizer: Setup = {
  name: 'every-optimizer', steps: STEPS, close: CLOSE,
  runs: Object.keys(optimizers).map((id) => ({ label: id, config: { ...moons, optimizer: id, hyper: { lr: lrOf(id) } } })),
};

/** The wrappers, parameter groups, schedules, clipping and L2, each run combining a few. */
const wrappedAndGrouped: Setup = {
  name: 'wrappers-groups-schedules', steps: STEPS, close: CLOSE,
  runs: ([
    ['SAM (SGD)', { optimizer: 'sgd', hyper: { lr: 0.1 }, wrap: { sam: 0.05 } }],
    ['Lookahead (Adam)', { optimizer: 'adam', hyper: { lr: 0.05 }, wrap: { lookahead: 5, lookaheadAlpha: 0.5 } }],
    ['SAM and Lookahead (momentum, clipped norm)', { optimizer: 'momentum', hyper: { lr: 0.05 }, wrap: { sam: 0.1, lookahead: 3, lookaheadAlpha: 0.3 }, clip: { kind: 'norm', threshold: 0.5 } }],
    ['groups: Adam, SGD on the output, Lion on biases, L2', {
      optimizer: 'adam', hyper: { lr: 0.02 }, l2: 1e-3, decayBiases: false,
      groups: [{ roles: ['output'], optimizer: 'sgd', hyper: { lr: 0.1 } }, { roles: ['bias'], optimizer: 'lion', hyper: { lr: 0.003, weightDecay: 0.1 } }],
    }],
    ['AdamW, biases not decayed, linear decay', { optimizer: 'adamw', hyper: { lr: 0.05, weightDecay: 0.1 }, decayBiases: false, l2: 1e-3, schedule: { id: 'linear', params: { totalSteps: 20, warmupSteps: 5 } } }],
    ['Muon and AdamW, biases not decayed, WSD', { optimizer: 'muon', hyper: { lr: 0.02, nesterov: 0 }, decayBiases: false, schedule: { id: 'wsd', params: { totalSteps: 20, warmupSteps: 3, cooldownSteps: 8, minLr: 0.001 } } }],
    ['Schedule-free AdamW with warm-up, clipped values, Lookahead', { optimizer: 'schedule-free-adamw', hyper: { lr: 0.02, weightDecay: 0.01, warmupSteps: 5 }, clip: { kind: 'value', threshold: 0.5 }, wrap: { lookahead: 4 } }],
    ['LARS (Nesterov), exponential sweep', { optimizer: 'lars', hyper: { nesterov: 1, weightDecay: 1e-4, eps: 1e-8 }, schedule: { id: 'exponentialSweep', params: { totalSteps: 20, startLr: 0.1, endLr: 3 } } }],
    ['LAMB with weight decay, cosine', { optimizer: 'lamb', hyper: { lr: 0.05, weightDecay: 0.01 }, schedule: { id: 'cosine', params: { totalSteps: 20, warmupSteps: 4, minLr: 0.001 } } }],
    ['Adafactor with weight decay, step decay', { optimizer: 'adafactor', hyper: { lr: 0.05, weightDecay: 0.01 }, schedule: { id: 'stepDecay', params: { stepSize: 7, gamma: 0.5 } } }],
    ['momentum (Keras), one-cycle', { optimizer: 'momentum:keras', hyper: { lr: 0.05 }, schedule: { id: 'oneCycle', params: { totalSteps: 20, maxLr: 0.1 } } }],
    ['Nesterov (Keras), linear sweep', { optimizer: 'nesterov:keras', schedule: { id: 'linearSweep', params: { totalSteps: 20, startLr: 0.001, endLr: 0.1 } } }],
    ['RMSprop (Keras), triangular', { optimizer: 'rmsprop:keras', schedule: { id: 'triangular', params: { baseLr: 0.001, maxLr: 0.02, stepSize: 5 } } }],
    ['Shampoo with L2, inverse-time', { optimizer: 'shampoo', hyper: { lr: 0.1 }, l2: 1e-3, schedule: { id: 'inverseTime', params: { decayRate: 1, decaySteps: 10 } } }],
    ['Lion, biases not decayed, exponential', { optimizer: 'lion', hyper: { lr: 0.003, weightDecay: 0.5 }, decayBiases: false, schedule: { id: 'exponential', params: { gamma: 0.95 } } }],
  ] as [string, Partial<TrainerConfig>][]).map(([label, c]) => ({ label, config: { ...moons, hyper: {}, ...c } as TrainerConfig })),
};

/** A reader's program with most of what the translation covers: matrices, loops, patterns, helpers, Math, throw. */
const matrixProgram = `// A toy: momentum, then a Newton–Schulz-normalised step for matrices and sign descent for vectors.
const hp = { lr: 0.05, beta: 0.9, eps: 1e-8, steps: 2 };

function init(param) {
  return { m: zerosLike(param), count: scalar(0) };
}

const scaleOf = (shape) => Math.sqrt(Math.max(1, shape[0] / shape[1]));

function update(param, grad, { m, count }, { lr, beta, eps, steps: k = 1 }, t) {
  const m1 = add(mul(beta, m), mul(1 - beta, grad));
  let step;
  if (param.rank === 2) {
    const [rows, cols] = param.shape;
    let x = div(m1, maximum(norm(m1), eps));
    for (let j = 0; j < k; j++) {
      const gram = matMul(x, x, false, true);
      x = sub(mul(1.5, x), mul(0.5, matMul(gram, x))); // pushes every singular value towards 1
    }
    step = mul(scaleOf([rows, cols]), x);
  } else if (param.shape[0] > 0) {
    step = where(greater(abs(m1), 1e-12), sign(m1), zerosLike(m1));
  } else {
    throw new Error(\`empty tensor of shape \${param.shape}\`);
  }
  const total = addN([count, onesLike(count)]);
  return [sub(param, mul(lr / Math.sqrt(t), step)), { m: m1, count: total }];
}
`;

/** Every other listed operation once, with axes and broadcasting, in a rule that still descends (clipped, damped SGD). */
const opsTour = `const hp = { lr: 0.05, clip: 1 };

function init(param) {
  return { seen: clone(zerosLike(param)) };
}

function update(param, grad, { seen }, { lr, clip }, t) {
  const g = clipByValue(grad, -clip, clip);
  const same = param.rank === 2 ? transpose(transpose(g)) : neg(neg(g));
  const rowScale = param.rank === 2 ? mean(square(same), -1, true) : mean(square(same));
  const colSum = param.rank === 2 ? sum(abs(same), 0, true) : sum(abs(same));
  const gate = logicalAnd(greater(onesLike(g), 0), greater(add(rowScale, 1), 0)); // true everywhere
  const damping = where(gate, exp(log(add(pow(abs(g), scalar(1)), 1))), fill(g.shape, 1)); // |g| + 1
  const step = div(mul(lr / Math.sqrt(t), same), minimum(maximum(damping, 1), 2));
  const zero = mul(0, sub(colSum, colSum)); // broadcasts over the rows
  return [add(addN([param, neg(step), mul(0, param)]), zero), { seen: add(seen, sign(g)) }];
}
`;

/** The playground's starters, every "Start from…" program and the two above, translated: one script each. */
const readerSetups: Setup[] = [
  ...Object.entries(starters).map(([id, s]) => [`starter-${id}`, s.source] as const),
  ...startFromIds.map((id) => [`start-from-${id}`, programFrom(id, readFileSync(sourcePath(id), 'utf8'))] as const),
  ['matrix-toy', matrixProgram] as const,
  ['ops-tour', opsTour] as const,
].map(([name, source]) => {
  const parsed = parseHp(source);
  if (!parsed.ok) throw new Error(parsed.message);
  const lr = /adadelta/.test(name) ? 1 : name === 'start-from-lion' ? 0.003 : 0.05;
  return {
    name: `reader-${name}`, steps: STEPS, close: CLOSE, reader: { source, hp: parsed.hp },
    runs: [{ label: 'Your optimizer', config: { ...moons, optimizer: YOURS, hyper: { ...parsed.hp, lr } } }],
  };
});

/** Longer runs on every kind of data: the engine and PyTorch drift further apart over hundreds of steps. */
const longer: Setup[] = [
  { name: 'adam-circles', steps: 300, close: 1e-3, runs: [{ label: 'Adam', config: base }] },
  {
    name: 'sgd-sine-schedule-clip-l2', steps: 300, close: 1e-3,
    runs: [{ label: 'SGD', config: { ...base, dataset: 'sine', optimizer: 'sgd', hyper: { lr: 0.1 }, schedule: { id: 'cosine', params: { totalSteps: 300, warmupSteps: 20 } }, clip: { kind: 'norm', threshold: 1 }, l2: 1e-3 } }],
  },
  { name: 'digits-sgd', steps: 150, close: 1e-3, runs: [{ label: 'SGD', config: { ...base, dataset: 'digits', noise: 0, optimizer: 'sgd', hyper: { lr: 0.1 }, batchSize: 32, activation: 'relu' } }] },
  { name: 'sparse-adamw', steps: 150, close: 1e-3, runs: [{ label: 'AdamW', config: { ...base, dataset: 'sparse', noise: 0, optimizer: 'adamw', hyper: { lr: 0.01 }, batchSize: 10 } }] },
];

const setups: Setup[] = [everyOptimizer, wrappedAndGrouped, ...readerSetups, ...longer];
const digitsOnce: Setup = { ...longer[2], name: 'digits-inline', steps: 1, withoutSklearn: true };
let torch: ReturnType<typeof runScripts>;

beforeAll(async () => {
  await setBackend('cpu');
  const scripts = await Promise.all([...setups, digitsOnce, { ...digitsOnce, name: 'digits-sklearn', withoutSklearn: false }].map(async (s) => ({
    name: s.name, text: await pytorchScript(s.runs, s.steps, s.reader), withoutSklearn: s.withoutSklearn,
  })));
  torch = runScripts(scripts);
}, 120_000);

function agrees(setup: Setup) {
  return async () => {
    const { out, runs } = torch[setup.name];
    const engine = await engineLosses(setup.runs, setup.steps, setup.reader);
    expect([...runs.keys()], out).toEqual(setup.runs.map((r) => r.label));
    setup.runs.forEach(({ label }, i) => {
      const r = runs.get(label)!;
      expect(Math.abs(r.initial / engine[i].initial - 1), `${label} initial ${r.initial} vs ${engine[i].initial}`).toBeLessThan(1e-6);
      expect(Math.abs(r.final / engine[i].final - 1), `${label} final ${r.final} vs ${engine[i].final}`).toBeLessThan(setup.close);
      expect(r.final, `${label} trained`).toBeLessThan(r.initial);
    });
  };
}

describe('PyTorch export', () => {
  it(`has every optimizer of the registry: each ends within ${CLOSE} of the engine's loss after ${STEPS} steps`, agrees(everyOptimizer));
  it('has SAM, Lookahead, parameter groups (decayBiases: false, a matrix rule and its AdamW), every schedule, clipping and L2', agrees(wrappedAndGrouped));
  it.each(readerSetups.map((s) => [s.name, s] as const))('translates the playground’s %s to a torch optimizer that agrees with the engine', (_, s) => agrees(s)());
  it.each(longer.map((s) => [s.name, s] as const))('%s: Debian’s PyTorch ends within 0.1 % of the engine over hundreds of steps', (_, s) => agrees(s)());

  it('reads the same digits from scikit-learn and from the copy in the script', () => {
    const [inlined] = torch['digits-inline'].runs.values();
    const [withSklearn] = torch['digits-sklearn'].runs.values();
    expect(inlined.initial).toBe(withSklearn.initial);
    expect(inlined.final).toBe(withSklearn.final);
  });

  it('says why a setup cannot be exported', () => {
    expect(notExportable([{ label: 'A', config: { ...base, optimizer: 'nope' } }])).toMatch(/A: no optimizer 'nope'/);
    expect(notExportable([{ label: 'A', config: base }, { label: 'B', config: { ...base, seed: 2 } }])).toMatch(/differ in their data/);
    expect(notExportable([{ label: 'Your optimizer', config: { ...base, optimizer: YOURS } }])).toMatch(/code of your optimizer is missing/);
    expect(notExportable([{ label: 'A', config: base }])).toBeNull();
  });
});

describe("the reader's optimizer in PyTorch", () => {
  const program = (body: string) => `const hp = { lr: 0.1 };\nfunction init(param) {\n  return {};\n}\nfunction update(param, grad, state, { lr }, t) {\n${body}\n  return [sub(param, mul(lr, grad)), state];\n}\n`;

  it('names the construct it cannot translate, and its line', () => {
    const cases: [string, RegExp][] = [
      ['  const x = grad.mul(2);', /^line 6: the call grad\.mul\(…\) cannot be translated to PyTorch$/],
      ['  for (let i = 0; i < 3; i++) { if (i) continue; }', /^line 6: continue cannot be translated/],
      ['  const y = console.log(t);', /^line 6: the call console\.log\(…\)/],
      ['  const z = t?.x;', /^line 6: optional chaining/],
      ['  const w = t & 1;', /^line 6: the operator &/],
      ['  const s = Math.random();', /^line 6: Math\.random/],
      ['  const v = undefinedThing + 1;', /^line 6: the name undefinedThing, which the code does not define,/],
      ['  const [a, ...rest] = param.shape;', /^line 6: this element of an array pattern/],
      ['  const x = (;', /^line 6: the code cannot be parsed/],
    ];
    for (const [body, message] of cases) {
      const t = translateReader(program(body));
      expect(t.ok, body).toBe(false);
      expect(!t.ok && t.message, body).toMatch(message);
    }
    let counter = 'let calls = 0;\n' + program('  calls += 1;');
    expect(translateReader(counter)).toMatchObject({ ok: false, message: expect.stringMatching(/^line 7: assigning to calls, which this function does not declare,/) });
    counter = program('  let calls = 0;\n  calls += 1;');
    expect(translateReader(counter).ok).toBe(true);
  });

  it('leaves an untranslatable optimizer out with a note, and keeps the built-ins', () => {
    const source = program('  const x = grad.mul(2);');
    const runs: ExportRun[] = [{ label: 'Your optimizer', config: { ...moons, optimizer: YOURS } }, { label: 'SGD', config: { ...moons, optimizer: 'sgd' } }];
    const { runs: kept, note } = translatableRuns(runs, { source, hp: { lr: 0.1 } });
    expect(kept.map((r) => r.label)).toEqual(['SGD']);
    expect(note).toBe('Your optimizer is not in the script: line 6: the call grad.mul(…) cannot be translated to PyTorch. The script has the built-in optimizers only.');
    expect(translatableRuns(runs, { source: starters.sgd.source, hp: { lr: 0.1 } })).toEqual({ runs, note: null });
  });

  it('implements every operation the playground lists', () => {
    const ops = readFileSync('src/export/tfjs_ops.py', 'utf8');
    for (const op of opNames) expect(ops, op).toMatch(new RegExp(`^    (${op} = staticmethod|def ${op}\\()`, 'm'));
  });
});
