import type { Standing } from './views';

/** The event a race fires on its element each time a run of it reaches its last step. */
export const RACE_FINISHED = 'descent-race-finished';

export interface RaceFinished {
  labels: string[];
  standings: Standing[];
}
