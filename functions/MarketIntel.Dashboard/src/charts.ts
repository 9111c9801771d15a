import { ColorType, createChart, createOptionsChart, CrosshairMode, type DeepPartial, type IChartApi, type IChartApiBase, type PriceChartOptions, type TimeChartOptions } from 'lightweight-charts';
import type { ViewContext } from './ui';

/** Chart colours come from the CSS custom properties, so charts follow the light/dark theme. */
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--grid'),
    background: v('--surface'),
    up: v('--up'),
    down: v('--down'),
    accent: v('--accent'),
    warn: v('--warn'),
    series: [v('--s1'), v('--s2'), v('--s3'), v('--s4'), v('--s5'), v('--s6')],
  };
}

function baseOptions() {
  const p = palette();
  return {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: p.background }, textColor: p.text, fontFamily: 'system-ui, sans-serif', attributionLogo: true },
    grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: p.grid },
  };
}

/** A time-axis chart in a labelled container, removed when the view goes away. */
export function timeChart(ctx: ViewContext, container: HTMLElement, options: DeepPartial<TimeChartOptions> = {}): IChartApi {
  const p = palette();
  const chart = createChart(container, {
    ...baseOptions(),
    timeScale: { borderColor: p.grid, timeVisible: true, secondsVisible: false },
    ...options,
  } as DeepPartial<TimeChartOptions>);
  ctx.onCleanup(() => chart.remove());
  return chart;
}

/** A chart whose horizontal axis is a number (return, drawdown, step): lightweight-charts' price-axis chart. */
export function numberChart(ctx: ViewContext, container: HTMLElement, precision: number, options: DeepPartial<PriceChartOptions> = {}): IChartApiBase<number> {
  const p = palette();
  const chart = createOptionsChart(container, {
    ...baseOptions(),
    localization: { precision },
    timeScale: { borderColor: p.grid },
    ...options,
  } as DeepPartial<PriceChartOptions>);
  ctx.onCleanup(() => chart.remove());
  return chart;
}

/** A figure: the chart box with an accessible name and a text summary for screen readers. */
export function chartBox(label: string, summary: string, height = 360): { figure: HTMLElement; box: HTMLElement } {
  const box = document.createElement('div');
  box.className = 'chart';
  box.style.height = `${height}px`;
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', `${label}. ${summary}`);
  box.dataset.chart = label;
  const figure = document.createElement('figure');
  figure.className = 'figure';
  const caption = document.createElement('figcaption');
  caption.textContent = label;
  figure.append(caption, box);
  return { figure, box };
}
