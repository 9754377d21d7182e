import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { expect, it } from 'vitest';
import { remarkTakeaways } from '../../src/site/remark-takeaways';

const html = async (md: string) =>
  String(await unified().use(remarkParse).use(remarkTakeaways).use(remarkRehype).use(rehypeStringify).process(md));

it('boxes the Key takeaways heading with its list, and stops at the next section', async () => {
  const out = await html('## Momentum\n\ntext\n\n## Key takeaways\n\n- one\n- two\n\n### Detail\n\nmore\n\n## References\n\n- a paper\n');
  const box = out.match(/<section class="key-takeaways" aria-labelledby="key-takeaways">([\s\S]*?)<\/section>/);
  expect(box).not.toBeNull();
  expect(box![1]).toContain('<h2>Key takeaways</h2>');
  expect(box![1]).toContain('<li>two</li>');
  expect(box![1], 'a lower heading stays inside').toContain('<h3>Detail</h3>');
  expect(box![1]).not.toContain('References');
  expect(out.indexOf('<h2>Momentum</h2>')).toBeLessThan(out.indexOf('<section'));
  expect(out.indexOf('</section>')).toBeLessThan(out.indexOf('<h2>References</h2>'));
});

it('boxes to the end of the page when no heading follows, and leaves other pages alone', async () => {
  expect(await html('## Key takeaways\n\n- last\n')).toMatch(/^<section class="key-takeaways"[^>]*>[\s\S]*<li>last<\/li>[\s\S]*<\/section>$/);
  const plain = '## Keys\n\n- a\n\n### Key takeaways\n\n- b\n';
  expect(await html(plain), 'only a level-2 heading with exactly that text').not.toContain('<section');
});
