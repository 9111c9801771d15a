import { api, ApiError, seg } from '../api';
import * as data from '../data';
import { h, mount } from '../dom';
import { fixed, price, signedPct } from '../format';
import { follow } from '../live';
import { openSettingsLink } from '../settings-link';
import type { Setup, Watchlist } from '../types';
import { badge, empty, errorState, isAbort, load, loading, pageHeader, section, table, toast, type ViewContext } from '../ui';

const listKey = 'marketintel.watchlist';
/** How often prices are polled while the stream is not open. */
const pollMs = 15_000;

interface Row {
  symbol: string;
  last: number | null;
  /** When the bar of `last` opened (ms): an older bar never replaces it. */
  lastAt: number;
  /** The first loaded bar's open, the base of `change`. */
  firstOpen: number | null;
  change: number | null;
  relVolume: number | null;
  rsi: number | null;
  trend: 'up' | 'down' | null;
  regime: string | null;
  regimeProbability: number | null;
  setup: Setup | null;
  problem: string | null;
}

/** Symbols of a watchlist with price, change, relative volume, momentum, trend, regime and open setups; prices live from the stream. */
export async function watchlistsView(ctx: ViewContext): Promise<void> {
  const name = ctx.params[0] ?? localStorage.getItem(listKey) ?? 'default';
  localStorage.setItem(listKey, name);
  const tf = ctx.query.get('tf') ?? '1m';

  const nameInput = h('input', { id: 'wl-name', name: 'watchlist', value: name, size: 14, pattern: '[A-Za-z0-9_-]{1,64}', required: true });
  const open = h(
    'form',
    { class: 'inline-form', onsubmit: (e: Event) => { e.preventDefault(); window.location.hash = `#/watchlists/${encodeURIComponent(nameInput.value.trim())}`; } },
    h('label', { for: 'wl-name' }, 'Watchlist'),
    nameInput,
    h('button', { class: 'button', type: 'submit' }, 'Open'),
  );
  const tfSelect = h('select', { id: 'wl-tf', onchange: () => { const q = new URLSearchParams(ctx.query); q.set('tf', tfSelect.value); ctx.setQuery(q, true); } },
    data.timeframes.map((t) => h('option', { value: t, selected: t === tf }, t)));
  const tfField = h('span', { class: 'field' }, h('label', { for: 'wl-tf' }, 'Timeframe'), tfSelect);

  const body = h('div', {});
  const allSymbols = h('div', {});
  mount(ctx.root, pageHeader('Watchlists', 'Last price, change, relative volume, momentum, trend and regime per symbol', open, tfField), body, section('All known symbols', allSymbols));

  void load(allSymbols, ctx, 'Loading symbols', () => data.symbols(ctx.signal), (list) =>
    list.length === 0 ? empty('No symbols yet', 'Add a symbol to a watchlist; the host starts ingesting it.') : h('p', { class: 'chips' }, list.map((s) => h('a', { class: 'chip', href: `#/chart/${seg(s)}` }, s))));

  body.replaceChildren(loading('Loading watchlist'));
  let watchlist: Watchlist;
  try {
    watchlist = await api.get<Watchlist>(`/api/watchlists/${seg(name)}`, undefined, ctx.signal);
  } catch (e) {
    if (isAbort(e)) {
      return;
    }
    if (e instanceof ApiError && e.status === 404) {
      watchlist = { name, symbols: [] };
    } else {
      body.replaceChildren(errorState(e, () => void watchlistsView(ctx)));
      return;
    }
  }

  const addInput = h('input', { id: 'wl-add', name: 'symbol', placeholder: 'e.g. BTC-USD', size: 12, autocomplete: 'off', required: true });
  const addForm = h(
    'form',
    { class: 'inline-form', onsubmit: (e: Event) => { e.preventDefault(); void save([...watchlist.symbols, addInput.value.trim().toUpperCase()]); } },
    h('label', { for: 'wl-add' }, 'Add symbol'),
    addInput,
    h('button', { class: 'button primary', type: 'submit' }, 'Add'),
  );
  const message = h('div', { 'aria-live': 'polite' });
  const tableSlot = h('div', {});
  mount(body, section(`Watchlist “${watchlist.name}”`, addForm, message, tableSlot));

  async function save(symbols: string[]): Promise<void> {
    message.replaceChildren();
    try {
      await api.put<Watchlist>(`/api/watchlists/${seg(name)}`, { symbols });
      toast(`Watchlist ${name} saved`);
      void watchlistsView(ctx);
    } catch (e) {
      message.replaceChildren(errorState(e), e instanceof ApiError && e.status === 401 ? openSettingsLink() : '');
    }
  }

  if (watchlist.symbols.length === 0) {
    tableSlot.replaceChildren(empty(`Watchlist “${name}” is empty`, 'Add a symbol above (needs the API key, see Settings).'));
    return;
  }

  tableSlot.replaceChildren(loading('Loading market metrics'));
  const [setups, rows] = await Promise.all([
    data.latestSetups(ctx.signal).then((r) => r.setups, () => [] as Setup[]),
    Promise.all(watchlist.symbols.map((s) => metrics(s, tf, ctx.signal))),
  ]);
  if (ctx.signal.aborted) {
    return;
  }
  for (const row of rows) {
    row.setup = setups.find((s) => s.symbol === row.symbol && (!s.outcome || s.outcome.exit === 'Open')) ?? null;
  }
  tableSlot.replaceChildren(
    table<Row>(`Watchlist ${name}`, [
      { label: 'Symbol', cell: (r) => h('a', { href: `#/chart/${seg(r.symbol)}?tf=${tf}` }, r.symbol) },
      { label: 'Last', numeric: true, cell: (r) => h('span', { 'data-last': r.symbol }, price(r.last)) },
      { label: 'Change', numeric: true, title: `Change over the loaded ${tf} bars`, cell: (r) => h('span', { 'data-change': r.symbol, class: (r.change ?? 0) >= 0 ? 'up' : 'down' }, signedPct(r.change)) },
      { label: 'Rel. volume', numeric: true, title: 'Last bar volume / mean of the 20 before', cell: (r) => fixed(r.relVolume) },
      { label: 'RSI 14', numeric: true, title: 'Momentum (rsi_14)', cell: (r) => fixed(r.rsi, 1) },
      { label: 'Trend', title: 'sma_20 above/below sma_50', cell: (r) => (r.trend ? badge(r.trend === 'up' ? '▲ up' : '▼ down', r.trend === 'up' ? 'good' : 'bad') : '–') },
      { label: 'Regime', cell: (r) => (r.regime ? h('a', { href: `#/regimes/${seg(r.symbol)}?tf=${tf}` }, `${r.regime} ${r.regimeProbability !== null ? `(${(r.regimeProbability * 100).toFixed(0)}%)` : ''}`) : '–') },
      { label: 'Open setup', cell: (r) => (r.setup ? h('a', { href: '#/setups' }, badge(`${r.setup.side} · ${fixed(r.setup.score)}`, r.setup.side === 'Long' ? 'good' : 'bad')) : '–') },
      { label: 'Notes', cell: (r) => (r.problem ? h('span', { class: 'muted small' }, r.problem) : '') },
      {
        label: 'Remove',
        cell: (r) => h('button', { type: 'button', class: 'button small', 'aria-label': `Remove ${r.symbol} from ${name}`, onclick: () => void save(watchlist.symbols.filter((s) => s !== r.symbol)) }, '✕'),
      },
    ], rows, (r) => ({ 'data-symbol': r.symbol })),
  );

  // Prices follow the stream (any timeframe's newest bar carries the last price); polling the newest bars is the fallback.
  const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
  const show = (row: Row, close: number, at: number) => {
    if (at < row.lastAt) {
      return;
    }
    row.last = close;
    row.lastAt = at;
    row.change = row.firstOpen ? close / row.firstOpen - 1 : null;
    const last = tableSlot.querySelector<HTMLElement>(`[data-last="${CSS.escape(row.symbol)}"]`);
    const change = tableSlot.querySelector<HTMLElement>(`[data-change="${CSS.escape(row.symbol)}"]`);
    if (last) {
      last.textContent = price(close);
    }
    if (change) {
      change.textContent = signedPct(row.change);
      change.className = (row.change ?? 0) >= 0 ? 'up' : 'down';
    }
  };
  const poll = async () => {
    await Promise.all(rows.map(async (row) => {
      try {
        const recent = await data.bars(row.symbol, tf, 2, ctx.signal);
        const bar = recent.bars[recent.bars.length - 1];
        if (bar && !ctx.signal.aborted) {
          show(row, bar.close, Date.parse(bar.time));
        }
      } catch {
        // One symbol failing leaves its last price as it was; the Notes column already explains a symbol without bars.
      }
    }));
  };
  follow(ctx, watchlist.symbols, {
    bar: (e) => {
      const row = bySymbol.get(e.symbol);
      if (row) {
        show(row, e.bar.close, Date.parse(e.bar.time));
      }
    },
    reset: () => void poll(),
    state: (mode) => {
      tableSlot.dataset.live = mode;
    },
  }, poll, pollMs);
}

async function metrics(symbol: string, tf: string, signal: AbortSignal): Promise<Row> {
  const row: Row = { symbol, last: null, lastAt: 0, firstOpen: null, change: null, relVolume: null, rsi: null, trend: null, regime: null, regimeProbability: null, setup: null, problem: null };
  const [barsResult, indicatorResult, regimeResult] = await Promise.allSettled([
    data.latestBars(symbol, tf, 200, signal),
    data.indicators(symbol, tf, ['rsi_14', 'sma_20', 'sma_50'], 200, signal),
    data.regimes(symbol, tf, 2, 500, signal),
  ]);
  if (barsResult.status === 'fulfilled') {
    const bars = barsResult.value.bars;
    if (bars.length === 0) {
      row.problem = 'no bars yet';
    } else {
      const last = bars[bars.length - 1]!;
      row.last = last.close;
      row.lastAt = Date.parse(last.time);
      row.firstOpen = bars[0]!.open;
      row.change = last.close / bars[0]!.open - 1;
      const prior = bars.slice(-21, -1);
      const mean = prior.reduce((a, b) => a + Number(b.volume), 0) / Math.max(1, prior.length);
      row.relVolume = prior.length > 0 && mean > 0 ? Number(last.volume) / mean : null;
    }
  } else {
    row.problem = barsResult.reason instanceof Error ? barsResult.reason.message : 'bars unavailable';
  }
  if (indicatorResult.status === 'fulfilled') {
    const find = (spec: string) => indicatorResult.value.indicators.find((i) => i.spec === spec)?.columns[0]?.values;
    row.rsi = data.lastValue(find('rsi_14'));
    const fast = data.lastValue(find('sma_20'));
    const slow = data.lastValue(find('sma_50'));
    row.trend = fast !== null && slow !== null ? (fast >= slow ? 'up' : 'down') : null;
  }
  if (regimeResult.status === 'fulfilled' && regimeResult.value.current) {
    row.regime = regimeResult.value.current.label;
    row.regimeProbability = regimeResult.value.current.probability;
  }
  return row;
}
