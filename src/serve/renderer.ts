// What the routes render a packet with: the server's own worker pool (RenderPool), or the job queue's workers on
// other hosts (QueueRenderer, `serve --redis`). The same task, the same outcome, the same 503 and 504.
import type { RenderOutcome, RenderTask } from './render-in-memory.js';

export interface Renderer {
  /** Resolves to the outcome; throws an HttpError 503 (busy, with Retry-After) or 504 (over the time limit). */
  render(task: RenderTask): Promise<RenderOutcome>;
  /** What GET /healthz adds about where renders go (no case data); nothing for the local pool. */
  health?(): Promise<QueueHealth>;
  close(): Promise<void>;
}

export interface QueueHealth {
  renders: 'queue';
  queue: string;
  /** Whether Redis answered a PING within a second. */
  redis: 'up' | 'down';
}
