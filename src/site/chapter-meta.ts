import { chapters, type ChapterRef } from '../curriculum';

/** Where a chapter sits in the book, or undefined for pages outside the curriculum. */
export function chapterPosition(slug: string): (ChapterRef & { number: number; total: number }) | undefined {
  const i = chapters.findIndex((c) => c.slug === slug);
  return i < 0 ? undefined : { ...chapters[i], number: i + 1, total: chapters.length };
}

/**
 * Minutes to read an MDX chapter at 200 words a minute, counting prose only:
 * imports, component tags and formulas are left out (formulas are read slowly,
 * so each display formula adds a quarter of a minute instead).
 */
export function readingMinutes(mdx: string): number {
  const body = mdx.replace(/^---[\s\S]*?---/, '');
  const displays = (body.match(/\$\$[\s\S]*?\$\$/g) ?? []).length;
  const prose = body
    .replace(/^import .*$/gm, '')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' x ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  const words = prose.split(/\s+/).filter((w) => /\w/.test(w)).length;
  return Math.max(1, Math.round(words / 200 + displays / 4));
}
