import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { optimizers, sourcePath } from '../../../src/optimizers';
import { parseHp } from '../../../src/lab/hp';
import { loadReaderOptimizer, YOURS, YOURS_NAME, type Loader } from '../../../src/lab/reader-code';
import { programFrom, starters } from '../../../src/lab/starters';
import { playgroundStatus, walkStandings } from '../../../src/lab/status';
import { applyWalk, buildWalk, WalkHost, type WalkEngine, type WalkReport, type WalkRequest } from '../../../src/lab/surface-walk';
import { SurfaceRace, type Walker } from '../../../src/train/surface-race';
import { surfaces } from '../../../src/train/surfaces';
import { parseSettings, toAttributes } from '../../../src/widgets/schema';
import { playgroundSchema } from '../../../src/widgets/specs';

const dataUrl: Loader = (text) => {
  const url = `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`;
  return { url, load: () => import(/* @vite-ignore */ url) };
};

/** Registers `source` as the reader's optimizer, as the playground's Worker does; returns its hp. */
async function useCode(source: string): Promise<Record<string, number>> {
  const parsed = parseHp(source);
  if (!parsed.ok) throw new Error(parsed.message);
  optimizers[YOURS] = await loadReaderOptimizer(source, parsed.hp, dataUrl);
  return parsed.hp;
}

const code = (body: string, lr = 0.1) =>
  `const hp = { lr: ${lr} };\nfunction init(param) {\n  return {};\n}\nfunction update(param, grad, state, { lr }, t) {\n${body}\n  return [sub(param, mul(lr, grad)), state];\n}\n`;

/** A WalkHost behind the engine's interface: what the playground's Worker does with walk requests, minus the Worker. */
function fakeEngine(): WalkEngine & { host: WalkHost; stopped: boolean } {
  const host = new WalkHost();
  return {
    host,
    stopped: false,
    failure: undefined,
    request: async (r: WalkRequest) => ({ walk: host.handle(r) }),
    stop() {
      this.stopped = true;
      host.dispose();
    },
  };
}

const emptyWalkers = (n: number): Walker[] => Array.from({ length: n }, () => ({ optimizer: '', path: [], losses: [], diverged: false }));

beforeAll(async () => {
  await setBackend('cpu');
});
afterEach(() => {
  delete optimizers[YOURS];
});

describe('the playground on a surface', () => {
  it('walks the reader’s SGD exactly as the built-in SGD walks, in the Worker’s reports, and its loss falls', async () => {
    const hp = await useCode(starters.sgd.source);
    const host = new WalkHost();
    const start = surfaces.rotated.start;
    const runs = [{ optimizer: YOURS, hyper: hp }, { optimizer: 'sgd', hyper: { lr: 0.1 } }, { optimizer: 'adam', hyper: { lr: 0.1 } }];
    const before = memory().numTensors;
    const walkers = emptyWalkers(3);
    applyWalk(walkers, host.handle({ op: 'walk-build', fn: 'rotated', kappa: 10, start, runs, end: 50 }));
    expect(walkers.map((w) => w.path)).toEqual([[start], [start], [start]]);
    // In slices, as the page asks for them.
    let report: WalkReport;
    do {
      report = host.handle({ op: 'walk', max: 7, budgetMs: 1000 });
      applyWalk(walkers, report);
    } while (report.canStep);
    expect(report.step).toBe(50);
    expect(walkers[0].path).toHaveLength(51);
    // The same walk, all at once, outside the Worker's protocol.
    const direct = new SurfaceRace(surfaces.rotated, runs, start, 10);
    for (let i = 0; i < 50; i++) direct.advance();
    expect(walkers).toEqual(direct.walkers.map((w) => ({ ...w, optimizer: '' })));
    direct.dispose();
    expect(walkers[0].path).toEqual(walkers[1].path);
    expect(walkers[0].losses.at(-1)!).toBeLessThan(walkers[0].losses[0] * 0.01);
    host.dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('takes at most `max` steps, at least one however small the budget, and none past the end', async () => {
    const hp = await useCode(starters.sgd.source);
    const host = new WalkHost();
    host.handle({ op: 'walk-build', fn: 'quadratic', kappa: 10, start: [1, 1], runs: [{ optimizer: YOURS, hyper: hp }], end: 12 });
    expect(host.handle({ op: 'walk', max: 5, budgetMs: 1000 }).step).toBe(5);
    expect(host.handle({ op: 'walk', max: 5, budgetMs: 0 }).step).toBe(6);
    const last = host.handle({ op: 'walk', max: 100, budgetMs: 1000 });
    expect(last).toMatchObject({ step: 12, canStep: false });
    expect(last.walkers[0].from).toBe(7);
    expect(host.handle({ op: 'walk', max: 100, budgetMs: 1000 }).step).toBe(12);
    host.dispose();
  });

  it('counts NaN, ∞ and a walker that flew off as divergence, and says so in the status', async () => {
    const hp = await useCode(code('', 0.05));
    const host = new WalkHost();
    const runs = [{ optimizer: YOURS, hyper: hp }, { optimizer: 'adam', hyper: { lr: 0.01 } }];
    const walkers = emptyWalkers(2);
    applyWalk(walkers, host.handle({ op: 'walk-build', fn: 'rosenbrock', kappa: 10, start: surfaces.rosenbrock.start, runs, end: 200 }));
    applyWalk(walkers, host.handle({ op: 'walk', max: 200, budgetMs: 5000 }));
    expect(walkers[0].diverged).toBe(true);
    expect(walkers[1].diverged).toBe(false);
    const status = playgroundStatus(200, [YOURS_NAME, 'Adam (η 0.01)'], walkStandings(walkers), true);
    expect(status).toMatch(/^Your optimizer · step 200 · diverged \(loss .+\): NaN, ∞ or a loss that blew up · leader: Adam \(η 0\.01\), loss [\d.]+ · finished$/);
    host.dispose();
  });

  it('the reader’s exception on a surface carries its line', async () => {
    const hp = await useCode(code('  if (t === 3) grad.nope();'));
    const host = new WalkHost();
    host.handle({ op: 'walk-build', fn: 'saddle', kappa: 10, start: surfaces.saddle.start, runs: [{ optimizer: YOURS, hyper: hp }], end: 10 });
    expect(() => host.handle({ op: 'walk', max: 10, budgetMs: 1000 })).toThrow(/^TypeError: .*nope.* \(line 6\)$/);
    host.dispose();
  });

  it('refuses a rule of weight matrices (Muon’s program), and a surface that does not exist', async () => {
    const hp = await useCode(programFrom('muon', readFileSync(sourcePath('muon'), 'utf8')));
    const host = new WalkHost();
    const walk = (fn: string) => host.handle({ op: 'walk-build', fn, kappa: 10, start: [0, 1], runs: [{ optimizer: YOURS, hyper: hp }], end: 10 });
    expect(() => walk('rotated')).toThrow('Your optimizer updates weight matrices only, and a walker on a surface is a point (x, y): race it on a network dataset');
    expect(() => walk('__proto__')).toThrow('playground: no surface named __proto__');
    expect(() => host.handle({ op: 'walk', max: 1, budgetMs: 10 })).toThrow('no walk was built');
  });

  it('the page’s session builds the walk, advances it a slice per request, and stops the engine when disposed', async () => {
    const hp = await useCode(starters.momentum.source);
    const engine = fakeEngine();
    const session = await buildWalk(engine, { fn: 'quadratic', kappa: 20, start: [-3, 1], end: 30 }, { optimizer: YOURS, hyper: hp }, [{ optimizer: 'momentum', hyper: { lr: 0.05, momentum: 0.9 } }]);
    expect(session.walkers.map((w) => w.optimizer)).toEqual([YOURS, 'momentum']);
    expect(session).toMatchObject({ step: 0, canStep: true, remote: true });
    while (session.canStep) await session.advance(4);
    expect(session.step).toBe(30);
    expect(session.walkers[0].path).toHaveLength(31);
    // PyTorch's momentum and the starter's are the same rule.
    expect(session.walkers[0].losses.at(-1)).toBeCloseTo(session.walkers[1].losses.at(-1)!, 10);
    session.dispose();
    expect(engine.stopped).toBe(true);
  });

  it('a report that skips points is a bug, not a gap in the drawing', () => {
    const walkers = emptyWalkers(1);
    expect(() => applyWalk(walkers, { step: 3, canStep: true, walkers: [{ from: 2, path: [[0, 0]], losses: [0], diverged: false }] })).toThrow('reported from 2');
  });
});

describe('the playground’s surface settings', () => {
  const read = (given: Record<string, string>) => parseSettings(playgroundSchema, (n) => given[n] ?? null);

  it('default to a network; a surface and its κ are read, written back for links and embeds only when set', () => {
    expect(read({}).values).toMatchObject({ surface: 'none', kappa: 10 });
    expect(toAttributes(playgroundSchema, read({}).values)).toEqual({});
    const { values, notes } = read({ surface: 'rosenbrock', kappa: '50' });
    expect(notes).toEqual([]);
    expect(toAttributes(playgroundSchema, values)).toEqual({ surface: 'rosenbrock', kappa: '50' });
    expect(Object.keys(surfaces).every((id) => read({ surface: id }).values.surface === id)).toBe(true);
  });

  it('refuse what is not a surface or out of range, with a note, as every setting does', () => {
    const { values, notes } = read({ surface: 'everest', kappa: '1e6' });
    expect(values).toMatchObject({ surface: 'none', kappa: 1000 });
    expect(notes).toEqual([expect.stringMatching(/^surface: “everest” is not one of none, quadratic, rotated/), 'kappa: “1e6” is outside 1–1000; using 1000']);
    expect(playgroundSchema.hide.options).toEqual(expect.arrayContaining(['surface', 'kappa']));
  });
});
