import { CandlestickSeries, createSeriesMarkers, HistogramSeries, LineSeries, LineStyle, type ISeriesApi, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import { api, ApiError, seg } from '../api';
import { chartBox, palette, timeChart } from '../charts';
import * as data from '../data';
import { h, mount } from '../dom';
import { epochSeconds, fixed, price, time } from '../format';
import type { Bar, IndicatorInfo, IndicatorSeries, Setup } from '../types';
import { follow } from '../live';
import { badge, empty, errorState, isAbort, loading, pageHeader, section, type ViewContext } from '../ui';

const indicatorKey = 'marketintel.chart.indicators';
const defaultSpecs = ['sma_20', 'bb_20_2', 'rsi_14'];
const barLimit = 500;
const refreshMs = 10_000;

/** Candlesticks with volume, indicator overlays and panes, setup markers, timeframe switch, and the forming bar live from the stream. */
export async function chartView(ctx: ViewContext): Promise<void> {
  const tf = ctx.query.get('tf') ?? '1m';
  const specs = (ctx.query.get('ind') ?? localStorage.getItem(indicatorKey) ?? defaultSpecs.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const header = pageHeader('Chart', 'Candlesticks, volume, indicators and setups; refreshes as new bars arrive');
  const body = h('div', {}, loading('Loading symbols'));
  mount(ctx.root, header, body);

  let symbols: string[];
  try {
    symbols = await data.symbols(ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      body.replaceChildren(errorState(e, () => void chartView(ctx)));
    }
    return;
  }
  const symbol = ctx.params[0] ?? symbols[0];
  if (!symbol) {
    body.replaceChildren(empty('No symbols yet', h('span', {}, 'Add one on the ', h('a', { href: '#/watchlists' }, 'Watchlists'), ' view.')));
    return;
  }

  const go = (s: string, t: string, ind: string[]) => {
    localStorage.setItem(indicatorKey, ind.join(','));
    window.location.hash = `#/chart/${seg(s)}?tf=${t}${ind.length ? `&ind=${ind.map(encodeURIComponent).join(',')}` : ''}`;
  };

  const symbolSelect = h('select', { id: 'chart-symbol', onchange: () => go(symbolSelect.value, tf, specs) },
    (symbols.includes(symbol) ? symbols : [symbol, ...symbols]).map((s) => h('option', { value: s, selected: s === symbol }, s)));
  const tfGroup = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Timeframe' },
    data.timeframes.map((t) => h('button', { type: 'button', class: 'button', 'aria-pressed': String(t === tf), 'data-tf': t, onclick: () => go(symbol, t, specs) }, t)));

  const specInput = h('input', { id: 'chart-spec', list: 'indicator-catalog', placeholder: 'e.g. ema_50, macd_12_26_9', size: 18, autocomplete: 'off' });
  const catalogList = h('datalist', { id: 'indicator-catalog' });
  const specForm = h('form', { class: 'inline-form', onsubmit: (e: Event) => { e.preventDefault(); const s = specInput.value.trim().toLowerCase(); if (s && !specs.includes(s)) { go(symbol, tf, [...specs, s]); } } },
    h('label', { for: 'chart-spec' }, 'Add indicator'), specInput, catalogList, h('button', { class: 'button', type: 'submit' }, 'Add'));
  const activeSpecs = h('ul', { class: 'chips', 'aria-label': 'Active indicators' },
    specs.map((s) => h('li', { class: 'chip' }, s, h('button', { type: 'button', class: 'chip-x', 'aria-label': `Remove indicator ${s}`, onclick: () => go(symbol, tf, specs.filter((x) => x !== s)) }, '✕'))));

  const status = h('p', { class: 'muted small', 'aria-live': 'polite', id: 'chart-status' });
  const { figure, box } = chartBox(`${symbol} ${tf} candlesticks`, `Candlestick chart of ${symbol} on ${tf} bars with volume and indicators`, 520);
  box.dataset.timeframe = tf;
  box.dataset.symbol = symbol;
  const indicatorNote = h('div', { 'aria-live': 'polite' });
  const setupsSlot = h('div', {});
  mount(body,
    h('div', { class: 'toolbar' }, h('span', { class: 'field' }, h('label', { for: 'chart-symbol' }, 'Symbol'), symbolSelect), tfGroup, specForm),
    activeSpecs,
    h('section', { class: 'card', 'aria-label': `${symbol} chart` }, status, figure, indicatorNote),
    section('Setups on this symbol', setupsSlot));

  void api.get<IndicatorInfo[]>('/api/indicators', undefined, ctx.signal).then(
    (catalog) => catalogList.replaceChildren(...catalog.map((c) => h('option', { value: c.name }, `${c.title}: ${c.pattern} (${c.category}${c.overlay ? ', overlay' : ''})`))),
    () => undefined,
  );

  let barsResponse;
  try {
    barsResponse = await data.latestBars(symbol, tf, barLimit, ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      box.replaceWith(errorState(e, () => void chartView(ctx)));
    }
    return;
  }
  if (ctx.signal.aborted) {
    return;
  }
  const bars = barsResponse.bars;
  if (bars.length === 0) {
    box.replaceWith(empty(`No ${tf} bars for ${symbol} yet`, 'Ingestion writes bars as ticks arrive; this view refreshes on its own.'));
    const timer = window.setTimeout(() => void chartView(ctx), refreshMs);
    ctx.onCleanup(() => window.clearTimeout(timer));
    return;
  }

  const p = palette();
  const chart = timeChart(ctx, box);
  const candles = chart.addSeries(CandlestickSeries, { upColor: p.up, downColor: p.down, borderVisible: false, wickUpColor: p.up, wickDownColor: p.down });
  const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  const toCandle = (b: Bar) => ({ time: epochSeconds(b.time) as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close });
  const toVolume = (b: Bar) => ({ time: epochSeconds(b.time) as UTCTimestamp, value: Number(b.volume), color: b.close >= b.open ? `${p.up}66` : `${p.down}66` });
  candles.setData(bars.map(toCandle));
  volume.setData(bars.map(toVolume));
  box.dataset.bars = String(bars.length);
  box.dataset.lastBar = bars[bars.length - 1]!.time;
  box.dataset.lastClose = String(bars[bars.length - 1]!.close);
  status.textContent = `${bars.length} bars · last ${time(bars[bars.length - 1]!.time)}`;

  // Indicators: overlays on the price pane, the rest each in a pane of its own.
  const indicatorSeries = new Map<string, ISeriesApi<'Line'>[]>();
  let paneCount = 1;
  const lows = Math.min(...bars.map((b) => b.low));
  const highs = Math.max(...bars.map((b) => b.high));
  const priceLike = (values: (number | string | null)[]) => {
    const last = data.lastValue(values);
    return last !== null && last >= lows * 0.5 && last <= highs * 1.5;
  };
  const drawIndicators = (list: IndicatorSeries[], times: string[], initial: boolean) => {
    const t = times.map((x) => epochSeconds(x) as UTCTimestamp);
    let colour = 0;
    for (const ind of list) {
      let series = indicatorSeries.get(ind.spec);
      if (!series) {
        // An overlay indicator may still carry columns in other units (Bollinger %B, width): those get a pane of their own.
        const onPrice = ind.columns.map((c) => ind.overlay && priceLike(c.values));
        const ownPane = onPrice.some((x) => !x) ? paneCount++ : 0;
        series = ind.columns.map((c, i) => chart.addSeries(LineSeries, { color: p.series[(colour + i) % p.series.length], lineWidth: 2, title: `${ind.spec}${ind.columns.length > 1 ? ` ${c.name}` : ''}`, priceLineVisible: false, lastValueVisible: !onPrice[i] }, onPrice[i] ? 0 : ownPane));
        indicatorSeries.set(ind.spec, series);
        if (ownPane > 0) {
          chart.panes()[ownPane]?.setHeight(110);
        }
      }
      colour += ind.columns.length;
      ind.columns.forEach((c, i) => {
        const points = c.values.map((v, k) => (typeof v === 'number' && Number.isFinite(v) ? { time: t[k]!, value: v } : { time: t[k]! }));
        if (initial) {
          series[i]!.setData(points);
        } else {
          const lastPoint = points[points.length - 1];
          if (lastPoint) {
            series[i]!.update(lastPoint);
          }
        }
      });
    }
  };
  const loadIndicators = async (initial: boolean) => {
    if (specs.length === 0) {
      return;
    }
    try {
      const r = await data.indicators(symbol, tf, specs, barLimit, ctx.signal);
      // The view may have been left (its chart removed) while the response was on its way.
      if (ctx.signal.aborted) {
        return;
      }
      drawIndicators(r.indicators, r.times, initial);
      if (initial) {
        indicatorNote.replaceChildren(h('p', { class: 'muted small' }, r.indicators.map((i) => `${i.spec}: ${i.title}${i.overlay ? ' (overlay)' : ''}`).join(' · ')));
      }
    } catch (e) {
      if (!isAbort(e) && initial) {
        indicatorNote.replaceChildren(errorState(e instanceof ApiError && e.status === 404 && !e.problem?.detail ? new Error('The indicators route is not available on this host yet.') : e));
      }
    }
  };
  await loadIndicators(true);
  if (ctx.signal.aborted) {
    return;
  }

  // Setups: entry markers, exits ("fills") where the outcome closed, and price lines for the newest open setup.
  const tfSeconds = data.timeframeSeconds(tf);
  try {
    const all = (await data.latestSetups(ctx.signal)).setups.filter((s) => s.symbol === symbol);
    if (ctx.signal.aborted) {
      return;
    }
    const first = epochSeconds(bars[0]!.time);
    const markers: SeriesMarker<Time>[] = [];
    for (const s of all) {
      const at = epochSeconds(s.time);
      if (at < first) {
        continue;
      }
      const entryTime = (at - (at % tfSeconds)) as UTCTimestamp;
      markers.push({ time: entryTime, position: s.side === 'Long' ? 'belowBar' : 'aboveBar', shape: s.side === 'Long' ? 'arrowUp' : 'arrowDown', color: s.side === 'Long' ? p.up : p.down, text: `${s.side} ${fixed(s.score)}` });
      if (s.outcome && s.outcome.exit !== 'Open' && s.outcome.exitBars !== null) {
        markers.push({ time: (entryTime + s.outcome.exitBars * tfSeconds) as UTCTimestamp, position: 'inBar', shape: 'circle', color: s.outcome.exit === 'Target' ? p.up : s.outcome.exit === 'Stop' ? p.down : p.muted, text: `${s.outcome.exit}${typeof s.outcome.r === 'number' ? ` ${fixed(s.outcome.r)}R` : ''}` });
      }
    }
    markers.sort((a, b) => Number(a.time) - Number(b.time));
    createSeriesMarkers(candles, markers);
    const open = [...all].reverse().find((s) => !s.outcome || s.outcome.exit === 'Open');
    if (open) {
      candles.createPriceLine({ price: open.entry, color: p.accent, lineStyle: LineStyle.Solid, lineWidth: 1, title: 'entry' });
      candles.createPriceLine({ price: open.stop, color: p.down, lineStyle: LineStyle.Dashed, lineWidth: 1, title: 'stop' });
      candles.createPriceLine({ price: open.target, color: p.up, lineStyle: LineStyle.Dashed, lineWidth: 1, title: 'target' });
    }
    setupsSlot.replaceChildren(all.length === 0 ? empty('No setups on this symbol in the latest scan') : setupList(all));
  } catch (e) {
    if (!isAbort(e)) {
      setupsSlot.replaceChildren(errorState(e));
    }
  }
  if (ctx.signal.aborted) {
    return;
  }
  chart.timeScale().fitContent();

  // Live: bars from the stream as they are written (the forming one included); polling for bars since the last one
  // whenever the stream is not open.
  let last = bars[bars.length - 1]!;
  let count = bars.length;
  let mode = 'polling';
  const apply = (b: Bar) => {
    const at = epochSeconds(b.time);
    const lastAt = epochSeconds(last.time);
    if (at < lastAt) {
      return;
    }
    candles.update(toCandle(b));
    volume.update(toVolume(b));
    if (at > lastAt) {
      count++;
    }
    last = b;
    box.dataset.bars = String(count);
    box.dataset.lastBar = last.time;
    box.dataset.lastClose = String(last.close);
    status.textContent = `${count} bars · last ${time(last.time)} · ${mode === 'stream' ? 'live' : 'polling'}`;
  };
  const refresh = async () => {
    try {
      const fresh = await data.bars(symbol, tf, barLimit, ctx.signal, last.time);
      if (ctx.signal.aborted) {
        return;
      }
      const newer = fresh.bars.filter((b) => epochSeconds(b.time) >= epochSeconds(last.time));
      newer.forEach(apply);
      if (newer.length > 0) {
        await loadIndicators(false);
      }
    } catch (e) {
      if (!isAbort(e)) {
        status.textContent = `Refresh failed: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  };
  // Indicators and other timeframes follow the stream at most once a second, whatever the event rate.
  let pending: number | undefined;
  const later = (work: () => Promise<void>) => {
    if (pending === undefined) {
      pending = window.setTimeout(() => { pending = undefined; void work(); }, 1000);
    }
  };
  ctx.onCleanup(() => window.clearTimeout(pending));
  follow(ctx, [symbol], {
    bar: (e) => {
      if (e.symbol !== symbol || ctx.signal.aborted) {
        return;
      }
      if (e.timeframe === tf) {
        apply(e.bar);
        later(() => loadIndicators(false));
      } else {
        // A finer bar of this symbol (the view resamples nothing itself): ask the API for this timeframe's bars.
        later(refresh);
      }
    },
    reset: () => later(refresh),
    state: (m) => {
      mode = m;
      box.dataset.live = m;
      status.textContent = `${count} bars · last ${time(last.time)} · ${m === 'stream' ? 'live' : 'polling'}`;
    },
  }, refresh, refreshMs);
}

function setupList(setups: Setup[]): HTMLElement {
  return h('ul', { class: 'plain-list' }, setups.map((s) => h('li', {},
    badge(s.side, s.side === 'Long' ? 'good' : 'bad'), ` ${time(s.time)} · entry ${price(s.entry)} · stop ${price(s.stop)} · target ${price(s.target)} · score ${fixed(s.score)} · `,
    s.outcome ? `${s.outcome.exit}${typeof s.outcome.r === 'number' ? ` ${fixed(s.outcome.r)}R` : ''}` : 'no outcome yet')));
}
