import { expect, it } from 'vitest';
import { chapterPosition, readingMinutes } from '../../src/site/chapter-meta';
import { chapters } from '../../src/curriculum';

it('places a chapter in the book', () => {
  expect(chapterPosition('gradient-descent')).toMatchObject({ number: 2, total: chapters.length, part: 'Foundations' });
  expect(chapterPosition('index')).toBeUndefined();
});

it('counts prose words at 200 a minute, skipping imports, tags and formulas, and adds time for display math', () => {
  const words = Array(400).fill('word').join(' ');
  expect(readingMinutes(`---\ntitle: t\n---\nimport X from 'y';\n<X a="b" />\n${words}`)).toBe(2);
  expect(readingMinutes(`${words}\n$$\na = b\n$$\n$$c$$\n$$d$$\n$$e$$`)).toBe(3);
  expect(readingMinutes('')).toBe(1);
});
