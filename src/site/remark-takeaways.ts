/** The parts of a markdown tree this plugin reads. */
interface Node {
  type: string;
  depth?: number;
  value?: string;
  children?: Node[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

/** The heading that closes every chapter, before its References. */
export const takeawaysHeading = 'Key takeaways';

const text = (node: Node): string => node.value ?? (node.children ?? []).map(text).join('');

/**
 * A remark plugin: wraps a chapter's `## Key takeaways` heading and what
 * follows it, up to the next heading of the same or a higher level, in
 * `<section class="key-takeaways" aria-labelledby="key-takeaways">`, which
 * the site's CSS draws as a box. The heading keeps its place in the table of
 * contents and its anchor (`#key-takeaways`). Pages without the heading are
 * left as they are.
 */
export function remarkTakeaways() {
  return (tree: Node) => {
    const children = tree.children ?? [];
    const start = children.findIndex((n) => n.type === 'heading' && n.depth === 2 && text(n).trim() === takeawaysHeading);
    if (start < 0) return;
    let end = start + 1;
    while (end < children.length && !(children[end].type === 'heading' && (children[end].depth ?? 7) <= 2)) end++;
    const box: Node = {
      type: 'keyTakeaways',
      children: children.slice(start, end),
      data: { hName: 'section', hProperties: { className: ['key-takeaways'], ariaLabelledBy: 'key-takeaways' } },
    };
    children.splice(start, end - start, box);
  };
}
