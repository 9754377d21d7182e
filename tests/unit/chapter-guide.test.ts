import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { chapters, coursePaths } from '../../src/curriculum';
import { chapterGuide } from '../../src/site/chapter-guide';

const written = chapters.filter((c) => existsSync(new URL(`../../content/${c.slug}.mdx`, import.meta.url)));
const source = (slug: string) => readFileSync(new URL(`../../content/${slug}.mdx`, import.meta.url), 'utf8');
const frontMatter = (mdx: string) => parse(mdx.match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '') as Record<string, unknown>;
const order = chapters.map((c) => c.slug);

describe.each(written.map((c) => c.slug))('chapter %s', (slug) => {
  const mdx = source(slug);
  const guide = chapterGuide.safeParse(frontMatter(mdx));

  it('states 3–5 objectives', () => {
    expect(guide.success, JSON.stringify(guide.error?.issues)).toBe(true);
    expect(guide.data?.objectives?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(guide.data?.objectives?.length ?? 0).toBeLessThanOrEqual(5);
    for (const o of guide.data?.objectives ?? []) expect(o, 'plain text: shown as is under the title').not.toMatch(/[$*`<_\\]/);
  });

  it('names prerequisites that come earlier in the curriculum', () => {
    expect('prerequisites' in frontMatter(mdx), 'a prerequisites list, empty if none').toBe(true);
    for (const p of guide.data?.prerequisites ?? []) {
      expect(order, `prerequisite ${p}`).toContain(p);
      expect(order.indexOf(p), `${p} comes before ${slug}`).toBeLessThan(order.indexOf(slug));
    }
  });

  it('ends, before its references, with Key takeaways: 3–5 bullets', () => {
    const h2 = [...mdx.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const last = h2.filter((h) => h !== 'References').at(-1);
    expect(last).toBe('Key takeaways');
    if (h2.includes('References')) expect(h2.at(-1), 'References stays last').toBe('References');
    const section = mdx.split(/^## Key takeaways$/m)[1].split(/^## /m)[0];
    const bullets = section.match(/^- \S/gm) ?? [];
    expect(bullets.length).toBeGreaterThanOrEqual(3);
    expect(bullets.length).toBeLessThanOrEqual(5);
    expect(section.replace(/^- .*$/gm, '').trim(), 'nothing but the list').toBe('');
  });
});

describe('course paths', () => {
  it('name only chapters of the curriculum, each once per path, in weeks that are not empty', () => {
    for (const path of coursePaths) {
      const slugs = path.weeks.flatMap((w) => w.chapters);
      expect(slugs.filter((s) => !order.includes(s)), path.id).toEqual([]);
      expect(new Set(slugs).size, `${path.id} repeats a chapter`).toBe(slugs.length);
      for (const week of path.weeks) expect(week.chapters.length, `${path.id}: ${week.title}`).toBeGreaterThan(0);
    }
  });

  it('offer a 3-week core from why-optimizers through Adam and AdamW and schedules to choosing', () => {
    const core = coursePaths.find((p) => p.id === 'core')!;
    expect(core.weeks).toHaveLength(3);
    const slugs = core.weeks.flatMap((w) => w.chapters);
    const milestones = ['why-optimizers', 'adam', 'adam-family', 'schedules', 'choosing'].map((s) => slugs.indexOf(s));
    expect(milestones.every((i) => i >= 0)).toBe(true);
    expect([...milestones].sort((a, b) => a - b)).toEqual(milestones);
  });

  it('offer a 6-week full course with every chapter outside the Reference part, the Frontier part included', () => {
    const full = coursePaths.find((p) => p.id === 'full')!;
    expect(full.weeks).toHaveLength(6);
    const expected = chapters.filter((c) => c.part !== 'Reference').map((c) => c.slug);
    expect(full.weeks.flatMap((w) => w.chapters).sort()).toEqual(expected.sort());
  });

  it('hold the prerequisites of their chapters, each read before the chapter that needs it', () => {
    for (const path of coursePaths) {
      const slugs = path.weeks.flatMap((w) => w.chapters);
      for (const slug of slugs.filter((s) => existsSync(new URL(`../../content/${s}.mdx`, import.meta.url)))) {
        for (const p of chapterGuide.parse(frontMatter(source(slug))).prerequisites) {
          expect(slugs, `${path.id}: ${slug} needs ${p}`).toContain(p);
          expect(slugs.indexOf(p), `${path.id}: ${p} before ${slug}`).toBeLessThan(slugs.indexOf(slug));
        }
      }
    }
  });
});
