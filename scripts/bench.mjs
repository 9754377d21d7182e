// The benchmark: steps per second of the engine, of a hand-written Float32Array
// network (the practical limit) and of a race of every optimizer, in Node and in
// headless Chromium; then, on a fresh build of the site, its build time, page
// weights, Lighthouse scores and the frame rate while widgets train, each beside
// its budget (scripts/bench/budgets.mjs). Prints one table and writes
// bench-results.json.
//
// Usage: node scripts/bench.mjs            every row; writes bench-results.json
//        node scripts/bench.mjs engine-    only rows whose id starts so; writes nothing
//        node scripts/bench.mjs site       only the built site's figures
//
// To add a measurement: a function that runs in any JavaScript environment goes
// into `rows` in scripts/bench/rows.ts (it is then measured in Node and in
// Chromium) with a line in `table` below; anything else (say, the frame rate of
// a built chapter page) is a function in `suites` that returns finished lines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bench/bundle.mjs';
import { runInChromium } from './bench/browser.mjs';
import { frameRates } from './bench/frames.mjs';
import { playgroundRatio } from './bench/playground.mjs';
import { buildSite, siteFigures } from './bench/site.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (path) => join(root, 'scripts/bench', path);

const GOAL = { row: 'engine-adam-100', where: 'chromium', stepsPerSecond: 3500 };

/**
 * The table: a line shows a row of rows.ts, or the ratio of two rows.
 * @typedef {{ label: string, row?: string, ratio?: [string, string] }} Line
 * @type {Line[]}
 */
const table = [
  ...[100, 200].flatMap((points) => [
    { label: `engine, sgd, ${points} points`, row: `engine-sgd-${points}` },
    { label: `engine, adam, ${points} points`, row: `engine-adam-${points}` },
    { label: `hand-written limit, sgd, ${points} points`, row: `limit-sgd-${points}` },
    { label: `hand-written limit, adam, ${points} points`, row: `limit-adam-${points}` },
    { label: `engine / limit, sgd, ${points} points`, ratio: [`engine-sgd-${points}`, `limit-sgd-${points}`] },
    { label: `engine / limit, adam, ${points} points`, ratio: [`engine-adam-${points}`, `limit-adam-${points}`] },
  ]),
  { label: 'engine, digits 64-32-10, adam, batch 32', row: 'engine-digits-adam' },
  { label: 'hand-written limit, digits 64-32-10, adam, batch 32', row: 'limit-digits-adam' },
  { label: 'engine / limit, digits, adam', ratio: ['engine-digits-adam', 'limit-digits-adam'] },
  { label: 'engine / limit, digits, adam, timed interleaved (median of 7)', row: 'ratio-digits-interleaved' },
  { label: 'TF.js kernels per step, sgd', row: 'kernels-sgd' },
  { label: 'TF.js kernels per step, adam', row: 'kernels-adam' },
  { label: 'TF.js fixed cost per op (1-element add)', row: 'op-overhead' },
  ...[40, 100, 160].map((ms) => ({ label: `race of 6 on the digits through the engine, ${ms} ms slices: steps/s per run`, row: `digits-race-${ms}ms` })),
  { label: 'race of every optimizer at once, all runners', row: 'race-all' },
];

/**
 * Measurements made outside rows.ts, on a fresh production build of the site
 * (its build time is the first): each suite resolves to more table lines, with
 * values already measured and, where issue 8 set one, the budget.
 * @typedef {{ label: string, unit: string, node?: number, chromium?: number | string, budget?: string, met?: boolean, note?: string }} Measured
 * @type {Array<(dist: string) => Promise<Measured[]>>}
 */
const suites = [frameRates, siteFigures];

const prefixes = process.argv.slice(2);
const wanted = (id) => prefixes.length === 0 || prefixes.some((p) => id.startsWith(p));

const dir = mkdtempSync(join(tmpdir(), 'descent-bench-'));
try {
  const started = new Date();
  const loadBefore = loadavg();
  await bundle(here('rows.ts'), join(dir, 'rows.node.mjs'), 'node');
  await bundle(here('browser-entry.ts'), join(dir, 'bench.browser.js'), 'browser');

  const { rows } = await import(pathToFileURL(join(dir, 'rows.node.mjs')).href);
  const ids = Object.keys(rows).filter(wanted);
  // One line per optimizer in the race, in the order rows.ts lists them.
  for (const id of Object.keys(rows)) if (id.startsWith('race-') && id !== 'race-all') table.push({ label: `race of every optimizer at once: ${id.slice(5)}`, row: id });
  const log = (where) => (id, r) => console.error(`  ${where.padEnd(8)} ${id.padEnd(16)} ${format(r.value, r.unit)}`);

  console.error(`Measuring ${ids.length} rows in Node, then in Chromium (≥ 2 s windows, median of 3)…`);
  const node = {};
  await quietly(async () => {
    for (const id of ids) log('node')(id, (node[id] = await rows[id]()));
  });
  const chromium = await runInChromium(join(dir, 'bench.browser.js'), ids, log('chromium'));
  /** @type {Measured[]} */
  const measured = [];
  if (wanted('playground')) await quietly(async () => measured.push(await playgroundRatio(await import(pathToFileURL(join(dir, 'rows.node.mjs')).href), dir)));
  if (prefixes.length === 0 || wanted('site')) {
    console.error('Building the site, then measuring its pages…');
    const site = join(dir, 'site');
    measured.push(...buildSite(site));
    for (const suite of suites) measured.push(...(await suite(site)));
  }

  const lines = [
    ...table.filter((line) => (line.row ? wanted(line.row) : line.ratio.every(wanted))).map((line) => resolve(line, node, chromium.results)),
    ...measured,
  ];
  const goal = chromium.results[GOAL.row]?.value;
  console.log(`\nReference task: circles (200 points, no noise), 2-8-8-1 tanh MLP, mean binary cross-entropy, full batch.
"100 points" trains on the train split (half held out, the widgets' default); "200 points" on all of them.
Digits: the 8×8 handwritten digits, 898 training points (899 held out), 64-32-10 tanh MLP, softmax cross-entropy, mini-batches of 32, adam η 1e-3.\n`);
  console.log(render(lines));
  const playground = measured.find((l) => l.unit === '×');
  if (playground?.note) console.log(`\nEngine / Playground: ${playground.note}.`);
  const kernels = node['kernels-adam']?.note;
  if (kernels) console.log(`\nKernels in one adam step: ${kernels}.`);
  if (goal !== undefined) {
    console.log(`Goal: ≥ ${GOAL.stepsPerSecond.toLocaleString('en')} steps/s with adam in Chromium (100 points): ${Math.round(goal).toLocaleString('en')}, ${goal >= GOAL.stepsPerSecond ? 'met' : 'not met'}.`);
  }
  const loadAfter = loadavg();
  console.log(`Load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after, on ${cpus().length} cores: other work on the machine lowers every figure.`);

  if (prefixes.length === 0) {
    const results = {
      date: started.toISOString(),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
        os: `${platform()} ${release()} ${arch()}`, loadAverage1m: { before: loadBefore[0], after: loadAfter[0] },
      },
      versions: {
        node: process.version, chromium: chromium.version,
        tfjs: JSON.parse(readFileSync(join(root, 'node_modules/@tensorflow/tfjs-core/package.json'), 'utf8')).version,
      },
      task: 'circles, 200 points, no noise; 2-8-8-1 tanh MLP; mean binary cross-entropy; full batch; sgd lr 0.1, adam lr 0.01; seed 1. 100 points = the train split (testFraction 0.5), 200 = all. Digits rows: 8×8 digits, 898 train points; 64-32-10 tanh MLP; softmax cross-entropy; batch 32; adam lr 1e-3; seed 1.',
      method: 'steps per second over ≥ 2 s windows after 1 s of warm-up, median of 3; Node and Chromium run the same esbuild bundle (TF.js ES-module build, CPU backend).',
      goal: { ...GOAL, measured: goal ?? null, met: goal === undefined ? null : goal >= GOAL.stepsPerSecond },
      table: lines,
      rows: Object.fromEntries(ids.map((id) => [id, { node: node[id], chromium: chromium.results[id] }])),
    };
    writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('Wrote bench-results.json');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** @param {Line} line */
function resolve(line, node, chromium) {
  if (line.row) {
    const unit = node[line.row]?.unit ?? chromium[line.row]?.unit;
    return { label: line.label, unit, node: node[line.row]?.value, chromium: chromium[line.row]?.value, note: node[line.row]?.note };
  }
  const [top, bottom] = line.ratio;
  const ratio = (r) => (r[top] && r[bottom] ? (100 * r[top].value) / r[bottom].value : undefined);
  return { label: line.label, unit: '%', node: ratio(node), chromium: ratio(chromium) };
}

function format(value, unit) {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (unit === 'steps/s') return `${Math.round(value).toLocaleString('en')} steps/s`;
  if (unit === '%') return `${value.toFixed(1)} %`;
  if (unit === 'µs/op') return `${value.toFixed(2)} µs`;
  if (unit === '×') return `${value.toFixed(2)} ×`;
  if (unit === 'count' || unit === 'files') return String(value);
  return `${+value.toFixed(1)} ${unit}`;
}

function render(lines) {
  const budget = (l) => (l.budget === undefined ? '' : `${l.budget}${l.met ? ' ✓' : ' ✗'}`);
  const cells = [['Measurement', 'Node', 'Chromium', 'Budget'], ...lines.map((l) => [l.label, format(l.node, l.unit), format(l.chromium, l.unit), budget(l)])];
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  const row = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  return [row(cells[0]), `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...cells.slice(1).map(row)].join('\n');
}

/** Runs `f` without TF.js's one-time advice to install tfjs-node, which would interleave with the table. */
async function quietly(f) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!String(args[0]).includes('tfjs-node')) warn(...args);
  };
  try {
    await f();
  } finally {
    console.warn = warn;
  }
}
