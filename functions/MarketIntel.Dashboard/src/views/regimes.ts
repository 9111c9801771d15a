import { AreaSeries, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { seg } from '../api';
import { chartBox, palette, timeChart } from '../charts';
import * as data from '../data';
import { h, mount } from '../dom';
import { epochSeconds, fixed, pct } from '../format';
import type { Regimes } from '../types';
import { badge, empty, errorState, isAbort, loading, pageHeader, section, stat, type ViewContext } from '../ui';

/** Per-symbol regime timeline (filtered probabilities, stacked) and the fitted transition matrix. */
export async function regimesView(ctx: ViewContext): Promise<void> {
  const tf = ctx.query.get('tf') ?? '1m';
  const states = Number(ctx.query.get('states') ?? '2');
  const body = h('div', {}, loading('Loading symbols'));
  mount(ctx.root, pageHeader('Regimes', 'Hidden Markov model over returns: filtered state probabilities and transitions'), body);
  let symbols: string[];
  try {
    symbols = await data.symbols(ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      body.replaceChildren(errorState(e, () => void regimesView(ctx)));
    }
    return;
  }
  const symbol = ctx.params[0] ?? symbols[0];
  if (!symbol) {
    body.replaceChildren(empty('No symbols yet', h('span', {}, 'Add one on the ', h('a', { href: '#/watchlists' }, 'Watchlists'), ' view.')));
    return;
  }
  const go = (s: string, t: string, k: number) => (window.location.hash = `#/regimes/${seg(s)}?tf=${t}&states=${k}`);
  const symbolSelect = h('select', { id: 'regime-symbol', onchange: () => go(symbolSelect.value, tf, states) }, symbols.map((s) => h('option', { value: s, selected: s === symbol }, s)));
  const tfSelect = h('select', { id: 'regime-tf', onchange: () => go(symbol, tfSelect.value, states) }, data.timeframes.map((t) => h('option', { value: t, selected: t === tf }, t)));
  const statesSelect = h('select', { id: 'regime-states', onchange: () => go(symbol, tf, Number(statesSelect.value)) }, [2, 3, 4].map((k) => h('option', { value: k, selected: k === states }, String(k))));
  const content = h('div', {}, loading('Fitting regimes'));
  mount(body,
    h('div', { class: 'toolbar' },
      h('span', { class: 'field' }, h('label', { for: 'regime-symbol' }, 'Symbol'), symbolSelect),
      h('span', { class: 'field' }, h('label', { for: 'regime-tf' }, 'Timeframe'), tfSelect),
      h('span', { class: 'field' }, h('label', { for: 'regime-states' }, 'States'), statesSelect)),
    content);

  let r: Regimes;
  try {
    r = await data.regimes(symbol, tf, states, 500, ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      content.replaceChildren(errorState(e, () => void regimesView(ctx)));
    }
    return;
  }
  if (r.times.length === 0) {
    content.replaceChildren(empty(`Not enough ${tf} bars of ${symbol} to fit regimes yet`));
    return;
  }
  const p = palette();
  const colours = r.labels.map((_, i) => p.series[i % p.series.length]!);
  const { figure, box } = chartBox(`${symbol} regime probabilities`, `Stacked filtered probabilities of ${r.labels.join(', ')} over ${r.times.length} ${tf} bars`, 320);
  const { figure: priceFigure, box: priceBox } = chartBox(`${symbol} close`, `Close price of ${symbol} with the most likely (Viterbi) state`, 200);
  const legend = h('ul', { class: 'legend', 'aria-label': 'States' }, r.labels.map((l, i) => h('li', {}, h('span', { class: 'swatch', style: `background:${colours[i]}`, 'aria-hidden': 'true' }), `${l} (mean ${fixed((r.means[i] ?? NaN) * 100, 3)}%, vol ${fixed((r.volatilities[i] ?? NaN) * 100, 3)}%)`)));
  const current = r.current;
  mount(content,
    h('div', { class: 'stats' },
      stat('Current regime', current ? badge(`${current.label} · ${pct(current.probability, 0)}`, 'info') : '–'),
      stat('Bars', String(r.times.length)),
      stat('States', String(r.states))),
    section('Regime timeline', legend, figure, priceFigure),
    section('Transition matrix', transitionTable(r, colours)));

  const times = r.times.map((t) => epochSeconds(t) as UTCTimestamp);
  const chart = timeChart(ctx, box, { rightPriceScale: { borderColor: p.grid, scaleMargins: { top: 0.02, bottom: 0.02 } } });
  // Stacked areas: series k shows the sum of states 0..k; drawing the largest sum first lets each smaller one cover it.
  for (let k = r.labels.length - 1; k >= 0; k--) {
    const series = chart.addSeries(AreaSeries, { lineColor: colours[k]!, topColor: colours[k]!, bottomColor: colours[k]!, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: r.labels[k]!, priceFormat: { type: 'percent' } });
    series.setData(times.map((t, i) => {
      const row = r.filtered[i] ?? [];
      let sum = 0;
      for (let j = 0; j <= k; j++) {
        sum += typeof row[j] === 'number' ? row[j]! : 0;
      }
      return { time: t, value: sum * 100 };
    }));
  }
  chart.timeScale().fitContent();

  // The close with the Viterbi state as line colour, when the bars are there.
  try {
    const bars = await data.bars(symbol, tf, 10_000, ctx.signal, r.times[0]);
    const viterbi = new Map(times.map((t, i) => [t as number, r.viterbi[i] ?? 0]));
    const priceChart = timeChart(ctx, priceBox);
    const line = priceChart.addSeries(LineSeries, { lineWidth: 2, priceLineVisible: false, color: p.text });
    line.setData(bars.bars.map((b) => {
      const t = epochSeconds(b.time) as UTCTimestamp;
      const state = viterbi.get(t);
      return state === undefined ? { time: t, value: b.close } : { time: t, value: b.close, color: colours[state] };
    }));
    priceChart.timeScale().fitContent();
  } catch (e) {
    if (!isAbort(e)) {
      priceBox.replaceWith(errorState(e));
    }
  }
}

function transitionTable(r: Regimes, colours: string[]): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'matrix' },
    h('caption', {}, 'Probability of moving from the row state to the column state in one bar'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'from \\ to'), r.labels.map((l, i) => h('th', { scope: 'col' }, h('span', { class: 'swatch', style: `background:${colours[i]}`, 'aria-hidden': 'true' }), l)))),
    h('tbody', {}, r.transition.map((row, i) => h('tr', {},
      h('th', { scope: 'row' }, r.labels[i] ?? String(i)),
      row.map((v) => h('td', { class: 'num heat', style: `--heat:${Math.round(Math.max(0, Math.min(1, v)) * 100)}%` }, pct(v, 1))))))));
}
