/**
 * What the page and the service worker say to each other about the offline
 * copy, and what the "Save the guide for offline" control shows for each
 * state. Pure, shared by ./sw.ts, ./offline-copy.ts and ./precache.ts.
 */

export interface OfflineFile {
  url: string;
  /** what it costs to download (gzipped where a host compresses it) */
  bytes: number;
  hash: string;
}

export interface OfflineManifest {
  /** the cache name, after the content of every file */
  version: string;
  /** stored on install: what every page loads */
  shell: string[];
  /** the full copy, sorted by URL */
  files: OfflineFile[];
}

/** Why saving stopped, when it did not finish. */
export type Problem = 'network' | 'quota' | 'storage';

export interface OfflineStatus {
  version: string;
  /** the full copy */
  files: number;
  bytes: number;
  /** how much of it is saved */
  savedFiles: number;
  savedBytes: number;
  saving: boolean;
  problem?: Problem;
}

/** Page → worker. */
export type ToWorker = { type: 'offline-status' | 'offline-save' | 'offline-cancel' | 'offline-remove' } | { type: 'keep'; urls: string[] } | { type: 'skip-waiting' };
/** Worker → pages: the status, after any change and as saving goes. */
export interface FromWorker {
  type: 'offline-status';
  status: OfflineStatus;
}

/** "about 1.3 MB": decimal units, as phone plans count them, two significant digits. */
export function aboutBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  const [scale, unit] = units.find(([s]) => bytes >= s) ?? [1, 'bytes'];
  const value = bytes / scale;
  return `${value >= 10 ? Math.round(value) : Number(value.toPrecision(2))} ${unit}`;
}

/** A version as readers can compare it: the first digits of the cache name's hash. */
export const shortVersion = (version: string) => version.replace(/^descent-/, '').slice(0, 7);

export interface View {
  text: string;
  /** saved bytes of the total, while something is saved and something is not */
  progress?: { value: number; max: number };
  /** the label of the button that starts or continues saving, if it is offered */
  save?: string;
  cancel: boolean;
  remove: boolean;
}

const problems: Record<Problem, string> = {
  network: 'Saving stopped: the network connection was lost.',
  quota: 'Saving stopped: this device has no room left for the offline copy.',
  storage: 'Saving stopped: this browser refused to store the files.',
};

/** What the control shows; with no status, the browser cannot keep a copy (no service worker here). */
export function view(status: OfflineStatus | undefined): View {
  if (!status) return { text: 'This browser cannot keep an offline copy of the guide here.', cancel: false, remove: false };
  const size = aboutBytes(status.bytes);
  const progress = { value: status.savedBytes, max: status.bytes };
  const percent = Math.floor((100 * status.savedBytes) / Math.max(1, status.bytes));
  // In steps of ten, so that the polite announcements stay few while the bar moves file by file.
  if (status.saving) return { text: `Saving for offline: ${percent - (percent % 10)}% of ${size}…`, progress, cancel: true, remove: false };
  if (status.savedFiles >= status.files) return { text: `Saved for offline — version ${shortVersion(status.version)}, ${size}.`, cancel: false, remove: true };
  if (status.savedFiles === 0 && !status.problem)
    return { text: `Keep every chapter, widget and the search on this device: about ${size} to download.`, save: 'Save the guide for offline', cancel: false, remove: false };
  const done = `${percent}% of ${size} saved.`;
  return { text: status.problem ? `${problems[status.problem]} ${done}` : `Partly saved for offline: ${done}`, progress, save: 'Continue saving', cancel: false, remove: status.savedFiles > 0 };
}
