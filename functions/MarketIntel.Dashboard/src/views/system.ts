import { api } from '../api';
import { h, mount } from '../dom';
import { duration, time } from '../format';
import type { Health, Metrics, Run, StoreHealth, SystemEvent } from '../types';
import { badge, empty, isFinal, load, pageHeader, runOutcome, section, statusTone, table, type ViewContext } from '../ui';

const refreshMs = 10_000;

/** Orchestration runs, pipeline and ingestion counters, and recent system events: the "system logs" view. */
export async function systemView(ctx: ViewContext): Promise<void> {
  const day = ctx.query.get('day') ?? new Date().toISOString().slice(0, 10);
  const dayInput = h('input', { id: 'sys-day', type: 'date', value: day, onchange: () => { const q = new URLSearchParams(); q.set('day', dayInput.value); ctx.setQuery(q, true); } });
  const storesSlot = h('div', {});
  const metricsSlot = h('div', {});
  const runsSlot = h('div', {});
  const eventsSlot = h('div', {});
  const updated = h('p', { class: 'muted small', 'aria-live': 'off' });
  mount(ctx.root,
    pageHeader('System', 'Store health, orchestration runs, ingestion counters and recent events; refreshes every 10 s', h('span', { class: 'field' }, h('label', { for: 'sys-day' }, 'Day (UTC)'), dayInput)),
    updated,
    section('Stores', storesSlot),
    section('Counters', metricsSlot),
    section('Orchestration runs', runsSlot),
    section('Recent events', eventsSlot));

  const refresh = async () => {
    await Promise.all([
      load(storesSlot, ctx, 'Probing the stores', () => api.get<Health>('/api/health', undefined, ctx.signal), (health) => stores(health)),
      load(metricsSlot, ctx, 'Loading counters', () => api.get<Metrics>('/api/metrics', undefined, ctx.signal), (m) => counters(m)),
      load(runsSlot, ctx, 'Loading runs', () => api.get<Run[]>('/api/runs', { day }, ctx.signal), (runs) =>
        runs.length === 0 ? empty(`No orchestration runs on ${day}`) : table<Run>(`Orchestration runs on ${day}`, [
          { label: 'Kind', cell: (r) => r.kind },
          { label: 'Run', cell: (r) => r.runId },
          { label: 'Status', cell: (r) => badge(r.status, statusTone(r.status)) },
          { label: 'Started', cell: (r) => time(r.startedUtc) },
          { label: 'Duration', numeric: true, cell: (r) => (isFinal(r.status) ? duration(r.startedUtc, r.finishedUtc) : '–') },
          { label: 'Summary', cell: (r) => runOutcome(r) },
        ], runs)),
      load(eventsSlot, ctx, 'Loading events', () => api.get<SystemEvent[]>('/api/events', { day, limit: 200 }, ctx.signal), (events) =>
        events.length === 0 ? empty('No events recorded') : table<SystemEvent>('Recent events', [
          { label: 'Time', cell: (e) => time(e.time) },
          { label: 'Level', cell: (e) => level(e.severity) },
          { label: 'Source', cell: (e) => e.source },
          { label: 'Type', cell: (e) => e.type },
          { label: 'Symbol', cell: (e) => e.symbol ?? '' },
          { label: 'Message', cell: (e) => e.message },
        ], events)),
    ]);
    updated.textContent = `Updated ${new Date().toISOString().slice(11, 19)} UTC`;
  };
  await refresh();
  const timer = window.setInterval(() => void refresh(), refreshMs);
  ctx.onCleanup(() => window.clearInterval(timer));
}

/** The stores' probes from /api/health; a degraded store is called out above the table, its row marked. */
function stores(health: Health): HTMLElement[] {
  const degraded = health.stores.filter((s) => s.status !== 'ok');
  const rows = table<StoreHealth>('Store health', [
    { label: 'Store', cell: (s) => s.name },
    { label: 'Status', cell: (s) => badge(s.status, s.status === 'ok' ? 'good' : 'warn') },
    { label: 'Latency (ms)', numeric: true, cell: (s) => String(s.latencyMs) },
    { label: 'Error', cell: (s) => s.error ?? '' },
  ], health.stores, (s) => ({ 'data-store': s.name, 'data-status': s.status, class: s.status === 'ok' ? '' : 'degraded' }));
  if (degraded.length === 0) {
    return [rows];
  }
  return [
    h('div', { class: 'state warning', role: 'alert', 'data-state': 'degraded' },
      h('strong', {}, `Degraded: ${degraded.map((s) => s.name).join(', ')}`),
      h('p', {}, 'The API answers, but these stores failed their probe or did not answer in time (see Error). Writes to them wait and retry, and fail if the outage outlasts the retries.')),
    rows,
  ];
}

function level(l: string): HTMLElement {
  const s = l.toLowerCase();
  return badge(l, s === 'error' || s === 'critical' ? 'bad' : s.startsWith('warn') ? 'warn' : 'neutral');
}

/** Any counters object as nested definition lists (arrays of records as tables), so new counters show without a code change. */
function counters(value: unknown, depth = 0): HTMLElement | string {
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  if (Array.isArray(value)) {
    const rows = value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
    if (rows.length === 0) {
      return value.length === 0 ? '–' : value.map(String).join(', ');
    }
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return h('div', { class: 'table-wrap' }, h('table', { class: 'compact' },
      h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, k)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, keys.map((k) => h('td', {}, typeof r[k] === 'object' && r[k] !== null ? counters(r[k], depth + 1) : String(r[k] ?? ''))))))));
  }
  if (Object.keys(value).length === 0) {
    return '–';
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (depth === 0) {
    return h('div', { class: 'counter-groups' }, entries.map(([k, v]) => h('div', { class: 'counter-group' }, h('h3', {}, k), counters(v, 1))));
  }
  return h('dl', { class: 'counters' }, entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' && v !== null ? counters(v, depth + 1) : String(v))]));
}
