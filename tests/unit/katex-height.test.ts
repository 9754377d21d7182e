import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { renderFormulaLine } from '../../src/site/formula';
import { displayHeight, HEIGHT_PROPERTY, rehypeKatexHeight, withDisplayHeight } from '../../src/site/katex-height';

const heightIn = (html: string) => Number(new RegExp(`${HEIGHT_PROPERTY}:([\\d.]+)`).exec(html)?.[1]);

describe('a display formula’s height', () => {
  it('is the line’s when the formula is shorter, and the tallest strut above plus the deepest below otherwise', () => {
    expect(displayHeight([])).toBe(1.257);
    expect(displayHeight(['height:0.6944em;'])).toBe(1.257);
    // 2.0 tall reaching 0.5 below the baseline: 1.5 above, 0.5 below.
    expect(displayHeight(['height:2em;vertical-align:-0.5em;'])).toBe(2);
    // A tall strut and a deep one on the same line: the tallest above plus the deepest below.
    expect(displayHeight(['height:1.5em;vertical-align:-0.25em;', 'height:1em;vertical-align:-0.9em;'])).toBe(1.25 + 0.9);
    // Deep but short: the line's ascent with the strut's depth.
    expect(displayHeight(['height:1em;vertical-align:-0.6em;'])).toBe(0.88 + 0.6);
  });

  it('is set on the formula the same way from KaTeX’s string and from its tree', () => {
    for (const tex of ['\\eta', 'm_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1)\\, g_t', '\\theta_t \\gets \\theta_{t-1} - \\eta\\,\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\varepsilon}', '\\sum_{i=1}^{n} x_i^2']) {
      const html = katex.renderToString(tex, { displayMode: true, output: 'htmlAndMathml' });
      const fromString = heightIn(withDisplayHeight(html));
      const tree = fromHtml(html, { fragment: true });
      rehypeKatexHeight()(tree as never);
      expect(heightIn(toHtml(tree)), tex).toBe(fromString);
      expect(fromString, tex).toBeGreaterThanOrEqual(1.257);
    }
    // A fraction under a square root stands well over two lines of text.
    expect(heightIn(renderFormulaLine('\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\varepsilon}'))).toBeGreaterThan(2);
  });

  it('leaves inline formulas alone', () => {
    const tree = fromHtml(katex.renderToString('x^2', { displayMode: false }), { fragment: true });
    rehypeKatexHeight()(tree as never);
    expect(toHtml(tree)).not.toContain(HEIGHT_PROPERTY);
  });
});
