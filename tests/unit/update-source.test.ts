import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optimizers } from '../../src/optimizers';
import { frontierOptimizers } from '../../src/optimizers/frontier';
import { findUpdateSource, formulaTags } from '../../src/site/update-source';
import { highlightTagged } from '../../src/site/highlight';
import { renderFormulaLine } from '../../src/site/formula';

const dir = new URL('../../src/optimizers/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ f, text: readFileSync(new URL(f, dir), 'utf8') }));

describe('findUpdateSource', () => {
  const sample = [
    "export const a = {",
    "  id: 'a',",
    "  update(p, g) {",
    "    return [p, {}]; // (1)",
    "  },",
    "};",
    "export const b = { id: 'b', update: (p) => [p, {}] };",
  ].join('\n');

  it('returns the whole lines of the method of the object with that id', () => {
    expect(findUpdateSource(sample, 'a')).toEqual({
      code: "  update(p, g) {\n    return [p, {}]; // (1)\n  },",
      startLine: 3,
    });
  });
  it('finds arrow-function properties and ignores other ids', () => {
    expect(findUpdateSource(sample, 'b')?.startLine).toBe(7);
    expect(findUpdateSource(sample, 'c')).toBeUndefined();
  });
  it('reads formula tags, including lines that compute two formula lines', () => {
    expect([...formulaTags('x // (1)\ny\nz; // (2, 3)\nw // (4) not a tag').entries()]).toEqual([
      [0, [1]],
      [2, [2, 3]],
    ]);
  });
});

describe.each(Object.values({ ...optimizers, ...frontierOptimizers }).map((o) => [o.id, o] as const))('optimizer %s', (id, opt) => {
  const hits = files.flatMap(({ f, text }) => {
    const src = findUpdateSource(text, id);
    return src ? [{ f, text, ...src }] : [];
  });

  it('has exactly one update method in src/optimizers, shown byte-for-byte', () => {
    expect(hits).toHaveLength(1);
    const { text, code, startLine } = hits[0];
    const lines = text.split('\n');
    expect(lines.slice(startLine - 1, startLine - 1 + code.split('\n').length).join('\n')).toBe(code);
    expect(code.trimStart().startsWith('update')).toBe(true);
  });

  it('tags every formula line in its code, and no line that does not exist', () => {
    const used = new Set([...formulaTags(hits[0].code).values()].flat());
    const lines = opt.formula.map((_: string, i: number) => i + 1);
    expect([...used].sort((a, b) => a - b)).toEqual(lines);
  });

  it('renders each formula line with KaTeX and highlights the code with links', async () => {
    for (const tex of opt.formula) expect(renderFormulaLine(tex)).toContain('class="katex-display"');
    const html = await highlightTagged(hits[0].code);
    for (const k of opt.formula.keys()) expect(html).toMatch(new RegExp(`data-eq="[^"]*\\b${k + 1}\\b`));
  });
});
