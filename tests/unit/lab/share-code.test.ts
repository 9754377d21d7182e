import { describe, expect, it } from 'vitest';
import { codeInFragment, decodeSource, encodeSource, fragmentWith, MAX_SHARED_CHARS } from '../../../src/lab/share-code';
import { starters } from '../../../src/lab/starters';
import { linkedWidget } from '../../../src/widgets/permalink';

describe('code in links', () => {
  it('round-trips every starter and text with any characters, shorter than the source', async () => {
    for (const { source } of Object.values(starters)) {
      const encoded = await encodeSource(source);
      expect(encoded).toMatch(/^[\w-]+$/);
      expect(encoded.length).toBeLessThan(source.length);
      expect(await decodeSource(encoded)).toBe(source);
    }
    const odd = 'const hp = { lr: 0.1 }; // η, β₁ — “quotes” \u{1F600}\n\t\0';
    expect(await decodeSource(await encodeSource(odd))).toBe(odd);
    expect(await decodeSource(await encodeSource(''))).toBe('');
  });

  it('says what is wrong with a damaged link instead of throwing something obscure', async () => {
    const good = await encodeSource(starters.adam.source);
    await expect(decodeSource('abc$%')).rejects.toThrow('not base64url');
    await expect(decodeSource(good.slice(0, 4 * Math.floor(good.length / 8)))).rejects.toThrow('does not decompress');
    await expect(decodeSource('AAAA')).rejects.toThrow('damaged');
    await expect(encodeSource('x'.repeat(MAX_SHARED_CHARS + 1))).rejects.toThrow('too long');
  });

  it('keeps the widget id first in the fragment, so the link still scrolls to the widget', async () => {
    const hash = fragmentWith('lab-playground', await encodeSource('x'));
    expect(codeInFragment(hash, 'lab-playground')).toBe(hash.split('code=')[1]);
    expect(codeInFragment(hash, 'other')).toBeUndefined();
    expect(codeInFragment('#lab-playground', 'lab-playground')).toBeUndefined();
    expect(linkedWidget([['lab-race-moons', 'race1'], ['lab-playground', 'playground1']], '', hash)).toBe(1);
  });
});
