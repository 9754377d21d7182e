import type { EngineReply, EngineRequest } from '../train/engine-host';
import type { DatasetId } from '../train/datasets';
import type { WalkReport, WalkRequest } from './surface-walk';

/**
 * The playground Worker's protocol: the engine's (engine-host.ts), after
 * `prepare` (TensorFlow.js and the data; no data for a walk on a surface) and
 * `code` (the reader's code, loaded and tried on one step), each once; or,
 * on a surface, the walk's (surface-walk.ts). Replies are tagged with the
 * request's id; `error` is a message for the reader.
 */
export type PlaygroundRequest =
  | { op: 'prepare'; dataset?: DatasetId }
  | { op: 'code'; source: string; hp: Record<string, number> }
  | WalkRequest
  | EngineRequest;
/** The engine's reply; a walk's carries its report. */
export type PlaygroundReply = EngineReply & { walk?: WalkReport };
export type PlaygroundMessage = { id: number; reply: PlaygroundReply } | { id: number; error: string };
