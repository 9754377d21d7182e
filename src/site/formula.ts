import katex from 'katex';
import { withDisplayHeight } from './katex-height';

/**
 * One formula line as KaTeX HTML+MathML, rendered at build time. `throwOnError`
 * makes a bad formula fail the build rather than show readers a red error.
 * The line number (k) is set beside it by the component, not with \tag, so the
 * formula keeps its natural width and the number never overlaps it. Its height
 * is set on it for the page's CSS (katex-height.ts).
 */
export function renderFormulaLine(tex: string): string {
  return withDisplayHeight(katex.renderToString(tex, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' }));
}
