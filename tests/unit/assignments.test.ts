import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/curriculum';
import { exerciseIds } from '../../src/exercises/exercisable';
import { anchorOf, exerciseRows, predictRows } from '../../src/predict/assignments';
import answerKey from '../../src/predict/answer-key.json';
import { predicts } from '../../src/predict/predicts';

const content = new URL('../../content/', import.meta.url);
const mdx = (name: string) => readFileSync(new URL(name, content), 'utf8');

/** Every <Predict id="…"> written in a chapter, with the chapter it is in. */
const written = readdirSync(content)
  .filter((f) => f.endsWith('.mdx'))
  .flatMap((f) => [...mdx(f).matchAll(/<Predict id="([\w-]+)"/g)].map((m) => ({ id: m[1], chapter: f.replace(/\.mdx$/, '') })));

describe('the Assignments page', () => {
  it('lists every Predict in the chapters, once, under the chapter it is in', () => {
    const rows = predictRows();
    expect(rows.map((r) => r.id).sort()).toEqual(written.map((w) => w.id).sort());
    for (const w of written) expect(rows.find((r) => r.id === w.id)?.path).toBe(`/${w.chapter}/#${w.id}`);
  });

  it('has Predicts in at least eight chapters of the curriculum', () => {
    const slugs = new Set(written.map((w) => w.chapter));
    expect(slugs.size).toBeGreaterThanOrEqual(8);
    for (const s of slugs) expect(chapters.some((c) => c.slug === s), s).toBe(true);
  });

  it('keys every kind of question: a run, a run diverging or not, a computed number with the range that counts', () => {
    const rows = new Map(predictRows().map((r) => [r.id, r]));
    for (const p of predicts) {
      const row = rows.get(p.id)!;
      expect(row.answer.length, p.id).toBeGreaterThan(0);
      if (p.kind === 'number') {
        const value = (answerKey as Record<string, number>)[p.id];
        expect(row.answer, p.id).toMatch(new RegExp(`^${String(Number(value.toPrecision(4))).replace('.', '\\.')}( %)?, the `));
        expect(row.accepted, p.id).toMatch(/^[\d.e-]+( %)? to [\d.e-]+( %)?$/);
      } else {
        expect(row.accepted, p.id).toBeUndefined();
      }
      if (p.kind === 'diverges') expect(row.answer, p.id).toMatch(p.diverges ? /: it diverges$/ : /: it trains to the end$/);
    }
    expect(rows.get('predict-clip-none')?.answer).toBe('SGD (η 1): it diverges');
  });

  it('refuses to print a key without the computed number of a numeric question', () => {
    expect(() => predictRows({})).toThrow(/no number for predict-/);
  });

  it('lists every exercise with its goal and a link to its heading', () => {
    const rows = exerciseRows(mdx('exercises.mdx'));
    expect(rows.map((r) => r.optimizer)).toEqual([...exerciseIds]);
    for (const r of rows) {
      expect(r.goal.length, r.optimizer).toBeGreaterThan(20);
      expect(r.path).toMatch(/^\/exercises\/#[a-z0-9-]+$/);
    }
    expect(rows.find((r) => r.optimizer === 'adam')?.chapter).toBe('adam');
  });

  it('is itself in the curriculum, as reference, and says how to submit and grade', () => {
    expect(chapters.find((c) => c.slug === 'assignments')?.part).toBe('Reference');
    const page = mdx('assignments.mdx');
    expect(page).toContain('Download submission');
    expect(page).toContain('npm run grade');
  });
});

describe('anchors', () => {
  it('follow Starlight\'s slugs for the exercise headings', () => {
    expect(anchorOf('Schedule-free AdamW')).toBe('schedule-free-adamw');
    expect(anchorOf('SGD')).toBe('sgd');
  });
});
