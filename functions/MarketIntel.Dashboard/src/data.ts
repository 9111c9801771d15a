import { api, seg } from './api';
import type { BarsResponse, IndicatorsResponse, Regimes, SetupsResponse } from './types';

/** Shared loaders and small helpers used by several views. */
export const timeframes = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;

export function symbols(signal?: AbortSignal): Promise<string[]> {
  return api.get<string[]>('/api/symbols', undefined, signal);
}

export function bars(symbol: string, timeframe: string, limit: number, signal?: AbortSignal, from?: string): Promise<BarsResponse> {
  return api.get<BarsResponse>(`/api/bars/${seg(symbol)}`, { timeframe, limit, from }, signal);
}

/** The newest bars: without a range the API returns the last `limit` bar intervals before now, which may be sparse. */
export async function latestBars(symbol: string, timeframe: string, limit: number, signal?: AbortSignal): Promise<BarsResponse> {
  const recent = await bars(symbol, timeframe, limit, signal);
  if (recent.bars.length > 0) {
    return recent;
  }
  // A closed market (equities overnight): look back over the widest range one request may cover and keep the newest bars.
  const widest = 10_000;
  const from = new Date(Date.now() - timeframeSeconds(timeframe) * 1000 * widest).toISOString();
  const wide = await api.get<BarsResponse>(`/api/bars/${seg(symbol)}`, { timeframe, from, limit: widest }, signal);
  return { ...wide, bars: wide.bars.slice(-limit) };
}

export function indicators(symbol: string, timeframe: string, specs: string[], limit: number, signal?: AbortSignal): Promise<IndicatorsResponse> {
  return api.get<IndicatorsResponse>(`/api/indicators/${seg(symbol)}`, { timeframe, spec: specs, limit }, signal);
}

export function regimes(symbol: string, timeframe: string, states: number, limit: number, signal?: AbortSignal): Promise<Regimes> {
  return api.get<Regimes>(`/api/regimes/${seg(symbol)}`, { timeframe, states, limit }, signal);
}

export function latestSetups(signal?: AbortSignal, scan?: string): Promise<SetupsResponse> {
  return api.get<SetupsResponse>('/api/setups', { scan, limit: 200 }, signal);
}

/** Last finite value of an indicator column, or null. */
export function lastValue(values: (number | string | null)[] | undefined): number | null {
  if (!values) {
    return null;
  }
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      return v;
    }
  }
  return null;
}

/** Timeframe length in seconds ("5m" -> 300, "1h" -> 3600, "1d" -> 86400, "1w" -> 604800). */
export function timeframeSeconds(tf: string): number {
  const m = /^(\d+)([mhdw])$/.exec(tf);
  if (!m) {
    return 60;
  }
  const unit = { m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}
