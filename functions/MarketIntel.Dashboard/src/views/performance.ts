import { AreaSeries, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { api, seg } from '../api';
import { chartBox, palette, timeChart } from '../charts';
import { h, mount } from '../dom';
import { epochSeconds, fixed, time } from '../format';
import { sharpe } from '../stats';
import type { OutcomesResponse, Setup } from '../types';
import { empty, errorState, isAbort, loading, pageHeader, section, stat, type ViewContext } from '../ui';

/**
 * Performance of a scan's closed, non-overlapping setups taken one unit of risk each: the equity curve in R, its drawdown,
 * and the per-trade Sharpe ratio with its standard error. Backtest and paper-trading metrics join here once the API serves them.
 */
export async function performanceView(ctx: ViewContext): Promise<void> {
  const scan = ctx.query.get('scan') ?? undefined;
  const body = h('div', {}, loading('Loading outcomes'));
  mount(ctx.root, pageHeader('Performance', 'Equity curve, drawdown and Sharpe of the latest scan’s setups, 1R per trade'), body);
  let outcomes: OutcomesResponse;
  try {
    outcomes = await api.get<OutcomesResponse>('/api/outcomes', { scan }, ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      body.replaceChildren(errorState(e, () => void performanceView(ctx)));
    }
    return;
  }
  const trades = outcomes.setups
    .filter((s): s is Setup & { outcome: NonNullable<Setup['outcome']> } => !s.overlapping && !!s.outcome && s.outcome.exit !== 'Open' && typeof s.outcome.r === 'number' && Number.isFinite(s.outcome.r))
    .sort((a, b) => a.time.localeCompare(b.time));
  const notes = h('p', { class: 'muted small' },
    `Scan ${outcomes.scan}: ${trades.length} closed, non-overlapping setups of ${outcomes.setups.length}. Backtest and paper-trading metrics (deflated Sharpe across trials) appear here once the API serves them.`);
  if (trades.length === 0) {
    mount(body, empty('No closed setups yet', 'Outcomes close when a setup hits its target, its stop or its horizon.'), notes);
    return;
  }
  // Equity in R at each exit; several trades on one bar time are summed so the time axis stays strictly increasing.
  const byTime = new Map<number, number>();
  for (const t of trades) {
    const at = epochSeconds(t.time);
    byTime.set(at, (byTime.get(at) ?? 0) + t.outcome.r!);
  }
  const points: { time: UTCTimestamp; equity: number; drawdown: number }[] = [];
  let equity = 0;
  let peak = 0;
  for (const [at, r] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    equity += r;
    peak = Math.max(peak, equity);
    points.push({ time: at as UTCTimestamp, equity, drawdown: equity - peak });
  }
  const s = sharpe(trades.map((t) => t.outcome.r!));
  const maxDrawdown = Math.min(0, ...points.map((p) => p.drawdown));
  const { figure, box } = chartBox('Equity curve (R)', `Cumulative R over ${trades.length} trades, ending at ${fixed(equity)} R`, 300);
  const { figure: ddFigure, box: ddBox } = chartBox('Drawdown (R)', `Drawdown from the running peak, deepest ${fixed(maxDrawdown)} R`, 180);
  mount(body,
    h('div', { class: 'stats' },
      stat('Trades', String(trades.length)),
      stat('Total', `${fixed(equity)} R`),
      stat('Max drawdown', `${fixed(maxDrawdown)} R`),
      stat('Mean R / trade', fixed(s.mean)),
      stat('Sharpe / trade', `${fixed(s.sharpe)} ± ${fixed(s.se)}`, 'Mean over standard deviation of R per trade; ± one standard error sqrt((1 + SR²/2)/n)'),
      stat('First / last', `${time(trades[0]!.time)} → ${time(trades[trades.length - 1]!.time)}`)),
    section('Equity', figure, ddFigure),
    notes,
    h('p', {}, h('a', { href: `#/setups?scan=${seg(outcomes.scan)}` }, 'The setups behind these trades')));
  const p = palette();
  const chart = timeChart(ctx, box);
  chart.addSeries(LineSeries, { color: p.accent, lineWidth: 2, priceLineVisible: false }).setData(points.map((x) => ({ time: x.time, value: x.equity })));
  chart.timeScale().fitContent();
  const dd = timeChart(ctx, ddBox);
  dd.addSeries(AreaSeries, { lineColor: p.down, topColor: `${p.down}22`, bottomColor: `${p.down}88`, lineWidth: 1, priceLineVisible: false }).setData(points.map((x) => ({ time: x.time, value: x.drawdown })));
  dd.timeScale().fitContent();
}
