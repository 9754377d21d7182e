import { codeToHtml } from 'shiki';
import { formulaTags } from './update-source';

/**
 * Highlights TypeScript at build time (no highlighter ships to the browser).
 * Lines tagged `// (k)` get `data-eq="k"` and a tab stop so the
 * formula-beside-code block can link them to formula line k.
 * The "-default" GitHub themes are used because their comment colours pass
 * WCAG AA contrast on their own backgrounds; plain github-dark does not.
 */
export async function highlightTagged(code: string): Promise<string> {
  const tags = formulaTags(code);
  return codeToHtml(code, {
    lang: 'ts',
    themes: { light: 'github-light-default', dark: 'github-dark-default' },
    transformers: [
      {
        line(node, line) {
          const eq = tags.get(line - 1);
          if (!eq) return;
          node.properties['data-eq'] = eq.join(' ');
          node.properties.tabindex = 0;
        },
      },
    ],
  });
}
