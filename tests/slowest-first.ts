import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * A sequencer that starts the named files first, in the order given. Vitest
 * orders files by their last duration once it has one; on a fresh clone (CI)
 * it has none and starts the largest files, so a short file that runs long may
 * start last and keep one worker busy after the other has finished.
 * `slowest`: paths under the suite's folder without `.test.ts`, longest first.
 */
export function slowestFirst(slowest: string[]) {
  const rank = (file: TestSpecification) => {
    const i = slowest.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
    return i < 0 ? slowest.length : i;
  };
  return class SlowestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]) {
      return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
    }
  };
}
