import type { Interval } from './types';

/** Number and time formatting in one place, so every view shows the same precision and treats non-numbers as missing. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function fixed(value: unknown, digits = 2): string {
  const n = num(value);
  return n === null ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function price(value: unknown): string {
  const n = num(value);
  if (n === null) {
    return '–';
  }
  const digits = Math.abs(n) >= 1000 ? 2 : Math.abs(n) >= 1 ? 2 : 6;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function pct(value: unknown, digits = 2): string {
  const n = num(value);
  return n === null ? '–' : `${(n * 100).toFixed(digits)}%`;
}

export function signedPct(value: unknown, digits = 2): string {
  const n = num(value);
  return n === null ? '–' : `${n > 0 ? '+' : ''}${(n * 100).toFixed(digits)}%`;
}

export function interval(i: Interval | null | undefined, f: (v: unknown) => string = (v) => fixed(v)): string {
  return i ? `[${f(i.low)}, ${f(i.high)}]` : '–';
}

export function time(iso: string | null | undefined): string {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/:00Z$/, 'Z');
}

export function duration(startIso: string | null | undefined, endIso: string | null | undefined): string {
  if (!startIso || !endIso) {
    return '–';
  }
  const ms = new Date(endIso).getTime() - new Date(startIso).getTime();
  if (!Number.isFinite(ms)) {
    return '–';
  }
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
}

/** Seconds since the epoch, the time unit of lightweight-charts. */
export function epochSeconds(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}
