import type { AstroIntegration } from 'astro';
import { withBase } from './base';

// The JSX attributes that hold a URL of this site in what chapters write.
const urlAttributes = new Set(['href', 'src']);

/** The parts of a markdown tree (with MDX's JSX nodes) this plugin reads. */
interface Node {
  type: string;
  url?: string;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
}

function rebase(node: Node, base: string): void {
  if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined) {
    node.url = withBase(base, node.url);
  } else if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.attributes) {
    for (const attribute of node.attributes) {
      // An expression (href={…}) is the author's code; only plain strings are rewritten.
      if (attribute.type === 'mdxJsxAttribute' && urlAttributes.has(attribute.name ?? '') && typeof attribute.value === 'string')
        attribute.value = withBase(base, attribute.value);
    }
  }
  for (const child of node.children ?? []) rebase(child, base);
}

/**
 * A remark plugin: puts the site's base path in front of every root-relative
 * link and source a chapter writes, in markdown (`[Adam](/adam/)`, images,
 * link definitions) and in HTML or JSX in MDX (`<a href="/exercises/">`).
 * Chapters keep writing paths from the site's root and work wherever the site
 * is hosted. It works on the markdown, before plugins such as Expressive Code
 * add elements of their own whose URLs already carry the base.
 */
export function remarkBase({ base }: { base: string }) {
  return (tree: Node) => rebase(tree, base);
}

/**
 * Adds remarkBase with the base the build actually uses, which may come from
 * the command line (`astro build --base /descent/`) rather than the config file.
 */
export function baseLinks(): AstroIntegration {
  return {
    name: 'descent:base-links',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        updateConfig({ markdown: { remarkPlugins: [[remarkBase, { base: config.base }]] } });
      },
    },
  };
}
