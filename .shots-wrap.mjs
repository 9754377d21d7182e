import { dist } from './scripts/built-site.mjs';
import { launch } from './scripts/chromium.mjs';
import { serveStatic } from './scripts/serve.mjs';
const { server, url } = await serveStatic(dist);
const browser = await launch(); console.log('url', url);
const shots = [
  ['trainer', 'embed/trainer/?optimizer=muon&sam=0.05&lookahead=5&lookaheadAlpha=0.5&nsSteps=2.5', true],
  ['race', 'embed/race/?optimizers=sgd(lr=0.1),sgd(lr=0.1,sam=0.05),adam(lr=0.01,lookahead=5)&steps=60', false],
  ['surface', 'embed/surface/?fn=quadratic&optimizers=sgd(lr=0.1),sgd(lr=0.1,sam=0.3),momentum(lr=0.05,momentum=0.9,lookahead=5)&steps=60', false],
];
for (const [name, path, more] of shots) {
  for (const width of [375, 1280]) {
    const page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log('console error', name, m.text()));
    page.on('pageerror', (e) => console.log('page error', name, e.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(new URL(path, url.endsWith('/') ? url : url + '/').href, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    if (more) await page.getByText('More settings').click();
    const play = page.getByRole('button', { name: /Play/ }).first();
    await play.click();
    await page.waitForTimeout(4000);
    const status = await page.locator('[role=status]').first().textContent().catch(() => '?');
    console.log(name, width, 'status:', status);
    await page.screenshot({ path: `/tmp/wrapshots/${name}-${width}.png`, fullPage: true });
    await page.close();
  }
}
await browser.close();
server.close();
