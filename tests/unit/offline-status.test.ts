import { expect, it } from 'vitest';
import { aboutBytes, shortVersion, view, type OfflineStatus } from '../../src/site/offline-status';

it('says sizes as phone plans count them, two significant digits', () => {
  expect(aboutBytes(1_284_000)).toBe('1.3 MB');
  expect(aboutBytes(12_700_000)).toBe('13 MB');
  expect(aboutBytes(999)).toBe('999 bytes');
  expect(aboutBytes(45_600)).toBe('46 kB');
  expect(aboutBytes(2_000)).toBe('2 kB');
});

const status = (over: Partial<OfflineStatus> = {}): OfflineStatus => ({
  version: 'descent-5308e181b73dc8a2', files: 200, bytes: 1_300_000, savedFiles: 0, savedBytes: 0, saving: false, ...over,
});

it('offers to save, with the size, when nothing is saved', () => {
  expect(view(status())).toEqual({
    text: 'Keep every chapter, widget and the search on this device: about 1.3 MB to download.',
    save: 'Save the guide for offline',
    cancel: false,
    remove: false,
  });
});

it('shows progress while saving, announcing it in steps of ten per cent, with Cancel', () => {
  const saving = view(status({ saving: true, savedFiles: 90, savedBytes: 610_000 }));
  expect(saving).toEqual({ text: 'Saving for offline: 40% of 1.3 MB…', progress: { value: 610_000, max: 1_300_000 }, cancel: true, remove: false });
  expect(view(status({ saving: true, savedFiles: 91, savedBytes: 640_000 })).text).toBe(saving.text);
});

it('offers to continue or remove a partial copy, saying why it stopped', () => {
  const partial = view(status({ savedFiles: 50, savedBytes: 260_000 }));
  expect(partial).toMatchObject({ text: 'Partly saved for offline: 20% of 1.3 MB saved.', save: 'Continue saving', cancel: false, remove: true });
  expect(view(status({ savedFiles: 50, savedBytes: 260_000, problem: 'network' })).text).toBe('Saving stopped: the network connection was lost. 20% of 1.3 MB saved.');
  expect(view(status({ problem: 'quota' }))).toMatchObject({ text: 'Saving stopped: this device has no room left for the offline copy. 0% of 1.3 MB saved.', save: 'Continue saving', remove: false });
});

it('shows the saved version and its size, with Remove', () => {
  expect(view(status({ savedFiles: 200, savedBytes: 1_300_000 }))).toEqual({ text: 'Saved for offline — version 5308e18, 1.3 MB.', cancel: false, remove: true });
  expect(shortVersion('descent-0000000000000002')).toBe('0000000');
});

it('says plainly when this browser cannot keep a copy', () => {
  expect(view(undefined)).toEqual({ text: 'This browser cannot keep an offline copy of the guide here.', cancel: false, remove: false });
});
