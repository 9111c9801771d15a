import { createSeriesMarkers, HistogramSeries, LineSeries, type SeriesMarker } from 'lightweight-charts';
import { api, ApiError, seg } from '../api';
import { chartBox, numberChart, palette } from '../charts';
import { h, mount } from '../dom';
import { duration, fixed, pct, signedPct, time } from '../format';
import { normalQuantile } from '../stats';
import { openSettingsLink } from '../settings-link';
import type { Accepted, MonteCarloInputs, MonteCarloStatus, Run } from '../types';
import { badge, empty, errorState, isAbort, isFinal, load, pageHeader, runOutcome, section, stat, statusTone, table, type ViewContext } from '../ui';

const formKey = 'marketintel.risk.form';
const defaults = { mu: 0.0005, sigma: 0.02, horizon: 20, paths: 100000, batches: 8, seed: 1 };
type Form = typeof defaults;

/** Start a Monte Carlo run, follow it, and show its terminal-return histogram with VaR/CVaR, a fan chart and drawdowns. */
export async function riskView(ctx: ViewContext): Promise<void> {
  const runId = ctx.query.get('run');
  const saved = { ...defaults, ...(JSON.parse(localStorage.getItem(formKey) ?? '{}') as Partial<Form>) };
  const inputs = Object.fromEntries((Object.keys(defaults) as (keyof Form)[]).map((k) => [k, h('input', { id: `mc-${k}`, name: k, type: 'number', step: 'any', value: saved[k], required: true, inputmode: 'decimal' })])) as Record<keyof Form, HTMLInputElement>;
  const labels: Record<keyof Form, string> = { mu: 'Drift μ per step', sigma: 'Volatility σ per step', horizon: 'Horizon (steps)', paths: 'Paths', batches: 'Batches', seed: 'Seed' };
  const progress = h('div', { 'aria-live': 'polite', id: 'mc-progress' });
  const submit = h('button', { class: 'button primary', type: 'submit', id: 'mc-start' }, 'Run Monte Carlo');
  const form = h('form', { class: 'form-grid', 'aria-label': 'Monte Carlo run (geometric Brownian motion)', onsubmit: (e: Event) => { e.preventDefault(); void start(); } },
    (Object.keys(defaults) as (keyof Form)[]).map((k) => h('span', { class: 'field' }, h('label', { for: `mc-${k}` }, labels[k]), inputs[k])),
    h('div', { class: 'form-actions' }, submit));
  const result = h('div', {});
  const runsSlot = h('div', {});
  mount(ctx.root,
    pageHeader('Risk', 'Monte Carlo simulation of returns: VaR, CVaR, drawdowns and a fan of outcomes'),
    section('New run (GBM)', form, progress),
    result,
    section('Recent Monte Carlo runs (today)', runsSlot));

  const loadRuns = () => load(runsSlot, ctx, 'Loading runs', () => api.get<Run[]>('/api/runs', { kind: 'MonteCarlo' }, ctx.signal), (runs) =>
    runs.length === 0 ? empty('No Monte Carlo runs today') : table<Run>('Monte Carlo runs', [
      { label: 'Run', cell: (r) => h('a', { href: `#/risk?run=${seg(r.runId)}` }, r.runId) },
      { label: 'Status', cell: (r) => badge(r.status, statusTone(r.status)) },
      { label: 'Started', cell: (r) => time(r.startedUtc) },
      { label: 'Duration', numeric: true, cell: (r) => (isFinal(r.status) ? duration(r.startedUtc, r.finishedUtc) : '–') },
      { label: 'Summary', cell: (r) => runOutcome(r) },
    ], runs));
  void loadRuns();

  async function start(): Promise<void> {
    const body = Object.fromEntries((Object.keys(defaults) as (keyof Form)[]).map((k) => [k, Number(inputs[k].value)])) as Form;
    localStorage.setItem(formKey, JSON.stringify(body));
    submit.disabled = true;
    progress.replaceChildren(h('p', { role: 'status' }, 'Starting…'));
    try {
      const accepted = await api.post<Accepted>('/api/risk/montecarlo', { model: 'gbm', ...body } satisfies MonteCarloInputs);
      const q = new URLSearchParams();
      q.set('run', accepted.id);
      ctx.setQuery(q);
      await follow(accepted.id);
    } catch (e) {
      if (!isAbort(e)) {
        progress.replaceChildren(errorState(e), e instanceof ApiError && e.status === 401 ? openSettingsLink() : '');
      }
    } finally {
      submit.disabled = false;
    }
  }

  async function follow(id: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      const status = await api.get<MonteCarloStatus>(`/api/risk/montecarlo/${seg(id)}`, undefined, ctx.signal);
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      progress.replaceChildren(h('p', { role: 'status', 'data-status': status.status }, `Run ${id}: `, badge(status.status, statusTone(status.status)), status.status === 'running' ? ` · ${elapsed} s` : ''),
        status.status === 'running' ? h('progress', { 'aria-label': 'Monte Carlo run in progress' }) : '');
      if (status.status === 'completed' && status.report) {
        show(status);
        void loadRuns();
        return;
      }
      if (isFinal(status.status)) {
        // Failed or interrupted (or completed without a report): say why, and stop polling; the same POST runs it again.
        const verb = status.status === 'interrupted' ? 'was interrupted' : status.status === 'failed' ? 'failed' : 'has no report';
        result.replaceChildren(h('div', { id: 'mc-failure', 'data-status': status.status },
          errorState(new Error(`Run ${id} ${verb}${status.reason ? `: ${status.reason}` : ''}. Run it again to retry.`))));
        void loadRuns();
        return;
      }
      await new Promise((r) => setTimeout(r, 400));
      if (ctx.signal.aborted) {
        return;
      }
    }
  }

  function show(status: MonteCarloStatus): void {
    const report = status.report!;
    const p = palette();
    const tail95 = report.tail.find((t) => Math.abs(t.confidence - 0.95) < 1e-9) ?? report.tail[0];
    const tail99 = report.tail.find((t) => Math.abs(t.confidence - 0.99) < 1e-9);
    const histogram = chartBox('Terminal return distribution', `Histogram of ${status.inputs.paths} simulated ${status.inputs.horizon}-step returns; VaR ${tail95 ? pct(tail95.valueAtRisk) : ''} at ${tail95 ? pct(tail95.confidence, 0) : ''}`, 300);
    const fan = chartBox('Fan chart', 'Quantiles 5, 25, 50, 75 and 95% of the cumulative return per step', 300);
    const drawdowns = chartBox('Maximum drawdown distribution', `Histogram of per-path maximum drawdowns, mean ${pct(report.drawdownMean)}`, 260);
    histogram.box.id = 'mc-histogram';
    mount(result,
      section(`Run ${status.id}`,
        h('div', { class: 'stats' },
          stat('Mean return', signedPct(report.terminalMean)),
          stat('Std deviation', pct(report.terminalStandardDeviation)),
          report.tail.map((t) => stat(`VaR / CVaR ${pct(t.confidence, 0)}`, `${pct(t.valueAtRisk)} / ${pct(t.conditionalValueAtRisk)}`, `Loss not exceeded with ${pct(t.confidence, 0)} confidence, and the mean loss beyond it (${t.tailCount} paths)`)),
          stat('Mean max drawdown', pct(report.drawdownMean)),
          stat('Sharpe (annualized)', `${fixed(report.sharpeMean)} [${fixed(report.sharpeLow)}, ${fixed(report.sharpeHigh)}]`, '95% percentile interval of per-path Sharpe ratios'),
          report.losses.map((l) => stat(`P(loss > ${pct(l.threshold, 0)})`, pct(l.probability, 1)))),
        h('p', { class: 'muted small' }, `${status.inputs.paths.toLocaleString('en-US')} paths · ${status.inputs.horizon} steps · seed ${status.inputs.seed ?? '–'} · ${status.codeVersion}`),
        h('div', { class: 'grid two' }, histogram.figure, fan.figure),
        drawdowns.figure));

    // Histogram: bars at bin centres, the loss tail beyond VaR in the warning colour, VaR and CVaR marked.
    const { edges, counts } = report.histogram;
    const hist = numberChart(ctx, histogram.box, 3);
    const series = hist.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false, priceFormat: { type: 'volume' } });
    const centres = counts.map((_, i) => ((edges[i] ?? 0) + (edges[i + 1] ?? 0)) / 2);
    series.setData(counts.map((c, i) => ({
      time: centres[i]!,
      value: c,
      color: tail99 && centres[i]! <= -tail99.valueAtRisk ? p.down : tail95 && centres[i]! <= -tail95.valueAtRisk ? p.warn : p.accent,
    })));
    const nearest = (x: number) => centres.reduce((best, c) => (Math.abs(c - x) < Math.abs(best - x) ? c : best), centres[0] ?? 0);
    const markers: SeriesMarker<number>[] = [];
    // VaR levels marked on the bars; CVaR (the mean beyond VaR) is in the figures above, its marks would sit on top of these.
    for (const t of report.tail) {
      markers.push({ time: nearest(-t.valueAtRisk), position: 'aboveBar', shape: 'arrowDown', color: p.down, text: `VaR ${pct(t.confidence, 0)}` });
    }
    markers.sort((a, b) => a.time - b.time);
    createSeriesMarkers(series, markers);
    hist.timeScale().fitContent();
    histogram.figure.append(h('ul', { class: 'legend small' },
      h('li', {}, h('span', { class: 'swatch', style: `background:${p.accent}`, 'aria-hidden': 'true' }), 'return (horizontal axis, fraction)'),
      tail95 ? h('li', {}, h('span', { class: 'swatch', style: `background:${p.warn}`, 'aria-hidden': 'true' }), `loss beyond VaR ${pct(tail95.confidence, 0)} (${pct(tail95.valueAtRisk)})`) : '',
      tail99 ? h('li', {}, h('span', { class: 'swatch', style: `background:${p.down}`, 'aria-hidden': 'true' }), `loss beyond VaR ${pct(tail99.confidence, 0)} (${pct(tail99.valueAtRisk)})`) : ''));

    // Fan: sample paths when the report carries them, else the model's exact quantiles (GBM: log-returns are normal).
    const fanChart = numberChart(ctx, fan.box, 0);
    const quantiles = [0.05, 0.25, 0.5, 0.75, 0.95];
    const horizon = status.inputs.horizon;
    if (report.samplePaths && report.samplePaths.length > 0) {
      report.samplePaths.slice(0, 50).forEach((path, i) => {
        const line = fanChart.addSeries(LineSeries, { color: `${p.series[i % p.series.length]}88`, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, priceFormat: { type: 'percent' } });
        line.setData([{ time: 0, value: 0 }, ...path.map((v, k) => ({ time: k + 1, value: v * 100 }))]);
      });
    } else if (status.inputs.model === 'gbm' && typeof status.inputs.mu === 'number' && typeof status.inputs.sigma === 'number') {
      const mu = status.inputs.mu;
      const sigma = status.inputs.sigma;
      quantiles.forEach((q, i) => {
        const z = normalQuantile(q);
        const line = fanChart.addSeries(LineSeries, { color: q === 0.5 ? p.text : i < 2 ? p.down : p.up, lineWidth: q === 0.5 ? 2 : 1, lineStyle: q === 0.05 || q === 0.95 ? 2 : 0, title: `${q * 100}%`, priceLineVisible: false, priceFormat: { type: 'percent' } });
        line.setData(Array.from({ length: horizon + 1 }, (_, t) => ({ time: t, value: (Math.exp((mu - (sigma * sigma) / 2) * t + z * sigma * Math.sqrt(t)) - 1) * 100 })));
      });
      fan.figure.append(h('p', { class: 'muted small' }, 'The model’s exact quantile fan (the run report carries no sample paths).'));
    }
    fanChart.timeScale().fitContent();

    // Drawdowns: 100 bins over [0, 1]; drop the empty tail so the mass is readable.
    const dd = report.drawdownHistogram;
    let lastBin = dd.length - 1;
    while (lastBin > 0 && dd[lastBin] === 0) {
      lastBin--;
    }
    const ddChart = numberChart(ctx, drawdowns.box, 3);
    const ddSeries = ddChart.addSeries(HistogramSeries, { color: p.warn, priceLineVisible: false, lastValueVisible: false, priceFormat: { type: 'volume' } });
    ddSeries.setData(dd.slice(0, lastBin + 1).map((c, i) => ({ time: (i + 0.5) / dd.length, value: c })));
    ddChart.timeScale().fitContent();
  }

  if (runId) {
    try {
      await follow(runId);
    } catch (e) {
      if (!isAbort(e)) {
        result.replaceChildren(errorState(e));
      }
    }
  }
}
