import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import config from '../../.htmlvalidate.mjs';
import { dist, htmlFiles } from '../../scripts/built-site.mjs';

// Needs the production build, not a browser.
const files = htmlFiles();
// The configuration is passed in, since the build may live outside the project (DIST).
const validator = new HtmlValidate(config);

async function problems(html: string, file: string): Promise<string[]> {
  const report = await validator.validateString(html, file);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message} (${m.selector ?? ''})`));
}

it('finds the errors the recommended rules are for: the configuration extends them', async () => {
  const bad = '<!doctype html><html lang="en"><head><title>t</title></head><body><img src="a.png"><p id="x"></p><p id="x"></p></body></html>';
  const found = (await problems(bad, 'bad.html')).map((p) => p.split(' ')[0]);
  expect(found).toEqual(expect.arrayContaining(['wcag/h37', 'no-dup-id']));
});

describe.each(files)('%s', (file) => {
  it('is valid HTML', async () => {
    expect(await problems(readFileSync(join(dist, file), 'utf8'), file)).toEqual([]);
  });
});
