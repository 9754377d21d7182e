import katex from 'katex';

/**
 * One formula line as KaTeX HTML+MathML, numbered (k) to match the code's
 * `// (k)` comments. Rendered at build time; `throwOnError` makes a bad
 * formula fail the build rather than show a red error to readers.
 */
export function renderFormulaLine(tex: string, k: number): string {
  return katex.renderToString(`${tex} \\tag{${k}}`, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });
}
