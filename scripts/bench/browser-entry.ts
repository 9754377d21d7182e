// The bench rows, exposed to the page for scripts/bench/browser.mjs to call one by one.
import { rows } from './rows';

(globalThis as { descentBench?: unknown }).descentBench = {
  ids: Object.keys(rows),
  run: (id: string) => rows[id](),
};
