import { describe, expect, it } from 'vitest';
import { changedFrom, keysOf, linkedWidget, paramsUnder, withParams } from '../../src/widgets/permalink';

describe('permalink keys', () => {
  it('keys a widget by its id first, then by its old position key', () => {
    expect(keysOf('adam-trainer', 'trainer', 3)).toEqual(['adam-trainer', 'trainer3']);
    expect(keysOf('', 'race', 1)).toEqual(['race1']);
    // An id that could not be a key (too long, or characters a URL would escape) is passed over.
    expect(keysOf('a'.repeat(41), 'surface', 2)).toEqual(['surface2']);
    expect(keysOf('my widget', 'surface', 2)).toEqual(['surface2']);
    expect(keysOf('trainer3', 'trainer', 3)).toEqual(['trainer3']);
  });

  it('reads the id key, and failing that the old position key', () => {
    const keys = ['adam-trainer', 'trainer3'];
    expect(paramsUnder(keys, '?adam-trainer.lr=0.01&adam-trainer.step=5')).toEqual({ lr: '0.01', step: '5' });
    expect(paramsUnder(keys, '?trainer3.lr=0.02&trainer1.lr=9')).toEqual({ lr: '0.02' });
    // Both present: the id key wins whole; the two are not mixed.
    expect(paramsUnder(keys, '?trainer3.lr=0.02&trainer3.batch=4&adam-trainer.lr=0.01')).toEqual({ lr: '0.01' });
    expect(paramsUnder(keys, '?adam-trainerx.lr=1&other.lr=2')).toEqual({});
  });

  it('writes the id key and drops the old position key, keeping other parameters and the fragment', () => {
    const url = new URL(withParams(['adam-trainer', 'trainer3'], { lr: '0.01' }, 'https://x.org/adam/?trainer3.lr=0.5&trainer3.step=9&race1.steps=10&q=1#notes'));
    expect([...url.searchParams]).toEqual([['race1.steps', '10'], ['q', '1'], ['adam-trainer.lr', '0.01']]);
    expect(url.hash).toBe('#notes');
  });

  it('finds the widget a link points at: its fragment, else the first with parameters, else none', () => {
    const page = [['adam-inspector', 'inspector1'], ['adam-surface', 'surface1'], ['adam-trainer', 'trainer1']];
    expect(linkedWidget(page, '?adam-surface.fn=beale&adam-trainer.lr=1', '#adam-trainer')).toBe(2);
    expect(linkedWidget(page, '?adam-surface.fn=beale&adam-trainer.lr=1', '')).toBe(1);
    expect(linkedWidget(page, '?trainer1.step=40', '')).toBe(2);
    expect(linkedWidget(page, '?q=1', '')).toBe(-1);
    // A fragment naming something else, a heading, is the browser's to follow.
    expect(linkedWidget(page, '?adam-trainer.lr=1', '#references')).toBe(-1);
  });

  it('links only what differs from the page’s own setup, resets spelt out', () => {
    expect(changedFrom({ lr: '0.01', dataset: 'moons' }, { lr: '0.01', batch: '4' }, { dataset: 'circles' })).toEqual({ dataset: 'circles', batch: '4' });
  });
});
