import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { chapters, coursePaths } from '../../src/curriculum';
import { optimizers } from '../../src/optimizers';

// The reading guide around the chapters: objectives and prerequisites under the title,
// the boxed takeaways, the landing page's two paths, and the cheat sheet on paper.
let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object each. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

describe('the reading guide', () => {
  it('shows a chapter’s objectives and linked prerequisites under its title, and boxes its takeaways', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/adam/', { waitUntil: 'domcontentloaded' });
    const guide = page.locator('.chapter-guide');
    expect(await guide.locator('.chapter-guide__lead').textContent()).toBe('In this chapter you will…');
    expect(await guide.locator('li').count()).toBeGreaterThanOrEqual(3);
    const before = guide.locator('.chapter-guide__before a');
    expect(await before.allTextContents()).toEqual(['Momentum', 'RMSprop']);
    expect(await before.first().getAttribute('href')).toBe(new URL(inject('baseURL')).pathname.replace(/\/$/, '') + '/momentum/');
    const box = page.locator('section.key-takeaways');
    expect(await box.count()).toBe(1);
    expect(await box.getAttribute('aria-labelledby')).toBe('key-takeaways');
    expect(await box.locator('h2#key-takeaways').count()).toBe(1);
    expect(await box.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await box.evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
    // The takeaways come before the references, which stay outside the box.
    expect(await box.locator('#references').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers the two course paths on the landing page, week by week, with working links', async () => {
    const page = await browser.context.newPage();
    await page.goto(inject('baseURL') + '/', { waitUntil: 'domcontentloaded' });
    for (const path of coursePaths) {
      const section = page.locator(`section[aria-labelledby="path-${path.id}"]`);
      expect(await section.locator('h3').textContent()).toBe(path.title);
      expect(await section.locator('.course-paths__weeks > li').count()).toBe(path.weeks.length);
    }
    const core = page.locator('section[aria-labelledby="path-core"]');
    const hrefs = await core.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    // Each chapter once (its Predict, where it has one, links into the same page).
    expect(new Set(hrefs).size).toBe(coursePaths[0].weeks.flatMap((w) => w.chapters).length);
    for (const href of hrefs) expect((await page.request.get(new URL(href, inject('baseURL')).href)).status(), href).toBe(200);
    expect(await core.textContent()).toMatch(/exercises: AdamW, AMSGrad, Adamax, NAdam, RAdam/);
    await page.close();
  });

  it('prints the cheat sheet, every rule of the registry, on two sides of A4 or Letter without the site around it', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
    await page.goto(inject('baseURL') + '/cheat-sheet/', { waitUntil: 'networkidle' });
    expect(await page.locator('.cheat-card').count()).toBe(Object.keys(optimizers).length);
    expect(await page.locator('.cheat-card .katex').count()).toBeGreaterThan(Object.keys(optimizers).length);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.sidebar').evaluate((e) => getComputedStyle(e).display)).toBe('none');
    for (const format of ['A4', 'Letter'] as const) {
      const pages = pageCount(await page.pdf({ format, printBackground: false, margin: { top: '1cm', bottom: '1cm', left: '1cm', right: '1cm' } }));
      expect(pages, format).toBeGreaterThanOrEqual(1);
      expect(pages, format).toBeLessThanOrEqual(2);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  // src/site/toc.ts, in place of Starlight's element.
  it('marks the section being read in the table of contents, wide and on a phone', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    /** Scrolls the page until `selector`'s top sits just under the header, where the table looks. */
    const readAt = (selector: string) =>
      page.locator(selector).evaluate((el) => scrollTo(0, scrollY + el.getBoundingClientRect().top - (document.querySelector('header')?.offsetHeight ?? 0) - 60));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(inject('baseURL') + '/adam/');
    const current = page.locator('starlight-toc a[aria-current="true"]');
    await readAt('#defaults');
    await expect.poll(() => current.textContent()).toMatch(/^\s*Defaults\s*$/);
    await readAt('#the-rule + *');
    await expect.poll(() => current.textContent()).toMatch(/^\s*The rule\s*$/);
    // A cheat-sheet card's title is not in the table: reading the card is reading its section.
    await page.goto(inject('baseURL') + '/cheat-sheet/');
    await readAt('#rule-lars');
    await expect.poll(() => current.textContent()).toMatch(/^\s*Frontier rules\s*$/);
    // A phone names the section in the bar under the header.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(inject('baseURL') + '/adam/');
    await readAt('#where-ε-goes');
    await expect.poll(() => page.locator('mobile-starlight-toc .display-current').textContent()).toMatch(/^\s*Where ε goes\s*$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the cheat sheet in the Reference part of the curriculum', () => {
    expect(chapters.find((c) => c.slug === 'cheat-sheet')?.part).toBe('Reference');
  });
});
