import { dist } from './built-site.mjs';
import { launch } from './chromium.mjs';
import { serveStatic } from './serve.mjs';
const { server, url } = await serveStatic(dist);
const browser = await launch();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 375, height: 812 });
await page.goto(url + process.argv[2], { waitUntil: 'load' });
const r = await page.evaluate(async () => {
  const ws = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('descent-') && 'ready' in el);
  const out = [];
  for (const el of ws) { el.scrollIntoView(); await el.ready; await new Promise((r) => setTimeout(r, 300)); out.push([el.localName, el.id, Math.round(el.getBoundingClientRect().height), getComputedStyle(el).getPropertyValue('--reserve-narrow')]); }
  return out;
});
console.log(r.map((x) => x.join(' ')).join('\n'));
await browser.close(); server.close();
