// @ts-check
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { chapters, parts } from './src/curriculum.ts';
import { widgetsBundle } from './src/site/widgets-bundle.ts';
import { csp } from './src/site/csp.ts';
import { offline } from './src/site/offline.ts';
import { baseLinks } from './src/site/remark-base.ts';
import { remarkTakeaways } from './src/site/remark-takeaways.ts';
import { rehypeKatexHeight } from './src/site/katex-height.ts';
import { siteUrl } from './src/site/deploy.ts';
import pkg from './package.json' with { type: 'json' };

// The sidebar follows src/curriculum.ts; a chapter not yet written is left out.
const written = chapters.filter((c) => existsSync(new URL(`./content/${c.slug}.mdx`, import.meta.url)));
const sidebar = [
  ...parts
    .map((part) => ({ label: part, items: written.filter((c) => c.part === part).map((c) => c.slug) }))
    .filter((group) => group.items.length > 0),
  { label: 'Using Descent', items: ['exercises', 'progress', 'embedding'] },
];

// Starlight's two tables of contents run src/site/toc.ts in place of their own
// element, which took 130 ms of a long chapter's load (the file says why).
function starlightToc() {
  const ours = fileURLToPath(new URL('./src/site/toc.ts', import.meta.url));
  return {
    name: 'descent:starlight-toc',
    enforce: /** @type {const} */ ('pre'),
    /** @param {string} source @param {string | undefined} importer */
    resolveId: (source, importer) =>
      source.endsWith('/starlight-toc') && importer?.includes('@astrojs/starlight/components/') ? ours : null,
  };
}

// Where the site is served: SITE (an origin, see src/site/deploy.ts) and BASE (a path,
// e.g. /descent/; `astro build --base /descent/` sets it too). README, "Deploy".
export default defineConfig({
  site: siteUrl(process.env),
  base: process.env.BASE || '/',
  integrations: [
    starlight({
      title: 'Descent',
      description: 'An interactive field guide to the optimizers that train neural networks.',
      favicon: '/favicon.svg',
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar,
      components: {
        MarkdownContent: './components/overrides/MarkdownContent.astro',
        PageTitle: './components/overrides/PageTitle.astro',
        Footer: './components/overrides/Footer.astro',
        ThemeProvider: './components/overrides/ThemeProvider.astro',
        ThemeSelect: './components/overrides/ThemeSelect.astro',
        Hero: './components/overrides/Hero.astro',
        Header: './components/overrides/Header.astro',
      },
      routeMiddleware: './src/site/route-base.ts',
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
    baseLinks(),
    mdx(),
    widgetsBundle(pkg.version),
    csp(),
    // Last: it lists the finished build's files for the service worker.
    offline(),
  ],
  markdown: {
    remarkPlugins: [remarkMath, remarkTakeaways],
    // throwOnError: a formula KaTeX cannot parse fails the build instead of shipping a red error.
    // rehypeKatexHeight: each display formula's height, for the CSS that skips laying out those off screen.
    rehypePlugins: [[rehypeKatex, { throwOnError: true, strict: 'ignore' }], rehypeKatexHeight],
  },
  vite: {
    plugins: [starlightToc()],
    define: { __DESCENT_VERSION__: JSON.stringify(pkg.version) },
    // Module workers with chunks of their own: the training engine loads the digits only when a widget uses them.
    // Named worker-…, so that page-weight budgets tell the Workers' JavaScript from the page's.
    worker: {
      format: 'es',
      rollupOptions: { output: { entryFileNames: '_astro/worker-[name]-[hash].js', chunkFileNames: '_astro/worker-[name]-[hash].js' } },
    },
    resolve: {
      // tfjs-core references node-fetch for Node; the dev server chokes on it (withastro/astro#6988).
      alias: { 'node-fetch': fileURLToPath(new URL('./src/site/empty-module.ts', import.meta.url)) },
    },
  },
});
