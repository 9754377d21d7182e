/**
 * Generated hostile setting values for the fuzz tests: the same seed gives the
 * same cases in the unit test (Node) and the browser test, so a failure seen
 * in either reproduces from its seed and case number.
 */
import { createRandom, deriveSeed, type Random } from '../../src/train/random';
import type { Field, Schema } from '../../src/widgets/schema';

/** Override with FUZZ_SEED=… to explore other cases; failures print the seed in use. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 8_2024);

// cspell:disable -- the values below are garbage on purpose

/** Markup and script that must stay text: each sets `window.__pwned` if it ever runs. */
export const payloads = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  "'><svg/onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '</style><img src=x onerror=window.__pwned=1>',
  '"] { } :host { display: none } [x="', // would break out of the hide preset's CSS selector
  '${window.__pwned=1}',
  "{{constructor.constructor('window.__pwned=1')()}}",
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  '&lt;img src=x onerror=window.__pwned=1&gt;',
];

/** Text that trips number parsers, list splitters and object lookups. */
const oddities = [
  '', ' ', '\t\n ', 'NaN', 'nan', '-NaN', 'Infinity', '-Infinity', 'infinity', '1e999', '-1e999', '1e308', '-1e308', '1.7976931348623157e308',
  '1e-320', '-1e-320', '5e-324', '-0', '+0', '0', '-0.0', '0x1F', '0b101', '0o17', '1_000', '1,5', '1.5.5', '+1', '.5', '5.', 'e5', '1e', '--1', '١٢',
  'null', 'undefined', 'true', '[]', '{}', '[object Object]', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype',
  '😀', 'ﬀ', 'é', '\u202eadam', '\u0000', 'İ', 'ａｄａｍ', 'adam\u200b', ' adam ', 'ADAM', 'adam:', ':keras', 'adam:keras:keras', '\ud800', '\udfff',
  '(', ')', '((((', '))))', ',', ',,,', ' , , ', '(,)', 'sgd(lr=0.1', 'sgd(lr=0.1))', 'sgd()', 'sgd(lr=)', 'sgd(=1)', 'sgd(lr)', 'sgd(lr=1=2)',
  'sgd(lr=1e999)', 'sgd(lr=-1)', 'sgd(lr=NaN)', 'sgd(lr=0x10)', 'adam(beta1=2)', 'adam(lr=0.1,,beta1=0.9)', 'sgd (lr=0.1)', 'sgd(lr=0.1)x',
  'sgd(__proto__=1)', 'sgd(constructor=1)', 'sgd(toString=1)', 'sgd(hasOwnProperty=1)', 'adam(lr=0.1)(lr=0.2)', 'sgd(lr=0.1,(x))',
  'circles,spiral', 'optimizer,lr', 'lr,lr,lr', 'hide', 'lock',
];

const alphabets = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789.-+eE',
  '<>"\'&;=()/\\`${}[]#%?!*:,',
  ' \t\n\r\u00a0\u2028\u2029\u200b\ufeff',
  'αβγδεζηθλμπρσφψωΩ∞−×÷√∑∫≤≥≈',
  '😀🎉🧠👩‍💻🏳️‍🌈',
  'éüñçøåÆŒßİıǅ\u0301\u0308\u20dd',
  '中文日本語한국어عربيעברית',
];

// cspell:enable

const pick = <T>(r: Random, xs: readonly T[]): T => xs[r.int(xs.length)];

function randomText(r: Random, length: number): string {
  const alphabet = [...pick(r, alphabets)];
  let s = '';
  for (let i = 0; i < length; i++) s += r.next() < 0.8 ? pick(r, alphabet) : pick(r, [...pick(r, alphabets)]);
  return s;
}

/** A number written in one of the ways a page author (or an attacker) might write it. */
function randomNumber(r: Random, f?: { min: number; max: number }): string {
  const kind = r.int(8);
  if (f && kind < 3) {
    // In range, at the edges, or just past them.
    const edges = [f.min, f.max, f.min - 1, f.max + 1, f.min * 0.999, f.max * 1.001, (f.min + f.max) / 2, -f.max];
    return String(kind === 0 ? f.min + (f.max - f.min) * r.next() : pick(r, edges));
  }
  const x = (r.next() < 0.5 ? -1 : 1) * 10 ** r.uniform(-330, 330);
  switch (kind) {
    case 3: return String(x);
    case 4: return x.toExponential(r.int(20));
    case 5: return String(Math.round(r.uniform(-1e6, 1e6)));
    case 6: return ` ${r.uniform(-2, 2).toFixed(r.int(12))}\n`;
    default: return x.toFixed(r.int(8)).slice(0, 400);
  }
}

/** A value made for this field: valid words and numbers, slightly wrong ones, and lists of them. */
function fieldValue(r: Random, f: Field): string {
  switch (f.type) {
    case 'number':
      return randomNumber(r, f);
    case 'choice':
      return r.next() < 0.7 ? pick(r, f.options) : mutate(r, pick(r, f.options));
    case 'numbers':
    case 'names':
    case 'runs': {
      // Lists of the wrong length are the point: 0 up to well past the maximum.
      const n = r.int(f.length[1] + 4);
      const item = () => (f.type === 'numbers' ? randomNumber(r, f) : f.type === 'names' ? pick(r, f.options) : run(r, f.options));
      const items = Array.from({ length: n }, () => (r.next() < 0.85 ? item() : anyValue(r)));
      return items.join(pick(r, [',', ', ', ' ,', ',,']));
    }
  }
}

function run(r: Random, options: readonly string[]): string {
  const id = r.next() < 0.9 ? pick(r, options) : mutate(r, pick(r, options));
  if (r.next() < 0.4) return id;
  const names = ['lr', 'beta1', 'beta2', 'eps', 'momentum', 'rho', 'weightDecay', 'nonsense', '__proto__', 'toString'];
  const args = Array.from({ length: 1 + r.int(3) }, () => `${pick(r, names)}=${r.next() < 0.8 ? randomNumber(r, { min: 0, max: 1 }) : anyValue(r)}`);
  return `${id}(${args.join(',')})`;
}

function mutate(r: Random, s: string): string {
  switch (r.int(5)) {
    case 0: return s.toUpperCase();
    case 1: return ` ${s}\t`;
    case 2: return s + pick(r, payloads);
    case 3: return s.slice(0, Math.max(0, s.length - 1));
    default: return `${s}${s}`;
  }
}

/** Anything at all: odd words, markup, numbers, random text, once in a while very long. */
export function anyValue(r: Random): string {
  const kind = r.int(20);
  if (kind < 6) return pick(r, oddities);
  if (kind < 9) return pick(r, payloads);
  if (kind < 13) return randomNumber(r);
  if (kind < 19) return randomText(r, r.int(60));
  return pick(r, [() => 'a'.repeat(100_000), () => '9'.repeat(400), () => '8,'.repeat(5_000), () => 'sgd,'.repeat(200), () => randomText(r, 5_000)])();
}

/** One value for `field`: mostly made for it, often anything. */
export function valueFor(r: Random, field: Field): string {
  return r.next() < 0.55 ? fieldValue(r, field) : anyValue(r);
}

/**
 * One case: parameter pairs, in order, for a few of the schema's settings, with
 * now and then a repeated name (the last one wins) or a name it does not know.
 */
export function casePairs(r: Random, schema: Schema, most = 5): [string, string][] {
  const names = Object.keys(schema);
  const pairs: [string, string][] = [];
  for (let i = 0, n = 1 + r.int(most); i < n; i++) {
    const name = r.next() < 0.05 ? pick(r, ['bogus', '__proto__', 'constructor', 'onerror', pick(r, payloads)]) : pick(r, names);
    const value = () => (Object.hasOwn(schema, name) ? valueFor(r, schema[name]) : anyValue(r));
    pairs.push([name, value()]);
    if (r.next() < 0.15) pairs.push([name, value()]);
  }
  return pairs;
}

/** What a widget reads from pairs: the last value given for each name, as its shell and the embed page do. */
export const lastWins = (pairs: [string, string][]) => {
  const map = new Map(pairs);
  return (name: string) => map.get(name) ?? null;
};

/** An independent stream per test and kind, so adding cases to one leaves the others' unchanged. */
export const fuzzRandom = (stream: string) => createRandom(deriveSeed(FUZZ_SEED, stream));

/** A failure message short enough to read: long values are cut, with their length. */
export function describeCase(label: string, index: number, pairs: [string, string][]): string {
  const cut = (s: string) => (s.length > 120 ? `${JSON.stringify(s.slice(0, 120))}… (${s.length} chars)` : JSON.stringify(s));
  return `FUZZ_SEED=${FUZZ_SEED} ${label} case ${index}: ${pairs.map(([k, v]) => `${cut(k)}=${cut(v)}`).join(' & ')}`;
}
