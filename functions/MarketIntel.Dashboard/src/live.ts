import { url } from './api';
import type { components } from './generated/openapi';
import type { ViewContext } from './ui';

type Schemas = components['schemas'];
export type BarEvent = Schemas['StreamEventBarStreamEvent'];
export type RunEvent = Schemas['StreamEventRunStreamEvent'];

/** What a view does with the stream's events; `state` is told whether the stream is live (else the view is polling). */
export interface LiveHandlers {
  bar?(event: BarEvent): void;
  run?(event: RunEvent): void;
  /** Events may have been missed (the host restarted, or the client fell behind too far): reload. */
  reset?(): void;
  state?(mode: 'stream' | 'polling'): void;
}

/** How long to wait before opening a new stream after the browser gave one up (a refused or non-stream answer). */
const reopenMs = 30_000;

/**
 * Follows GET /api/stream for the view's lifetime. While the stream is open the view gets events and does not poll;
 * whenever it is not (not yet open, reconnecting, refused, or EventSource missing) `poll` runs every `pollMs`: polling is
 * the fallback. Each (re)open also polls once, to catch up on what happened while the stream was down.
 */
export function follow(ctx: ViewContext, symbols: string[], handlers: LiveHandlers, poll: () => Promise<void>, pollMs: number): void {
  let timer: number | undefined;
  let reopen: number | undefined;
  let source: EventSource | null = null;
  let mode: 'stream' | 'polling' | null = null;
  const setMode = (next: 'stream' | 'polling') => {
    if (mode !== next) {
      mode = next;
      handlers.state?.(next);
    }
  };
  const startPolling = () => {
    setMode('polling');
    if (timer === undefined) {
      timer = window.setInterval(() => void poll(), pollMs);
    }
  };
  const stopPolling = () => {
    if (timer !== undefined) {
      window.clearInterval(timer);
      timer = undefined;
    }
  };
  const parse = <T>(e: Event): T | null => {
    try {
      return JSON.parse((e as MessageEvent<string>).data) as T;
    } catch {
      return null;
    }
  };
  const open = () => {
    reopen = undefined;
    if (ctx.signal.aborted) {
      return;
    }
    // EventSource cannot send headers: the stream is a read route, anonymous unless the host requires keys for reads
    // (then it is refused and the view keeps polling).
    source = new EventSource(url('/api/stream', { symbols: symbols.join(',') }));
    source.onopen = () => {
      stopPolling();
      setMode('stream');
      void poll();
    };
    source.onerror = () => {
      startPolling();
      if (source?.readyState === EventSource.CLOSED && reopen === undefined) {
        // The browser retries a dropped stream by itself; one it refused is tried again later.
        reopen = window.setTimeout(open, reopenMs);
      }
    };
    source.addEventListener('bar', (e) => {
      const event = parse<BarEvent>(e);
      if (event) {
        handlers.bar?.(event);
      }
    });
    source.addEventListener('run', (e) => {
      const event = parse<RunEvent>(e);
      if (event) {
        handlers.run?.(event);
      }
    });
    source.addEventListener('reset', () => handlers.reset?.());
  };

  startPolling();
  if (typeof EventSource === 'function') {
    open();
  }
  ctx.onCleanup(() => {
    stopPolling();
    if (reopen !== undefined) {
      window.clearTimeout(reopen);
    }
    source?.close();
  });
}
