// Screenshots of built pages at phone and desktop widths, light and dark, for a person to look at.
// Usage: [DIST=build-dir] node scripts/screenshots.mjs [out-dir] [/path/ …]   (needs `npm run build` first)
import { mkdirSync } from 'node:fs';
import { dist } from './built-site.mjs';
import { launch } from './chromium.mjs';
import { serveStatic } from './serve.mjs';

const [out = 'screenshots', ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const { server, url } = await serveStatic(dist);
const browser = await launch();
for (const path of paths.length ? paths : ['/', '/gradient-descent/']) {
  for (const [width, height] of [[375, 812], [1280, 900]]) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.goto(url + path, { waitUntil: 'networkidle' });
      // Scroll through the page so lazy widgets start before the shot.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 400) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 60));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForTimeout(300);
      const name = `${out}/${path.replace(/\//g, '_') || 'home'}-${width}-${theme}.png`;
      await page.screenshot({ path: name, fullPage: true });
      console.log(name);
      await page.close();
    }
  }
}
await browser.close();
server.close();
