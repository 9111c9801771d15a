import { api, seg } from './api';
import { h } from './dom';
import { fixed, price } from './format';
import type { PaperAccountIndexEntry, PaperOrder, PaperOrderResult, RiskCheck, TradingState } from './types';
import { badge } from './ui';

/** Paper-trading helpers shared by the Trading view and the Setups view's Trade button. */
const accountKey = 'marketintel.paper.account';

/** The account the user last picked in the Trading view (the Setups view trades into it). */
export function selectedAccount(): string {
  return localStorage.getItem(accountKey) ?? '';
}

export function selectAccount(id: string): void {
  if (id) {
    localStorage.setItem(accountKey, id);
  } else {
    localStorage.removeItem(accountKey);
  }
}

export const accountPath = (id: string, rest = ''): string => `/api/paper/accounts/${seg(id)}${rest}`;

export function listAccounts(signal?: AbortSignal): Promise<PaperAccountIndexEntry[]> {
  return api.get<PaperAccountIndexEntry[]>('/api/paper/accounts', undefined, signal);
}

export function stateBadge(state: TradingState | string): HTMLElement {
  const label = state.charAt(0).toUpperCase() + state.slice(1);
  const el = badge(label, state === 'active' ? 'good' : state === 'halted' ? 'bad' : 'warn');
  el.id = 'trading-state';
  el.dataset.state = state;
  return el;
}

export function statusBadge(status: string): HTMLElement {
  const tone = status === 'filled' ? 'good' : status === 'rejected' ? 'bad' : status === 'accepted' || status === 'partially_filled' ? 'info' : 'neutral';
  return badge(status.replace('_', ' '), tone);
}

/** "buy 10 SPY limit 101.50 gtc", "sell 5 SPY stop 99.00 limit 98.50 day", "buy 1 SPY market ioc". */
export function describeOrder(o: Pick<PaperOrder, 'side' | 'quantity' | 'symbol' | 'type' | 'limitPrice' | 'stopPrice' | 'timeInForce'>): string {
  const prices = o.type === 'market' ? 'market'
    : o.type === 'limit' ? `limit ${price(o.limitPrice)}`
      : o.type === 'stop' ? `stop ${price(o.stopPrice)}`
        : `stop ${price(o.stopPrice)} limit ${price(o.limitPrice)}`;
  return `${o.side} ${fixed(o.quantity, quantityDigits(o.quantity))} ${o.symbol} ${prices} ${o.timeInForce}`;
}

export function quantityDigits(q: number): number {
  return Number.isInteger(q) ? 0 : 4;
}

/** A check's numbers: "inputs a=1, b=2 · thresholds c=3". */
export function checkNumbers(c: RiskCheck): string {
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${fixed(v, Number.isInteger(v) ? 0 : Math.abs(v) < 1 ? 4 : 2)}`).join(', ');
  return [Object.keys(c.inputs).length ? list(c.inputs) : '', Object.keys(c.thresholds).length ? `limit ${list(c.thresholds)}` : ''].filter(Boolean).join(' · ');
}

/**
 * What happened to a submitted order: accepted (or the existing order for a repeated id), or rejected with its reason
 * code and, when a risk rule refused it, that rule's inputs and thresholds.
 */
export function orderOutcome(result: PaperOrderResult, extra?: string): HTMLElement {
  const o = result.order;
  const rejected = o.status === 'rejected';
  const failed = result.decision?.checks.find((c) => !c.passed);
  return h('div', { class: `order-outcome ${rejected ? 'rejected' : 'accepted'}`, role: rejected ? 'alert' : 'status', 'data-status': o.status, 'data-order': o.clientOrderId, 'data-reason': o.reason ?? null },
    h('p', {}, statusBadge(o.status), ' ', h('code', {}, o.clientOrderId), ` ${describeOrder(o)}`, extra ? ` · ${extra}` : '', result.duplicate ? ' (this client order id was already used: the existing order)' : ''),
    rejected ? h('p', {}, 'Reason: ', h('code', { class: 'reason-code' }, o.reason ?? 'unknown'), failed ? ` — ${checkNumbers(failed)}` : '') : null);
}
