import type { Server } from 'socket.io';
import type { Logger } from '../log';
import type { Store } from '../store/client';
import { getFreshness } from '../queries/getFreshness';

/**
 * Pushes live updates to browsers. Triggered by the processor after an insert succeeded (never on
 * consume), and coalesced so clients get at most one `kpi:update` per interval however fast
 * batches land.
 */
export class LiveHub {
  private timer: NodeJS.Timeout | null = null;
  private lastPush = 0;
  private pushing = false;

  constructor(
    private readonly io: Server,
    private readonly store: Store,
    private readonly log: Logger,
    private readonly minIntervalMs = 1000,
  ) {}

  /** Something was written; schedule one coalesced push. */
  changed() {
    if (this.timer) return;
    const wait = Math.max(0, this.lastPush + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.push();
    }, wait);
  }

  private async push() {
    if (this.pushing) return this.changed();
    this.pushing = true;
    this.lastPush = Date.now();
    try {
      const freshness = await getFreshness(this.store);
      this.io.emit('kpi:update', { at: new Date().toISOString(), freshness });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'live push failed');
    } finally {
      this.pushing = false;
    }
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
  }
}
