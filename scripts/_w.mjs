import { dist } from './built-site.mjs';
import { launch } from './chromium.mjs';
import { serveStatic } from './serve.mjs';
import { measureWeight, totalBytes } from './bench/weight.mjs';
const { server, url } = await serveStatic(dist);
const browser = await launch();
for (const p of process.argv.slice(2)) {
  const w = await measureWeight(browser.context, url + p);
  console.log(p, 'textFirst', totalBytes(w.textFirst), 'everything', totalBytes(w.everything), 'worker', totalBytes(w.worker));
  for (const s of w.worker.sort((a,b)=>b.bytes-a.bytes)) console.log('  ', s.bytes, new URL(s.url).pathname);
}
await browser.close(); server.close();
