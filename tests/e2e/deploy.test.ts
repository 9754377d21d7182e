import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { builtBase, builtRoot } from '../../scripts/built-site.mjs';
import { openPage } from './widgets';

// The site under a sub-path, as on GitHub Pages (/<repository>/): `npm test`
// builds for /descent/ and every e2e test runs there; links.test.ts checks each
// link of the build. This file checks what is decided in the browser.
let opened: Awaited<ReturnType<typeof openPage>>;
beforeAll(async () => {
  opened = await openPage('/embedding/');
});
afterAll(() => opened.browser.close());

describe('a build served under a sub-path', () => {
  it('is what the e2e tests run against (npm test builds with --base /descent/)', () => {
    expect(builtBase()).toBe('/descent/');
    expect(inject('baseURL')).toMatch(/\/descent$/);
  });

  it('the Embedding page’s snippets show the address it is served from, in the text and for the Copy button', async () => {
    const { page, errors } = opened;
    const served = `${inject('baseURL')}/`;
    // The build wrote the configured address, which is not where the tests serve it.
    expect(builtRoot()).not.toBe(served);
    const blocks = page.locator('.embed-snippet');
    expect(await blocks.count()).toBe(2);
    const texts = await blocks.locator('pre').allTextContents();
    const copied = await blocks.locator('button[data-code]').evaluateAll((els) => els.map((el) => el.getAttribute('data-code')!));
    expect(texts[0]).toContain(`<iframe src="${served}embed/surface/?fn=himmelblau`);
    expect(texts[1]).toMatch(new RegExp(`^<script type="module" src="${served}widgets/\\d+\\.\\d+\\.\\d+/widgets\\.js">`));
    for (const text of [...texts, ...copied]) expect(text).not.toContain(builtRoot()!);
    expect(copied[1]).toContain(`${served}widgets/`);
    expect(errors).toEqual([]);
  });

  it('the script snippet’s address serves the widgets module', async () => {
    const { page } = opened;
    const src = /src="([^"]+)"/.exec((await page.locator('.embed-snippet pre').nth(1).textContent())!)![1];
    const response = await page.request.get(src);
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/customElements|descent-/);
  });
});
