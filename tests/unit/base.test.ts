import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { withBase } from '../../src/site/base';
import { siteUrl, sourceRepository } from '../../src/site/deploy';
import { fillSnippet } from '../../src/site/embed-snippets';
import { remarkBase } from '../../src/site/remark-base';

describe('withBase', () => {
  it('puts the base in front of root-relative paths, with or without its trailing slash', () => {
    expect(withBase('/descent/', '/adam/')).toBe('/descent/adam/');
    expect(withBase('/descent', '/adam/#state')).toBe('/descent/adam/#state');
    expect(withBase('/descent/', '/')).toBe('/descent/');
    expect(withBase('/', '/adam/')).toBe('/adam/');
    expect(withBase('/a/b/', '/embed/trainer/?lr=1&seed=3')).toBe('/a/b/embed/trainer/?lr=1&seed=3');
  });
  it('leaves other URLs alone: full, protocol-relative, fragment, relative', () => {
    for (const url of ['https://example.com/x/', '//cdn.example.com/x.js', '#update-rule', 'adam/', '../adam/', 'mailto:a@b.c', ''])
      expect(withBase('/descent/', url)).toBe(url);
  });
});

// Golden MDX in, the href/src attributes of the compiled page out.
const chapter = `
See [Adam](/adam/) and [its state](/adam/#state), [a section](#below), [elsewhere](https://example.com/x/).

<a href="/exercises/">exercises</a> <a href={'/' + 'lab/'}>computed</a>

<iframe src="/embed/trainer/?optimizer=sgd"></iframe>

<Widget href="/lab/" />

![a figure](/figure.svg) <img src="//cdn.example.com/x.png" /> [by reference][ref]

[ref]: /notation/
`;
const urls = async (base: string) => {
  const js = String(await compile(chapter, { jsx: true, remarkPlugins: [[remarkBase, { base }]] }));
  return [...js.matchAll(/\b(href|src)=(?:"([^"]*)"|\{([^}]*)\})/g)].map((m) => `${m[1]}=${m[2] ?? `{${m[3]}}`}`);
};

describe('remarkBase', () => {
  it('adds the base to markdown links, images, link definitions, and HTML or JSX attributes written in MDX', async () => {
    expect(await urls('/descent/')).toEqual([
      'href=/descent/adam/',
      'href=/descent/adam/#state',
      'href=#below',
      'href=https://example.com/x/',
      'href=/descent/exercises/',
      "href={'/' + 'lab/'}",
      'src=/descent/embed/trainer/?optimizer=sgd',
      'href=/descent/lab/',
      'src=/descent/figure.svg',
      'src=//cdn.example.com/x.png',
      'href=/descent/notation/',
    ]);
  });
  it('changes nothing at the root', async () => {
    expect((await urls('/')).filter((u) => u.includes('/descent/'))).toEqual([]);
    expect(await urls('/')).toContain('href=/adam/');
  });
});

describe('siteUrl', () => {
  it('takes SITE first, then the host the build runs on, then the preview address', () => {
    expect(siteUrl({ SITE: 'https://optimizers.example.edu', NETLIFY: 'true', URL: 'https://x.netlify.app' })).toBe('https://optimizers.example.edu');
    expect(siteUrl({ NETLIFY: 'true', URL: 'https://descent.netlify.app' })).toBe('https://descent.netlify.app');
    expect(siteUrl({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY_OWNER: 'Ada-L' })).toBe('https://ada-l.github.io');
    expect(siteUrl({})).toBe('http://localhost:4321');
  });
});

describe('fillSnippet', () => {
  it('writes the root URL and version into a snippet', () => {
    expect(fillSnippet('<script src="{root}widgets/{version}/widgets.js"></script> {root}', 'https://h/d/', '1.2.0')).toBe(
      '<script src="https://h/d/widgets/1.2.0/widgets.js"></script> https://h/d/',
    );
  });
});

describe('sourceRepository', () => {
  it('takes REPOSITORY, else what GitHub Actions or Netlify say, else nothing rather than a made-up address', () => {
    expect(sourceRepository({ REPOSITORY: 'https://git.example.edu/course/descent', GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'a/b' })).toBe('https://git.example.edu/course/descent');
    expect(sourceRepository({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'prof/descent', GITHUB_SERVER_URL: 'https://github.com' })).toBe('https://github.com/prof/descent');
    expect(sourceRepository({ NETLIFY: 'true', REPOSITORY_URL: 'https://github.com/prof/descent' })).toBe('https://github.com/prof/descent');
    expect(sourceRepository({})).toBeUndefined();
  });
});
