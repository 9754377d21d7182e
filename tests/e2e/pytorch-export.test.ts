import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, watchErrors } from '../../scripts/chromium.mjs';
import { starters } from '../../src/lab/starters';
import { openWidget, press, setCode, waitForStatus } from './widgets';

// The Embed dialog's "Run it in PyTorch" script, as a reader copies it from a
// chapter's trainer, runs in Debian's PyTorch (/usr/bin/python3 with
// python3-torch) and prints a falling loss that matches the widget's.
let browser: Awaited<ReturnType<typeof launch>>;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
const dir = mkdtempSync(join(tmpdir(), 'descent-e2e-export-'));

async function exported(path: string, steps: number) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(inject('baseURL') + path, { waitUntil: 'load' });
  const trainer = await openWidget(page, 'descent-trainer');
  for (let i = 0; i < steps; i++) await press(trainer, 'Step');
  const status = await waitForStatus(trainer, (s) => s.step === steps);
  await trainer.getByRole('button', { name: 'Embed' }).click();
  const dialog = trainer.getByRole('dialog', { name: 'Embed this widget' });
  const script = dialog.getByLabel('The script');
  await expect.poll(() => script.inputValue(), { timeout: 30_000 }).toMatch(/^#!\/usr\/bin\/env python3/);
  const text = await script.inputValue();
  expect(await dialog.getByText(/agree with the widget's to about six digits/).count()).toBe(1);
  await page.close();
  expect(errors).toEqual([]);
  return { text, loss: status.loss };
}

function run(name: string, text: string, label?: string) {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, text);
  const out = execFileSync(process.env.DESCENT_PYTHON ?? '/usr/bin/python3', [file], { encoding: 'utf8', timeout: 120_000 });
  const of = label ? ` {2}\\[${label}` : '';
  return { out, initial: Number(new RegExp(`^initial train loss (\\S+)${of}`, 'm').exec(out)?.[1]), final: Number(new RegExp(`^final train loss (\\S+)${of}`, 'm').exec(out)?.[1]) };
}

describe('Run it in PyTorch', () => {
  for (const [path, id, torchClass] of [['/adam/', 'adam', 'torch.optim.Adam'], ['/sgd/', 'sgd', 'torch.optim.SGD']] as const)
    it(`the first trainer on ${path}, not yet run, exports 1,000 steps that Debian's PyTorch runs to a lower loss`, async () => {
      const { text } = await exported(path, 0);
      // The run's group names the rule, which the script builds with torch.optim's class.
      expect(text).toContain(`"optimizer": "${id}"`);
      expect(text).toContain(`"${id}": (${torchClass},`);
      expect(text).toMatch(/"steps": 1000\b/);
      const { out, initial, final } = run(path.replaceAll('/', ''), text);
      expect(final, out).toBeLessThan(initial * 0.9);
    }, 180_000);

  it("after five steps on /adam/, the script ends at the widget's loss", async () => {
    const { text, loss } = await exported('/adam/', 5);
    const { final } = run('adam-5', text);
    // The status shows 3 significant digits.
    expect(Math.abs(final / loss - 1), `${final} vs the widget's ${loss}`).toBeLessThan(0.01);
  }, 180_000);

  it("the playground's SGD starter, translated, runs in Debian's PyTorch to a lower loss", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL') + '/lab/', { waitUntil: 'load' });
    const playground = await openWidget(page, 'descent-playground');
    await setCode(playground, starters.sgd.source);
    await playground.getByRole('button', { name: 'Embed' }).click();
    const dialog = playground.getByRole('dialog', { name: 'Embed this widget' });
    const script = dialog.getByLabel('The script');
    await expect.poll(() => script.inputValue(), { timeout: 30_000 }).toMatch(/^#!\/usr\/bin\/env python3/);
    const text = await script.inputValue();
    expect(await dialog.getByText(/agree with the widget's to about six digits/).count()).toBe(1);
    // Code the translation cannot take: the dialog says what and where, and the script races the built-ins only.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await setCode(playground, starters.sgd.source.replace('return [sub(param, mul(lr, grad)), state];', 'return [param.sub(grad.mul(lr)), state];'));
    await playground.getByRole('button', { name: 'Embed' }).click();
    await expect.poll(() => script.inputValue(), { timeout: 30_000 }).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(await dialog.getByText(/^Your optimizer is not in the script: line \d+: the call param\.sub\(…\) cannot be translated to PyTorch\. The script has the built-in optimizers only\.$/).count()).toBe(1);
    expect(await script.inputValue()).not.toContain('YourOptimizer');
    await page.close();
    expect(errors).toEqual([]);
    expect(text).toContain('class YourOptimizer(DescentRule)');
    expect(text).toContain('return [tf.sub(param, tf.mul(lr, grad)), state]');
    const { out, initial, final } = run('playground-sgd', text, 'Your optimizer');
    expect(final, out).toBeLessThan(initial * 0.9);
  }, 180_000);
});
