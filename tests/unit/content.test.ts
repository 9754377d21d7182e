import { existsSync, readFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/curriculum';
import { parseSettings, type Schema } from '../../src/widgets/schema';
import { inspectorSchema, lrDemoSchema, playgroundSchema, raceSchema, scheduleSchema, surfaceSchema, trainerSchema } from '../../src/widgets/specs';
import { optimizers } from '../../src/optimizers';
import { schedules } from '../../src/optimizers/schedules';

/** Chapters 4–13 explain one optimizer or technique each and share a required shape. */
const optimizerChapters = ['momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta', 'adam', 'adam-family', 'lion', 'schedules', 'clipping'];
const widgets: Record<string, Schema> = { trainer: trainerSchema, race: raceSchema, surface: surfaceSchema, inspector: inspectorSchema, schedule: scheduleSchema, playground: playgroundSchema, 'lr-demo': lrDemoSchema };

const written = chapters.filter((c) => existsSync(new URL(`../../content/${c.slug}.mdx`, import.meta.url)));
const source = (slug: string) => readFileSync(new URL(`../../content/${slug}.mdx`, import.meta.url), 'utf8');

/** `<Name a="x" b={1} />` → { a: 'x', b: '1' } for every use of a component in MDX. */
function uses(mdx: string, name: string): Record<string, string>[] {
  return [...mdx.matchAll(new RegExp(`<${name}\\b([^>]*?)/>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)].map(([, k, s, e]) => [k, s ?? e.replace(/^['"]|['"]$/g, '')])),
  );
}

describe.each(written.map((c) => c.slug))('chapter %s', (slug) => {
  const mdx = source(slug);

  it('has the exercises the curriculum lists for it, and no others', () => {
    const listed = chapters.find((c) => c.slug === slug)?.exercises ?? [];
    const placed = uses(mdx, 'Exercise').map((a) => a.optimizer);
    expect(placed.sort()).toEqual([...listed].sort());
  });

  it('has a title and a description', () => {
    expect(mdx).toMatch(/^---\ntitle: .+\ndescription: .+\n/);
  });

  it('configures every widget with valid settings only', () => {
    for (const { kind, id: _id, ...attrs } of uses(mdx, 'Widget')) {
      const schema = widgets[kind];
      expect(schema, `Widget kind "${kind}"`).toBeDefined();
      expect(Object.keys(attrs).filter((k) => !(k in schema)), `${kind} attribute names`).toEqual([]);
      expect(parseSettings(schema, (k) => attrs[k] ?? null).notes, `${kind} ${JSON.stringify(attrs)}`).toEqual([]);
    }
    for (const { optimizer, schedule } of uses(mdx, 'UpdateRule')) {
      if (optimizer) expect(optimizers, optimizer).toHaveProperty([optimizer]);
      if (schedule) expect(schedules, schedule).toHaveProperty([schedule]);
    }
  });

  it('gives every widget an id, its key in permalinks: short, unique in the page, unlike a heading’s or an old position key', () => {
    const ids = uses(mdx, 'Widget').map((a) => a.id);
    for (const id of ids) {
      expect(id, 'a widget without an id').toBeDefined();
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.length).toBeLessThanOrEqual(40);
      expect(id, 'looks like a position key (trainer3), which old links use').not.toMatch(new RegExp(`^(${Object.keys(widgets).join('|')})\\d+$`));
    }
    expect(new Set(ids).size, `ids ${ids.join(', ')}`).toBe(ids.length);
    const slugger = new GithubSlugger();
    const headings = [...mdx.matchAll(/^#{2,6} (.+)$/gm)].map((m) => slugger.slug(m[1]));
    expect(ids.filter((id) => headings.includes(id)), 'ids that are also heading ids').toEqual([]);
  });
});

describe.each(written.map((c) => c.slug).filter((slug) => optimizerChapters.includes(slug)))('optimizer chapter %s', (slug) => {
  const mdx = source(slug);

  it('has the parts of an optimizer chapter: rule, widget, try-this, questions, references', () => {
    expect(uses(mdx, 'UpdateRule').length, 'formula beside code').toBeGreaterThan(0);
    expect(uses(mdx, 'Widget').length, 'a live widget').toBeGreaterThan(0);
    expect(mdx, 'a try-this prompt').toMatch(/\*\*Try this\.\*\*/);
    expect((mdx.match(/<Question q=/g) ?? []).length, 'questions').toBeGreaterThanOrEqual(3);
    const references = mdx.split(/^## References$/m)[1] ?? '';
    expect((references.match(/\]\(https?:\/\//g) ?? []).length, 'linked references').toBeGreaterThanOrEqual(2);
  });
});

it('every chapter of the curriculum is written, and every optimizer chapter is in the curriculum', () => {
  expect(written.map((c) => c.slug)).toEqual(chapters.map((c) => c.slug));
  for (const slug of optimizerChapters) expect(chapters.map((c) => c.slug)).toContain(slug);
});
