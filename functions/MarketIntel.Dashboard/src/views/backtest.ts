import { api, ApiError, seg } from '../api';
import { timeframes } from '../data';
import { h, mount } from '../dom';
import { fixed, pct, signedPct, time } from '../format';
import { openSettingsLink } from '../settings-link';
import type { BacktestReport, BacktestRequest, BacktestTrial, Strategy, Watchlist } from '../types';
import { empty, errorState, isAbort, load, loading, section, stat, table, type ViewContext } from '../ui';

const watchlistKey = 'marketintel.watchlist';
const strategyKey = 'marketintel.backtest.strategy';

/** Why the deflated Sharpe is shown beside the plain one: it is the number that survives trying many variants. */
const deflatedExplained = (trials: number): string =>
  `Deflated Sharpe ratio (Bailey and López de Prado): the probability that the true Sharpe ratio is above the one the best of ` +
  `${trials} unskilled variant${trials === 1 ? '' : 's'} would show by luck alone. Every new variant of this strategy (parameters, timeframe, ` +
  `symbols, bars, fill, costs) run here counts as a trial, so trying more variants raises that bar and lowers this number. ` +
  `With one trial it equals the probabilistic Sharpe.`;

/**
 * The Backtest panel of the Performance view: a built-in strategy (from /api/strategies, the names /api/backtests
 * takes) with its parameters, over the current watchlist's symbols, run by the API on stored bars. Shows the metrics,
 * the deflated Sharpe with the number of trials it accounts for, and every variant of the strategy tried so far.
 */
export function backtestPanel(ctx: ViewContext): HTMLElement {
  const slot = h('div', {});
  void load(slot, ctx, 'Loading strategies and the watchlist', async () => {
    const watchlist = localStorage.getItem(watchlistKey) ?? 'default';
    const [strategies, symbols] = await Promise.all([
      api.get<Strategy[]>('/api/strategies', undefined, ctx.signal),
      api.get<Watchlist>(`/api/watchlists/${seg(watchlist)}`, undefined, ctx.signal).then((w) => w.symbols).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) {
          return [] as string[];
        }
        throw e;
      }),
    ]);
    return { strategies, symbols, watchlist };
  }, ({ strategies, symbols, watchlist }) => form(ctx, strategies, symbols, watchlist));
  return section('Backtest', h('p', { class: 'muted small' }, 'A built-in strategy over the stored bars of the watchlist’s symbols, run by the API (needs the API key). Each new variant is recorded as a trial of the strategy.'), slot);
}

function form(ctx: ViewContext, strategies: Strategy[], symbols: string[], watchlist: string): HTMLElement[] {
  if (strategies.length === 0) {
    return [empty('No strategies', 'The API lists no built-in strategies.')];
  }
  const field = (label: string, control: HTMLElement) => h('span', { class: 'field' }, h('label', { for: control.id }, label), control);
  const remembered = localStorage.getItem(strategyKey);
  const strategy = h('select', { id: 'bt-strategy', name: 'strategy' },
    strategies.map((s) => h('option', { value: s.name, selected: s.name === remembered, title: s.name }, s.title)));
  const parameters = h('div', { id: 'bt-parameters', class: 'form-grid' });
  const symbolBoxes = h('fieldset', { id: 'bt-symbols', class: 'chips' },
    h('legend', {}, `Symbols of watchlist “${watchlist}”`),
    symbols.length === 0 ? h('span', { class: 'muted small' }, 'The watchlist has no symbols: add some on the Watchlists view.') : null,
    symbols.map((s) => h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'bt-symbol', value: s, checked: true }), ` ${s}`)));
  const timeframe = h('select', { id: 'bt-timeframe', name: 'timeframe' }, timeframes.map((t) => h('option', { value: t }, t)));
  const bars = h('input', { id: 'bt-bars', name: 'bars', type: 'number', min: '30', max: '5000', step: '1', value: '500', required: true, inputmode: 'numeric' });
  const fill = h('select', { id: 'bt-fill', name: 'fill', title: 'Signals are decided on a bar’s close and filled on the next bar' },
    h('option', { value: 'next-open' }, 'next open'), h('option', { value: 'next-close' }, 'next close'));
  const run = h('button', { class: 'button primary', type: 'submit', id: 'bt-run' }, 'Run backtest');
  const result = h('div', { id: 'backtest-result', 'aria-live': 'polite' });
  const trials = h('div', { id: 'backtest-trials' });

  const current = () => strategies.find((s) => s.name === strategy.value) ?? strategies[0]!;
  const showParameters = () => mount(parameters, current().parameters.map((p) =>
    field(p.name, h('input', { id: `bt-param-${p.name}`, name: p.name, 'data-parameter': p.name, type: 'number', step: 'any', value: String(p.default ?? ''), required: true, inputmode: 'decimal' }))));
  const trialsContent = (list: BacktestTrial[], highlight?: string) =>
    list.length === 0 ? empty(`No variant of ${current().name} tried yet`) : trialsTable(list, highlight);
  // The newest request wins: a trials list that arrives after a later run or strategy change is dropped.
  let trialsToken = 0;
  const loadTrials = async () => {
    const token = ++trialsToken;
    trials.replaceChildren(loading('Loading trials'));
    try {
      const list = await api.get<BacktestTrial[]>(`/api/backtests/${seg(strategy.value)}/trials`, undefined, ctx.signal);
      if (token === trialsToken && !ctx.signal.aborted) {
        mount(trials, trialsContent(list));
      }
    } catch (e) {
      if (token === trialsToken && !isAbort(e) && !ctx.signal.aborted) {
        trials.replaceChildren(errorState(e, () => void loadTrials()));
      }
    }
  };
  strategy.addEventListener('change', () => {
    localStorage.setItem(strategyKey, strategy.value);
    showParameters();
    result.replaceChildren();
    void loadTrials();
  });
  showParameters();
  void loadTrials();

  const formEl = h('form', {
    class: 'form-grid', id: 'backtest-form', 'aria-label': 'Backtest', onsubmit: async (e: Event) => {
      e.preventDefault();
      for (const el of formEl.querySelectorAll('[aria-invalid]')) {
        el.removeAttribute('aria-invalid');
      }
      const body: BacktestRequest = {
        strategy: strategy.value,
        symbols: [...symbolBoxes.querySelectorAll<HTMLInputElement>('input[name="bt-symbol"]:checked')].map((i) => i.value),
        parameters: Object.fromEntries([...parameters.querySelectorAll<HTMLInputElement>('input[data-parameter]')].map((i) => [i.dataset.parameter!, Number(i.value)])),
        timeframe: timeframe.value,
        bars: Number(bars.value),
        fill: fill.value,
      };
      run.disabled = true;
      result.replaceChildren(h('p', { role: 'status' }, 'Running the backtest…'));
      try {
        const report = await api.post<BacktestReport>('/api/backtests', body);
        if (!ctx.signal.aborted) {
          result.replaceChildren(reportView(report));
          if (strategy.value === report.strategy) {
            trialsToken++;
            mount(trials, trialsContent(report.trials, report.variant));
          }
        }
      } catch (err) {
        if (!isAbort(err)) {
          const problemField = err instanceof ApiError ? err.problem?.parameter ?? null : null;
          markInvalid(formEl, problemField);
          const shown = errorState(err);
          shown.dataset.field = problemField ?? '';
          result.replaceChildren(shown, err instanceof ApiError && err.status === 401 ? openSettingsLink() : '');
        }
      } finally {
        run.disabled = false;
      }
    },
  },
  field('Strategy', strategy), field('Timeframe', timeframe), field('Bars', bars), field('Fill', fill), h('div', { class: 'form-actions' }, run));
  return [formEl, h('h3', {}, 'Parameters'), parameters, symbolBoxes, result, h('h3', {}, 'Trials of this strategy'), trials];
}

/** Points at the input the API's ProblemDetails names (parameters.fast, bars, symbols[0], ...). */
function markInvalid(formEl: HTMLElement, problemField: string | null): void {
  if (!problemField) {
    return;
  }
  const parameter = /^parameters\.(.+)$/.exec(problemField)?.[1];
  const target = parameter ? formEl.ownerDocument.getElementById(`bt-param-${parameter}`)
    : problemField.startsWith('symbols') ? formEl.ownerDocument.getElementById('bt-symbols')
      : formEl.ownerDocument.getElementById(`bt-${problemField}`);
  target?.setAttribute('aria-invalid', 'true');
}

function reportView(r: BacktestReport): HTMLElement {
  const m = r.metrics;
  // The API writes every metric, but the document marks none required: a missing one shows as a dash.
  const trials = m.trials ?? 0;
  const deflated = h('div', { class: 'stat', id: 'bt-deflated', title: deflatedExplained(trials) },
    h('div', { class: 'stat-label' }, 'Deflated Sharpe ', h('span', { class: 'help', 'aria-hidden': 'true' }, '?')),
    h('div', { class: 'stat-value' }, h('span', { class: 'value' }, fixed(m.deflatedSharpe, 3)), ' over ', h('span', { id: 'bt-trials-count' }, m.trials === undefined ? '–' : String(trials)), trials === 1 ? ' trial' : ' trials'),
    h('span', { class: 'sr-only' }, deflatedExplained(trials)));
  return h('div', { id: 'backtest-report', 'data-variant': r.variant, 'data-strategy': r.strategy },
    h('p', { class: 'small' }, h('code', {}, r.rules), ` · ${r.timeframe} bars ${time(r.from)} → ${time(r.to)} · ${r.symbols.join(', ')}`,
      r.missing.length ? h('span', { class: 'muted', id: 'bt-missing' }, ` · skipped (too few bars): ${r.missing.join(', ')}`) : ''),
    h('div', { class: 'stats', id: 'backtest-metrics-api' },
      stat('Total return', signedPct(m.totalReturn), `Final equity ${fixed(m.finalEquity)} on ${fixed(m.initialCapital)}`),
      stat('Sharpe (annualized)', fixed(m.sharpe, 3), `Per bar ${fixed(m.sharpePerPeriod, 4)} × √${fixed(m.periodsPerYear, 0)} bars a year`),
      stat('Max drawdown', pct(m.maxDrawdown), `Deepest fall of equity from its running peak, over ${m.maxDrawdownBars ?? '–'} bars`),
      stat('Trades', String(m.tradeCount ?? '–')),
      stat('Win rate', pct(m.winRate, 1)),
      stat('Probabilistic Sharpe', fixed(m.probabilisticSharpe, 3), 'Probability that the true Sharpe ratio is above zero, given the sample’s length, skewness and kurtosis (one trial)'),
      deflated));
}

function trialsTable(list: BacktestTrial[], highlight?: string): HTMLElement {
  const params = (p: Record<string, number>) => Object.entries(p).map(([k, v]) => `${k}=${v}`).join(', ');
  return table<BacktestTrial>(`Trials: ${list.length}`, [
    { label: 'Run', cell: (t) => time(t.runAt) },
    { label: 'Parameters', cell: (t) => h('code', {}, params(t.parameters)) },
    { label: 'Timeframe', cell: (t) => t.timeframe },
    { label: 'Symbols', cell: (t) => String(t.symbols), numeric: true },
    { label: 'Fill', cell: (t) => t.fill },
    { label: 'Trades', cell: (t) => String(t.trades), numeric: true },
    { label: 'Return', cell: (t) => signedPct(t.totalReturn), numeric: true },
    { label: 'Sharpe', cell: (t) => fixed(t.sharpe, 3), numeric: true, title: 'Annualized' },
    { label: 'Sharpe / bar', cell: (t) => fixed(t.sharpePerPeriod, 4), numeric: true, title: 'The per-bar Sharpe ratios of the trials give the variance the deflated Sharpe uses' },
  ], list, (t) => ({ 'data-variant': t.variant, class: t.variant === highlight ? 'current' : '' }));
}
