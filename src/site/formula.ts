import katex from 'katex';

/**
 * One formula line as KaTeX HTML+MathML, rendered at build time. `throwOnError`
 * makes a bad formula fail the build rather than show readers a red error.
 * The line number (k) is set beside it by the component, not with \tag, so the
 * formula keeps its natural width and the number never overlaps it.
 */
export function renderFormulaLine(tex: string): string {
  return katex.renderToString(tex, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });
}
