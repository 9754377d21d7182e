import type { EngineReply, EngineRequest } from '../train/engine-host';
import type { DatasetId } from '../train/datasets';

/**
 * The playground Worker's protocol: the engine's (engine-host.ts), after
 * `prepare` (TensorFlow.js and the data) and `code` (the reader's code, loaded
 * and tried on one step), each once. Replies are tagged with the request's id;
 * `error` is a message for the reader.
 */
export type PlaygroundRequest =
  | { op: 'prepare'; dataset: DatasetId }
  | { op: 'code'; source: string; hp: Record<string, number> }
  | EngineRequest;
export type PlaygroundMessage = { id: number; reply: EngineReply } | { id: number; error: string };
