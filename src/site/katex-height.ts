// A display formula's height, read off KaTeX's own output at build time. With it the
// browser can skip laying out the formulas that are off screen (site.css gives them
// `content-visibility: auto` and this height) and nothing moves when it lays them out.
// On the cheat sheet, 101 display formulas, that took the page's style and layout under
// Lighthouse's phone from 1,830 ms to 524 ms (docs/engine-speed.md, "Lighthouse on /adam/").

/**
 * The box of a line of KaTeX's display math when the formula is shorter than the
 * line (KaTeX sets `line-height: 1.2` on its KaTeX_Main font), in em of the
 * formula's font. Measured in Chromium on the guide's 138 display formulas: the
 * heights below then match the laid-out boxes to 0.006 em (0.1 px), a check that
 * tests/e2e/pages.test.ts repeats on every page.
 */
const LINE_ASCENT = 0.88;
const LINE_DESCENT = 0.377;

/** The `--katex-height` property that site.css turns into the formula's reserved height. */
export const HEIGHT_PROPERTY = '--katex-height';

/**
 * The height in em of a display formula's line, from its struts' styles: each
 * `height:Hem;vertical-align:-Dem` is a box reaching H − D above the baseline
 * and D below it, and the line holds the tallest of each beside its own.
 */
export function displayHeight(strutStyles: Iterable<string>): number {
  let ascent = LINE_ASCENT;
  let descent = LINE_DESCENT;
  for (const style of strutStyles) {
    const height = Number(/(?:^|;)\s*height:\s*(-?[\d.]+)em/.exec(style)?.[1] ?? 0);
    const depth = -Number(/vertical-align:\s*(-?[\d.]+)em/.exec(style)?.[1] ?? 0);
    ascent = Math.max(ascent, height - depth);
    descent = Math.max(descent, depth);
  }
  return Math.round((ascent + descent) * 1000) / 1000;
}

const STRUT_STYLE = /class="strut" style="([^"]*)"/g;

/** KaTeX's HTML of one display formula (katex.renderToString), with its height set on it. */
export function withDisplayHeight(html: string): string {
  const height = displayHeight([...html.matchAll(STRUT_STYLE)].map((m) => m[1]));
  return html.replace('<span class="katex-display">', `<span class="katex-display" style="${HEIGHT_PROPERTY}:${height}">`);
}

/** The parts of an HTML tree (hast) this plugin reads. */
interface Node {
  type: string;
  properties?: { className?: unknown; style?: unknown };
  children?: Node[];
}

const hasClass = (node: Node, name: string) =>
  Array.isArray(node.properties?.className) && node.properties.className.includes(name);

/** A rehype plugin, after rehype-katex: sets its height on every display formula. */
export function rehypeKatexHeight() {
  const struts = (node: Node, into: string[]): string[] => {
    if (hasClass(node, 'strut') && typeof node.properties?.style === 'string') into.push(node.properties.style);
    for (const child of node.children ?? []) struts(child, into);
    return into;
  };
  const visit = (node: Node) => {
    if (node.type === 'element' && hasClass(node, 'katex-display')) {
      node.properties = { ...node.properties, style: `${HEIGHT_PROPERTY}:${displayHeight(struts(node, []))}` };
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  return (tree: Node) => visit(tree);
}
