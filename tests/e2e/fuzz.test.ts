/**
 * Generated hostile settings for every widget kind, in a real browser: as
 * attributes (also changed while a widget trains), as page-URL parameters on a
 * chapter, and as /embed/ query strings. Whatever the values, a widget draws,
 * says what it refused, throws nothing and injects nothing. Cases come from
 * tests/fuzz/values.ts; a failure names FUZZ_SEED and the case.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { optimizers } from '../../src/optimizers';
import { exerciseIds } from '../../src/exercises/exercisable';
import { widgetKinds } from '../../src/widgets/kinds';
import { parseSettings, type Schema } from '../../src/widgets/schema';
import { lrDemoSchema } from '../../src/widgets/specs';
import { casePairs, describeCase, fuzzRandom, lastWins } from '../fuzz/values';

type Pairs = [string, string][];

interface Kind {
  tag: string;
  schema: Schema;
  chapter: string;     // a chapter with a widget of this kind
  embed: boolean;      // has /embed/<kind>/ and reads page-URL parameters
  trains: boolean;     // has Play
  regressions?: { pairs: Pairs; status: RegExp }[]; // cases that once broke it, tried before the generated ones
  expected: (get: (name: string) => string | null) => { notes: string[]; status?: string };
}

const fromSchema = (schema: Schema) => (get: (name: string) => string | null) => ({ notes: parseSettings(schema, get).notes });

// The exercise has one attribute and no schema: an optimizer id, or a sentence saying there is no such exercise.
const exerciseSchema: Schema = {
  optimizer: { type: 'choice', label: 'optimizer', doc: '', options: Object.keys(optimizers), default: 'sgd' },
};
const exerciseExpected = (get: (name: string) => string | null) => {
  const id = get('optimizer') ?? 'sgd';
  return { notes: [], status: (exerciseIds as readonly string[]).includes(id) ? '' : `No exercise for "${id}".` };
};

const kinds: Record<string, Kind> = {
  ...Object.fromEntries(
    Object.entries(widgetKinds).map(([kind, { tag, schema }]) => [
      kind,
      {
        tag, schema, embed: true, trains: ['trainer', 'race', 'surface'].includes(kind), expected: fromSchema(schema),
        chapter: ({ race: '/choosing/', schedule: '/schedules/', playground: '/lab/' } as Record<string, string>)[kind] ?? '/adam/',
      },
    ]),
  ),
  'lr-demo': { tag: 'descent-lr-demo', schema: lrDemoSchema, chapter: '/gradient-descent/', embed: false, trains: false, expected: fromSchema(lrDemoSchema) },
  exercise: {
    tag: 'descent-exercise', schema: exerciseSchema, chapter: '/adam/', embed: false, trains: false, expected: exerciseExpected,
    regressions: ['toString', '__proto__', 'constructor'].map((id) => ({ pairs: [['optimizer', id]], status: new RegExp(`^No exercise for "${id}"`) })),
  },
};
// Names an object inherits, as hyperparameters: the optimizer's check once took toString for one of its own.
for (const kind of ['race', 'surface']) {
  kinds[kind].regressions = ['toString', '__proto__', 'constructor'].map((name) => ({
    pairs: [['optimizers', `adam(${name}=0.5)`]],
    status: new RegExp(`adam: unknown hyperparameter '${name}'`),
  }));
}
// A permalink step for runs that cannot start: the surface once replayed them anyway, and threw.
kinds.surface.regressions!.push({ pairs: [['optimizers', 'adam(beta1=2)'], ['step', '10']], status: /^Cannot run: adam: beta1 must be in \[0, 1\)/ });

const ATTRIBUTE_CASES = 24;
const LIVE_CASES = 10;
const URL_CASES = 18;
const LOADS = 2;        // real navigations with the chapter widget's own URL key
const EMBED_LOADS = 5;
const BATCH = 6;        // widgets mounted side by side at once

/** What the page shows of one widget. */
interface Report {
  loaded: boolean;
  notes: string[];
  status: string;
  height: number;
  attrs: Pairs;
  injected: string[];
}

/**
 * In the page: everything that looks injected, in the document and every
 * shadow root. The descent-* hosts are skipped: the test itself writes the
 * hostile values into their attributes.
 */
function scanForInjection(): string[] {
  const found: string[] = [];
  const roots: (Document | ShadowRoot)[] = [document];
  while (roots.length) {
    const root = roots.pop()!;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.localName.startsWith('descent-')) continue;
      if (root !== document && ['img', 'iframe', 'object', 'embed', 'script'].includes(el.localName)) found.push(`<${el.localName}> in a shadow root`);
      if (el.localName === 'script' && el.textContent?.includes('__pwned')) found.push('<script> with the payload');
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) || a.value.includes('__pwned')) found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
      }
    }
  }
  if ((window as { __pwned?: unknown }).__pwned !== undefined) found.push('window.__pwned was set');
  return found;
}

/** In the page: reads a widget as the reader sees it. */
function readWidget(el: Element, loaded: boolean) {
  const root = el.shadowRoot;
  const frame = root?.querySelector('.frame, .box');
  return {
    loaded,
    notes: [...(root?.querySelectorAll('.notes p') ?? [])].map((p) => p.textContent ?? ''),
    status: root?.querySelector('[role=status]')?.textContent ?? '(no status)',
    height: frame?.getBoundingClientRect().height ?? 0,
    attrs: [...el.attributes].map((a) => [a.name, a.value] as [string, string]),
  };
}

/**
 * In the page: one new element per case, side by side in view, with the case's
 * attributes (or ids, for URL cases); waits until each has drawn, reads it,
 * looks for injected markup, and removes them.
 */
async function mountAll(args: { tag: string; cases: [string, string][][]; ids?: string[] }): Promise<Report[]> {
  const { scan, read, drawn } = (window as unknown as { fuzz: Helpers }).fuzz;
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;inset:0;display:flex;overflow:hidden;z-index:9999;background:Canvas';
  const els = args.cases.map((pairs, i) => {
    const el = document.createElement(args.tag);
    if (args.ids) el.id = args.ids[i];
    for (const [name, value] of pairs) el.setAttribute(name, value);
    el.setAttribute('style', 'flex:1 1 0;min-width:0');
    box.append(el);
    return el;
  });
  document.body.append(box);
  // A guard, not a measurement: a widget that never draws is reported as such.
  const late = new Promise<false>((r) => setTimeout(() => r(false), 30_000));
  const loaded = await Promise.all(els.map((el) => Promise.race([(el as HTMLElement & { ready: Promise<void> }).ready.then(() => true), late])));
  await Promise.all(els.map(drawn));
  const injected = scan();
  const reports = els.map((el, i) => ({ ...read(el, loaded[i]), injected }));
  box.remove();
  return reports;
}

/**
 * In the page: resolves once the widget's status no longer says Loading (some
 * draw a frame after opening), or after a while, and then a few animation
 * frames later: permalink replays and redraws run in frames.
 */
async function drawnStatus(el: Element): Promise<void> {
  for (let n = 0; n < 300 && /^Loading/.test(el.shadowRoot?.querySelector('[role=status]')?.textContent ?? 'Loading'); n++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let n = 0; n < 5; n++) await new Promise((r) => requestAnimationFrame(r));
}

interface Helpers {
  scan: typeof scanForInjection;
  read: typeof readWidget;
  drawn: typeof drawnStatus;
}
// The page-side helpers go in as source text, before the page's own scripts run
// (page.evaluate takes no closures, and a Content-Security-Policy may forbid eval).
const helpers = `window.fuzz = { scan: ${scanForInjection}, read: ${readWidget}, drawn: ${drawnStatus} };`;

/** In the page: the report on a widget the page itself opens, once it has drawn. */
async function openedReport(el: Element): Promise<Report> {
  const { scan, read, drawn } = (window as unknown as { fuzz: Helpers }).fuzz;
  await (el as HTMLElement & { ready: Promise<void> }).ready;
  await drawn(el);
  return { ...read(el, true), injected: scan() };
}

/** Valid attribute names only (setAttribute throws on the rest), and no inline handlers the test itself would add. */
const asAttributes = (pairs: Pairs): Pairs => pairs.filter(([name]) => /^[a-z_][\w.-]*$/i.test(name) && !/^on/i.test(name) && name !== 'style' && name !== 'id');

/** An element's attributes as getAttribute reads them: HTML lowercases attribute names, and the name asked for. */
const attributes = (attrs: Pairs) => {
  const map = new Map(attrs);
  return (name: string) => map.get(name.toLowerCase()) ?? null;
};

/**
 * Values cut short for real requests: servers refuse URLs past a few kilobytes
 * (this one at 16 KB of headers). Long values go through replaceState and attributes instead.
 */
const short = (pairs: Pairs): Pairs => pairs.map(([name, value]) => [name.slice(0, 100), value.slice(0, 100)]);

/** What a browser reads back from a query string built from `pairs` (lone surrogates become U+FFFD). */
const query = (pairs: Pairs) => new URLSearchParams(pairs).toString();
const decoded = (q: string): Pairs => [...new URLSearchParams(q)];

let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the injection scan', () => {
  it('finds markup planted the way a bug would plant it', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: helpers });
    await page.goto(`${inject('baseURL')}/embed/schedule/`, { waitUntil: 'load' });
    const found = await page.locator('#widget').evaluate(async (el) => {
      await (el as HTMLElement & { ready: Promise<void> }).ready;
      el.shadowRoot!.querySelector('[role=status]')!.innerHTML = '<img src=x onerror="window.__pwned=1">';
      return (window as unknown as { fuzz: Helpers }).fuzz.scan();
    });
    expect(found).toEqual(expect.arrayContaining(['<img> in a shadow root', '<img onerror="window.__pwned=1">']));
    await page.close();
  });
});

describe.each(Object.entries(kinds))('fuzzing the %s widget', (kind, k) => {
  let page: Page;
  let errors: string[];
  const visit = async (path: string) => {
    await page.goto(inject('baseURL') + path, { waitUntil: 'load' });
  };
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.addInitScript({ content: helpers });
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await page.close();
  });

  /** Every report against what the schema says about the settings `get` reads. */
  function check(label: string, i: number, pairs: Pairs, report: Report, get: (name: string) => string | null) {
    const what = describeCase(`${kind} ${label}`, i, pairs);
    const expected = k.expected(get);
    expect(report.injected, what).toEqual([]);
    expect(report.loaded, `${what}: never drew`).toBe(true);
    expect(report.height, `${what}: nothing drawn`).toBeGreaterThan(0);
    expect(report.status, what).not.toMatch(/^Loading/);
    if (expected.status !== undefined) expect(report.status, what).toBe(expected.status);
    else expect(report.status, what).not.toBe('');
    expect(report.notes, what).toEqual(expected.notes);
  }

  /** No error on the page since the last look; widgets mounted together share the blame. */
  function noErrors(label: string, first: number, cases: Pairs[]) {
    expect(errors, cases.map((pairs, j) => describeCase(`${kind} ${label}`, first + j, pairs)).join('\n')).toEqual([]);
  }

  it(`${ATTRIBUTE_CASES} generated attribute sets: drawn, refusals noted, nothing injected`, async () => {
    await visit(k.embed ? `/embed/${kind}/` : k.chapter);
    const r = fuzzRandom(`e2e-attributes:${kind}`);
    const regressions = k.regressions ?? [];
    const cases = [...regressions.map((c) => c.pairs), ...Array.from({ length: ATTRIBUTE_CASES }, () => asAttributes(casePairs(r, k.schema)))];
    for (let b = 0; b < cases.length; b += BATCH) {
      const batch = cases.slice(b, b + BATCH);
      // Each its own id: a widget's state in the page address is keyed by id (or position), and
      // one that an earlier case left there would override this case's attributes.
      const ids = batch.map((_, j) => `${kind}-case-${b + j}`);
      const reports = await page.evaluate(mountAll, { tag: k.tag, cases: batch, ids });
      reports.forEach((report, j) => {
        const i = b + j;
        check(i < regressions.length ? 'regression' : 'attributes', i, batch[j], report, attributes(report.attrs));
        if (i < regressions.length) expect(report.status, describeCase(`${kind} regression`, i, batch[j])).toMatch(regressions[i].status);
      });
      noErrors('attributes', b, batch);
    }
  });

  if (k.trains) it(`${LIVE_CASES} attribute sets written while it trains, then read on remounting`, async () => {
    await visit(`/embed/${kind}/`);
    const widget = page.locator('#widget');
    await widget.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
    await widget.getByRole('button', { name: 'Play' }).click();
    const r = fuzzRandom(`e2e-live:${kind}`);
    const written: Pairs = [];
    for (let i = 0; i < LIVE_CASES; i++) {
      const pairs = asAttributes(casePairs(r, k.schema));
      written.push(...pairs);
      const status = await widget.evaluate(async (el, pairs) => {
        for (const [name, value] of pairs) el.setAttribute(name, value);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return el.shadowRoot!.querySelector('[role=status]')!.textContent;
      }, pairs);
      expect(status, describeCase(`${kind} live`, i, pairs)).toMatch(/^step \d+/);
      expect(errors, describeCase(`${kind} live`, i, pairs)).toEqual([]);
    }
    // Attributes are read when the widget opens: moved out and back in, it opens with all of them,
    // under the state it put into the page URL when it stopped (the URL wins, as for a permalink).
    const report = await widget.evaluate(async (el) => {
      const { scan, read } = (window as unknown as { fuzz: Helpers }).fuzz;
      const root = el.shadowRoot!;
      const before = root.querySelector('.frame');
      const [parent, next] = [el.parentNode!, el.nextSibling];
      el.remove();
      await new Promise((r) => setTimeout(r)); // it stops and saves its state
      const search = location.search;
      parent.insertBefore(el, next);
      const opened = () => root.querySelector('.frame') !== before && !/^Loading/.test(root.querySelector('[role=status]')?.textContent ?? 'Loading');
      for (let n = 0; n < 600 && !opened(); n++) await new Promise((r) => setTimeout(r, 50));
      return { ...read(el, opened()), injected: scan(), search };
    });
    const linked = new Map(decoded(report.search).flatMap(([name, value]) => (name.startsWith('widget.') ? [[name.slice(7), value]] : [])));
    const attrs = attributes(report.attrs);
    check('remounted after live changes', LIVE_CASES, written, report, (name) => linked.get(name) ?? attrs(name));
    noErrors('remounted after live changes', LIVE_CASES, [written]);
  });

  if (k.embed) it(`${URL_CASES} generated page-URL settings on ${k.chapter}, and ${LOADS} real navigations`, async () => {
    await visit(k.chapter);
    const r = fuzzRandom(`e2e-url:${kind}`);
    const cases = Array.from({ length: URL_CASES }, () => casePairs(r, k.schema));
    for (let b = 0; b < cases.length; b += BATCH) {
      const batch = cases.slice(b, b + BATCH);
      const ids = batch.map((_, j) => `fuzz${b + j}`);
      const search = query(batch.flatMap((pairs, j) => pairs.map(([name, value]) => [`${ids[j]}.${name}`, value] as [string, string])));
      // The widgets read location.search when they open: the parameters are in place first.
      await page.evaluate((search) => history.replaceState(null, '', `${location.pathname}?${search}`), search);
      const reports = await page.evaluate(mountAll, { tag: k.tag, cases: batch.map(() => []), ids });
      const seen = decoded(search);
      reports.forEach((report, j) => {
        const mine = seen.filter(([name]) => name.startsWith(`${ids[j]}.`)).map(([name, value]) => [name.slice(ids[j].length + 1), value] as [string, string]);
        check('page URL', b + j, batch[j], report, lastWins(mine));
      });
      noErrors('page URL', b, batch);
    }

    // The chapter's own widget, by the key its permalinks use (kind and position), on a fresh load.
    for (let i = 0; i < LOADS; i++) {
      const pairs = short(casePairs(r, k.schema));
      const search = query(pairs.map(([name, value]) => [`${kind}1.${name}`, value]));
      await visit(`${k.chapter}?${search}`);
      const widget = page.locator(k.tag).first();
      await widget.scrollIntoViewIfNeeded();
      const report = await widget.evaluate(openedReport);
      const linked = new Map(decoded(search).map(([name, value]) => [name.slice(kind.length + 2), value]));
      const attrs = attributes(report.attrs);
      check('chapter load', i, pairs, report, (name) => linked.get(name) ?? attrs(name));
      noErrors('chapter load', i, [pairs]);
    }
  });

  if (k.embed) it(`${EMBED_LOADS} generated /embed/${kind}/ query strings, repeated and unknown keys included`, async () => {
    const r = fuzzRandom(`e2e-embed:${kind}`);
    for (let i = 0; i < EMBED_LOADS; i++) {
      // Several cases in one query string: many keys, repeated ones among them.
      const pairs = short(Array.from({ length: 4 }, () => casePairs(r, k.schema, 8)).flat());
      const search = query(pairs);
      await visit(`/embed/${kind}/?${search}`);
      const report = await page.locator('#widget').evaluate(openedReport);
      const seen = decoded(search);
      check('embed', i, pairs, report, lastWins(seen));
      noErrors('embed', i, [pairs]);
      const unknown = seen.filter(([name]) => !Object.hasOwn(k.schema, name)).map(([name]) => `Unknown parameter “${name.length > 40 ? `${name.slice(0, 37)}…` : name}” ignored.`);
      const pageNotes = await page.locator('main > .notes p').allTextContents();
      expect(pageNotes, describeCase(`${kind} embed`, i, pairs)).toEqual(unknown);
    }
  });
});
