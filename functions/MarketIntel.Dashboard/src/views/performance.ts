import { AreaSeries, LineSeries, type UTCTimestamp } from 'lightweight-charts';
import { api, seg } from '../api';
import { chartBox, palette, timeChart } from '../charts';
import { h, mount } from '../dom';
import { epochSeconds, fixed, time } from '../format';
import { accountPath, listAccounts, selectAccount, selectedAccount } from '../paper';
import { equityMetrics, sharpe } from '../stats';
import { backtestPanel } from './backtest';
import type { OutcomesResponse, PaperAccount, PaperEquityPoint, Setup } from '../types';
import { empty, errorState, isAbort, load, loading, pageHeader, section, stat, type ViewContext } from '../ui';

/**
 * The Backtest panel (a built-in strategy run by the API, with the deflated Sharpe across the strategy's trials); a
 * paper account's return, maximum drawdown and Sharpe from its equity curve; and the latest scan's closed,
 * non-overlapping setups taken one unit of risk each: their equity curve in R, its drawdown, and the per-trade Sharpe
 * ratio with its standard error.
 */
export async function performanceView(ctx: ViewContext): Promise<void> {
  const scan = ctx.query.get('scan') ?? undefined;
  const body = h('div', { id: 'scan-performance' }, loading('Loading outcomes'));
  const paperSlot = h('div', {});
  mount(ctx.root, pageHeader('Performance', 'Backtests of the built-in strategies, a paper account, and the latest scan’s setups (1R per trade)'), backtestPanel(ctx), section('Paper trading', paperSlot), body);
  void paperMetrics(ctx, paperSlot);
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
    .filter((s): s is Setup & { outcome: Setup['outcome'] & { r: number } } => !s.overlapping && !!s.outcome && s.outcome.exit !== 'Open' && typeof s.outcome.r === 'number' && Number.isFinite(s.outcome.r))
    .sort((a, b) => a.time.localeCompare(b.time));
  const notes = h('p', { class: 'muted small' },
    `Scan ${outcomes.scan}: ${trades.length} closed, non-overlapping setups of ${outcomes.setups.length}. The deflated Sharpe across a strategy's trials is in the Backtest panel above.`);
  if (trades.length === 0) {
    mount(body, empty('No closed setups yet', 'Outcomes close when a setup hits its target, its stop or its horizon.'), notes);
    return;
  }
  // Equity in R at each exit; several trades on one bar time are summed so the time axis stays strictly increasing.
  const byTime = new Map<number, number>();
  for (const t of trades) {
    const at = epochSeconds(t.time);
    byTime.set(at, (byTime.get(at) ?? 0) + t.outcome.r);
  }
  const points: { time: UTCTimestamp; equity: number; drawdown: number }[] = [];
  let equity = 0;
  let peak = 0;
  for (const [at, r] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    equity += r;
    peak = Math.max(peak, equity);
    points.push({ time: at as UTCTimestamp, equity, drawdown: equity - peak });
  }
  const s = sharpe(trades.map((t) => t.outcome.r));
  const maxDrawdown = Math.min(0, ...points.map((p) => p.drawdown));
  const { figure, box } = chartBox('Equity curve (R)', `Cumulative R over ${trades.length} trades, ending at ${fixed(equity)} R`, 300);
  const { figure: ddFigure, box: ddBox } = chartBox('Drawdown (R)', `Drawdown from the running peak, deepest ${fixed(maxDrawdown)} R`, 180);
  mount(body,
    h('h2', { class: 'section-title' }, 'Backtest: the scan’s setups, 1R per trade'),
    h('div', { class: 'stats', id: 'backtest-metrics' },
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

/** The paper account's metrics from its equity curve (the Trading view's account, or one picked here). */
async function paperMetrics(ctx: ViewContext, slot: HTMLElement): Promise<void> {
  await load(slot, ctx, 'Loading paper accounts', () => listAccounts(ctx.signal), (accounts) => {
    if (accounts.length === 0) {
      return empty('No paper accounts yet', h('a', { href: '#/trading' }, 'Open one in the Trading view'));
    }
    const chosen = accounts.some((a) => a.id === selectedAccount()) ? selectedAccount() : accounts[0]!.id;
    const metrics = h('div', {});
    const picker = h('select', { id: 'performance-account', 'aria-label': 'Paper account', onchange: () => { selectAccount(picker.value); void show(picker.value); } },
      accounts.map((a) => h('option', { value: a.id, selected: a.id === chosen }, `${a.name} (${a.id})`)));
    const show = (id: string) => load(metrics, ctx, 'Loading the equity curve', async () => {
      const [account, equity] = await Promise.all([
        api.get<PaperAccount>(accountPath(id), undefined, ctx.signal),
        api.get<PaperEquityPoint[]>(accountPath(id, '/equity'), undefined, ctx.signal),
      ]);
      return { account, equity };
    }, ({ account, equity }) => {
      if (equity.length === 0) {
        return empty(`${account.name}: no evaluated bars yet`, 'The metrics need the account’s equity curve, which grows as its bars are evaluated.');
      }
      const m = equityMetrics(account.startingCash, equity.map((p) => p.equity));
      return h('div', { class: 'stats', id: 'paper-metrics', 'data-account': account.id },
        stat('Return', `${m.totalReturn >= 0 ? '+' : ''}${(m.totalReturn * 100).toFixed(2)}%`, `Equity ${fixed(account.equity)} on starting cash ${fixed(account.startingCash)}`),
        stat('Max drawdown', `${(m.maxDrawdown * 100).toFixed(2)}%`, 'Deepest fall of equity from its running peak'),
        stat(`Sharpe / ${account.timeframe} bar`, `${fixed(m.sharpe.sharpe, 3)} ± ${fixed(m.sharpe.se, 3)}`, 'Mean over standard deviation of the per-bar equity returns; ± one standard error'),
        stat('Equity points', `${m.points} · ${time(equity[0]!.time)} → ${time(equity[equity.length - 1]!.time)}`),
        stat('Realized / unrealized', `${fixed(account.realizedPnl)} / ${fixed(account.unrealizedPnl)}`),
        stat('Trading state', account.tradingState));
    });
    void show(chosen);
    return [h('div', { class: 'inline-form toolbar' }, h('label', { for: 'performance-account' }, 'Account'), picker, h('a', { href: `#/trading/${encodeURIComponent(chosen)}`, class: 'small' }, 'Trading view')), metrics];
  });
}
