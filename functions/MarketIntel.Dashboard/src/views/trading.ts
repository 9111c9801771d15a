import { AreaSeries, LineSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { api, ApiError } from '../api';
import { chartBox, palette, timeChart } from '../charts';
import * as data from '../data';
import { h, mount } from '../dom';
import { epochSeconds, fixed, pct, price, time } from '../format';
import { automationPanel, brokersPanel } from './automation';
import { accountPath, checkNumbers, describeOrder, listAccounts, orderOutcome, quantityDigits, selectAccount, selectedAccount, stateBadge, statusBadge } from '../paper';
import { openSettingsLink } from '../settings-link';
import type { KillLevel, PaperAccount, PaperAccountSettingsBody, PaperEquityPoint, PaperFill, PaperKillBody, PaperKillResult, PaperOrder, PaperOrderBody, PaperOrderResult, PaperPosition, RiskDecision, RiskLimits } from '../types';
import { badge, empty, errorState, isAbort, pageHeader, section, stat, table, toast, type ViewContext } from '../ui';

const refreshMs = 10_000;
const working = new Set(['new', 'accepted', 'partially_filled']);

const killLevels: { level: KillLevel; label: string; effect: string }[] = [
  { level: 'block_entries', label: 'Block entries', effect: 'The account may only reduce positions: new entries are rejected (reducing_only).' },
  { level: 'cancel_all', label: 'Cancel all', effect: 'The account is halted and every working order is canceled.' },
  { level: 'flatten_all', label: 'Flatten all', effect: 'The account is halted, every working order is canceled, and every open position is closed by a market order on the next bar.' },
];

/** Rule codes as people read them, with how the limit and its use are shown. */
const limitNames: Record<string, { label: string; show: (v: number) => string }> = {
  max_position: { label: 'Max position per symbol (units)', show: (v) => fixed(v, quantityDigits(v)) },
  max_gross_exposure: { label: 'Max gross exposure', show: (v) => fixed(v) },
  max_open_positions: { label: 'Max open positions', show: (v) => fixed(v, 0) },
  max_order_notional: { label: 'Max order notional', show: (v) => fixed(v) },
  order_rate: { label: 'Max orders per minute', show: (v) => fixed(v, 0) },
  daily_loss: { label: 'Daily loss limit (breaker)', show: (v) => fixed(v) },
  max_drawdown: { label: 'Max drawdown (breaker)', show: (v) => pct(v) },
};

/**
 * Paper trading: pick or open an account, see its money, state, limits and risk decisions, place and cancel orders,
 * engage the kill switch or reset the breakers. The account is evaluated by the pipeline after each ingest; the view
 * refreshes every 10 s and after each action.
 */
export async function tradingView(ctx: ViewContext): Promise<void> {
  const id = ctx.params[0] ?? selectedAccount();
  const picker = h('select', { id: 'paper-account', 'aria-label': 'Paper account', onchange: () => { window.location.hash = `#/trading/${encodeURIComponent(picker.value)}`; } });
  const evaluate = h('button', { type: 'button', class: 'button', id: 'evaluate-now', title: 'Evaluate the working orders on the bars stored since the last evaluation (the pipeline does this after each ingest)' }, 'Evaluate now');
  const reset = h('button', { type: 'button', class: 'button', id: 'reset-breakers', title: 'A person’s reset: clears tripped loss breakers and the kill switch' }, 'Reset breakers');
  const updated = h('p', { class: 'muted small', 'aria-live': 'off' });
  const status = h('div', { 'aria-live': 'polite', id: 'trading-status' });
  const summarySlot = h('div', {});
  const limitsSlot = h('div', {});
  const positionsSlot = h('div', {});
  const workingSlot = h('div', {});
  const ordersSlot = h('div', {});
  const fillsSlot = h('div', {});
  const decisionsSlot = h('div', {});
  const equitySlot = h('div', {});
  const newAccount = newAccountForm(ctx);

  const header = pageHeader('Trading', 'Paper accounts: orders, positions, risk limits and the kill switch; refreshes every 10 s',
    h('span', { class: 'field' }, h('label', { for: 'paper-account' }, 'Account'), picker), id ? evaluate : null, id ? reset : null);
  mount(ctx.root, header);

  let accounts: Awaited<ReturnType<typeof listAccounts>>;
  try {
    accounts = await listAccounts(ctx.signal);
  } catch (e) {
    if (!isAbort(e)) {
      ctx.root.append(errorState(e, () => void tradingView(ctx)));
    }
    return;
  }
  mount(picker, h('option', { value: '' }, accounts.length ? 'Choose…' : 'No accounts yet'), accounts.map((a) => h('option', { value: a.id, selected: a.id === id }, `${a.name} (${a.id}, ${a.timeframe})`)));
  if (!id || !accounts.some((a) => a.id === id)) {
    if (id && !ctx.params[0]) {
      selectAccount(''); // the remembered account is gone
    }
    ctx.root.append(
      id && ctx.params[0] ? errorState(new Error(`There is no paper account '${id}'. Pick one above or open a new one.`)) : empty(accounts.length ? 'Choose an account above' : 'No paper accounts yet', 'Open one below with its starting cash and risk limits.'),
      section('New account', newAccount));
    return;
  }
  selectAccount(id);

  const ticket = orderTicket(ctx, id, () => void refresh());
  const kill = killSwitch(ctx, id, () => void refresh());
  const automation = automationPanel(ctx, id, (button, action) => act(button, status, action, refresh));
  const brokers = brokersPanel(ctx, (button, action) => act(button, status, action, refresh));
  mount(ctx.root, header,
    updated, status,
    section('Account', summarySlot),
    h('div', { class: 'grid two' }, section('Order ticket', ticket), section('Kill switch', kill)),
    section('Positions', positionsSlot),
    section('Working orders', workingSlot),
    h('div', { class: 'grid two' }, section('Risk limits', limitsSlot), section('Equity', equitySlot)),
    section('Fills', fillsSlot),
    section('Risk decisions', decisionsSlot),
    section('Recent orders', ordersSlot),
    section('Automation', automation.element),
    section('Broker connections', brokers.element),
    h('details', { class: 'card', id: 'new-account-details' }, h('summary', {}, 'Open another account'), newAccount));

  evaluate.addEventListener('click', () => void act(evaluate, status, async () => {
    const account = await api.post<PaperAccount>(accountPath(id, '/evaluate'), {});
    toast(`Evaluated: equity ${fixed(account.equity)}, ${account.tradingState}`);
  }, refresh));
  reset.addEventListener('click', () => void act(reset, status, async () => {
    const account = await api.post<PaperAccount>(accountPath(id, '/reset'), {});
    toast(`Breakers and kill switch reset: ${account.tradingState}`);
  }, refresh));

  const charts = equityCharts(ctx, equitySlot);

  async function refresh(): Promise<void> {
    let account: PaperAccount, positions: PaperPosition[], orders: PaperOrder[], fills: PaperFill[], equity: PaperEquityPoint[], decisions: RiskDecision[];
    try {
      [account, positions, orders, fills, equity, decisions] = await Promise.all([
        api.get<PaperAccount>(accountPath(id), undefined, ctx.signal),
        api.get<PaperPosition[]>(accountPath(id, '/positions'), undefined, ctx.signal),
        api.get<PaperOrder[]>(accountPath(id, '/orders'), { status: 'all' }, ctx.signal),
        api.get<PaperFill[]>(accountPath(id, '/fills'), undefined, ctx.signal),
        api.get<PaperEquityPoint[]>(accountPath(id, '/equity'), undefined, ctx.signal),
        api.get<RiskDecision[]>(accountPath(id, '/decisions'), undefined, ctx.signal),
      ]);
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) {
        status.replaceChildren(errorState(e, () => void refresh()));
      }
      return;
    }
    if (ctx.signal.aborted) {
      return;
    }
    status.replaceChildren();
    mount(summarySlot, summary(account));
    mount(limitsSlot, limits(account, orders));
    const open = positions.filter((p) => p.quantity !== 0);
    mount(positionsSlot, open.length === 0 ? empty('No open positions', positions.length ? `${positions.length} closed position(s) with realized P&L ${fixed(positions.reduce((a, p) => a + p.realizedPnl, 0))}` : undefined) : positionsTable(open));
    const workingOrders = orders.filter((o) => working.has(o.status));
    mount(workingSlot, workingOrders.length === 0 ? empty('No working orders') : workingTable(workingOrders, cancel));
    mount(ordersSlot, orders.length === 0 ? empty('No orders yet') : ordersTable([...orders].reverse().slice(0, 50)));
    mount(fillsSlot, fills.length === 0 ? empty('No fills yet', 'Working orders fill on the bars ingested after they were placed.') : fillsTable([...fills].reverse()));
    mount(decisionsSlot, decisions.length === 0 ? empty('No risk decisions yet') : decisionsTable(decisions.slice(0, 25)));
    charts.show(equity, account);
    await Promise.all([automation.refresh(), brokers.refresh()]);
    updated.textContent = `Updated ${new Date().toISOString().slice(11, 19)} UTC · journal entry ${account.journalSequence}`;
  }

  async function cancel(order: PaperOrder, button: HTMLButtonElement): Promise<void> {
    await act(button, status, async () => {
      await api.del(accountPath(id, `/orders/${encodeURIComponent(order.clientOrderId)}`));
      toast(`Order ${order.clientOrderId} canceled`);
    }, refresh);
  }

  await refresh();
  const timer = window.setInterval(() => void refresh(), refreshMs);
  ctx.onCleanup(() => window.clearInterval(timer));
}

/** Runs an action with its button disabled; a failure is explained in the status slot (with the settings link on a 401). */
async function act(button: HTMLButtonElement, status: HTMLElement, action: () => Promise<void>, after: () => Promise<void>): Promise<void> {
  button.disabled = true;
  try {
    await action();
    status.replaceChildren();
  } catch (e) {
    if (!isAbort(e)) {
      status.replaceChildren(errorState(e), e instanceof ApiError && e.status === 401 ? openSettingsLink() : '');
    }
  } finally {
    button.disabled = false;
  }
  await after();
}

function signed(v: number): HTMLElement {
  return h('span', { class: v > 0 ? 'up' : v < 0 ? 'down' : '' }, `${v > 0 ? '+' : ''}${fixed(v)}`);
}

function summary(a: PaperAccount): HTMLElement {
  const why = [a.killSwitch !== 'off' ? `kill switch: ${a.killSwitch.replace('_', ' ')}` : '', a.breaker ? `breaker ${a.breaker} tripped ${time(a.breakerTrippedAt)}` : ''].filter(Boolean).join(' · ');
  return h('div', {},
    h('p', { class: 'account-state' }, 'Trading state ', stateBadge(a.tradingState), why ? h('span', { class: 'muted', id: 'trading-state-why' }, ` ${why}`) : ''),
    h('div', { class: 'stats', id: 'account-summary', 'data-account': a.id },
      stat('Equity', fixed(a.equity), `Cash plus open positions marked at their last evaluated close; started with ${fixed(a.startingCash)}`),
      stat('Cash', fixed(a.cash)),
      stat('Day P&L', signed(a.dayPnl), 'Equity now minus equity at the start of the UTC day'),
      stat('Realized / unrealized', h('span', {}, signed(a.realizedPnl), ' / ', signed(a.unrealizedPnl))),
      stat('Gross exposure', fixed(a.grossExposure), 'Sum of |position| × last price'),
      stat('Open positions / working orders', `${a.openPositions} / ${a.workingOrders}`),
      stat('Drawdown', `${pct(a.drawdown)} of ${fixed(a.highWaterMark)}`, 'Fall from the equity high-water mark'),
      stat('Opened', `${time(a.opened)} · ${a.timeframe} bars`)));
}

function limits(a: PaperAccount, orders: PaperOrder[]): HTMLElement {
  // The rate limit counts orders accepted in the trailing minute; the summary does not carry it, the order list does.
  const minuteAgo = Date.now() - 60_000;
  const recent = orders.filter((o) => o.status !== 'rejected' && new Date(o.created).getTime() >= minuteAgo).length;
  const rows = a.limits.map((l) => (l.rule === 'order_rate' ? { ...l, used: recent } : l));
  const short = a.settings.limits?.allowShort ? 'allowed' : 'not allowed (no_short)';
  return h('div', {},
    table<(typeof rows)[number]>('Risk limits and their use', [
      { label: 'Limit', cell: (l) => h('span', { title: l.rule }, limitNames[l.rule]?.label ?? l.rule) },
      { label: 'Threshold', numeric: true, cell: (l) => (l.limit === null ? h('span', { class: 'muted' }, 'not set') : (limitNames[l.rule]?.show ?? fixed)(l.limit)) },
      { label: 'In use', numeric: true, cell: (l) => (l.rule === 'max_order_notional' ? h('span', { class: 'muted' }, 'per order') : (limitNames[l.rule]?.show ?? fixed)(l.used)) },
      {
        label: 'Usage', cell: (l) => {
          if (l.limit === null || l.rule === 'max_order_notional') {
            return '';
          }
          const share = l.limit > 0 ? l.used / l.limit : 0;
          return h('span', { class: 'usage' }, h('meter', { min: 0, max: 1, low: 0.6, high: 0.85, optimum: 0, value: Math.min(1, share), 'aria-label': `${limitNames[l.rule]?.label ?? l.rule}: ${pct(share, 0)} used` }), ` ${pct(share, 0)}`);
        },
      },
    ], rows, (l) => ({ 'data-rule': l.rule })),
    h('p', { class: 'muted small' }, `Short selling ${short}. Checks run on the worst case: every working order on the same side filled.`));
}

function positionsTable(rows: PaperPosition[]): HTMLElement {
  return table<PaperPosition>('Open positions', [
    { label: 'Symbol', cell: (p) => h('a', { href: `#/chart/${encodeURIComponent(p.symbol)}` }, p.symbol) },
    { label: 'Quantity', numeric: true, cell: (p) => h('span', { class: p.quantity < 0 ? 'down' : '' }, fixed(p.quantity, quantityDigits(p.quantity))) },
    { label: 'Avg price', numeric: true, cell: (p) => price(p.averagePrice) },
    { label: 'Last', numeric: true, cell: (p) => price(p.lastPrice) },
    { label: 'Market value', numeric: true, cell: (p) => fixed(p.marketValue) },
    { label: 'Unrealized', numeric: true, cell: (p) => signed(p.unrealizedPnl) },
    { label: 'Realized', numeric: true, cell: (p) => signed(p.realizedPnl) },
  ], rows, (p) => ({ 'data-symbol': p.symbol }));
}

function workingTable(rows: PaperOrder[], cancel: (o: PaperOrder, b: HTMLButtonElement) => Promise<void>): HTMLElement {
  return table<PaperOrder>('Working orders', [
    { label: 'Order', cell: (o) => h('code', {}, o.clientOrderId) },
    { label: 'Order', cell: (o) => describeOrder(o) },
    { label: 'Filled', numeric: true, cell: (o) => `${fixed(o.filledQuantity, quantityDigits(o.filledQuantity))} / ${fixed(o.quantity, quantityDigits(o.quantity))}` },
    { label: 'Status', cell: (o) => statusBadge(o.status) },
    { label: 'Origin', cell: (o) => (o.origin === 'client' ? '' : badge(o.origin.replace('_', ' '), 'warn')) },
    { label: 'Placed', cell: (o) => time(o.created) },
    {
      label: '', cell: (o) => {
        const button: HTMLButtonElement = h('button', { type: 'button', class: 'button small', 'aria-label': `Cancel order ${o.clientOrderId}`, onclick: () => void cancel(o, button) }, 'Cancel');
        return button;
      },
    },
  ], rows, (o) => ({ 'data-order': o.clientOrderId }));
}

function ordersTable(rows: PaperOrder[]): HTMLElement {
  return table<PaperOrder>('Recent orders, newest first', [
    { label: 'Placed', cell: (o) => time(o.created) },
    { label: 'Order', cell: (o) => h('code', {}, o.clientOrderId) },
    { label: 'Order', cell: (o) => describeOrder(o) },
    { label: 'Status', cell: (o) => statusBadge(o.status) },
    { label: 'Filled', numeric: true, cell: (o) => fixed(o.filledQuantity, quantityDigits(o.filledQuantity)) },
    { label: 'Avg price', numeric: true, cell: (o) => price(o.averagePrice) },
    { label: 'Reason', cell: (o) => (o.reason ? h('code', { class: 'reason-code' }, o.reason) : '') },
    { label: 'Source', cell: (o) => source(o) },
  ], rows, (o) => ({ 'data-order': o.clientOrderId, 'data-status': o.status, 'data-source': o.origin }));
}

/** Who placed the order (manual, setup, automation, kill switch) and, for a setup or automated order, the scan run and setup that caused it. */
function source(o: PaperOrder): HTMLElement {
  const name = o.origin === 'client' ? 'manual' : o.origin.replace('_', ' ');
  return h('span', { class: 'order-source', title: o.cause ?? '' }, badge(name, o.origin === 'automation' ? 'info' : o.origin === 'client' ? 'neutral' : 'warn'), o.cause ? h('span', { class: 'muted small' }, ` ${o.cause}`) : '');
}

function fillsTable(rows: PaperFill[]): HTMLElement {
  return table<PaperFill>('Fills, newest first', [
    { label: 'Bar', cell: (f) => time(f.time) },
    { label: 'Order', cell: (f) => h('code', {}, f.orderId) },
    { label: 'Symbol', cell: (f) => f.symbol },
    { label: 'Side', cell: (f) => badge(f.side, f.side === 'buy' ? 'good' : 'bad') },
    { label: 'Quantity', numeric: true, cell: (f) => fixed(f.quantity, quantityDigits(f.quantity)) },
    { label: 'Price', numeric: true, cell: (f) => price(f.price) },
    { label: 'Commission', numeric: true, cell: (f) => fixed(f.commission) },
  ], rows, (f) => ({ 'data-order': f.orderId }));
}

function decisionsTable(rows: RiskDecision[]): HTMLElement {
  return table<RiskDecision>('Last risk decisions, newest first', [
    { label: 'Time', cell: (d) => time(d.time) },
    { label: 'Order', cell: (d) => h('code', {}, d.orderId) },
    { label: 'Verdict', cell: (d) => badge(d.accepted ? 'accepted' : 'rejected', d.accepted ? 'good' : 'bad') },
    { label: 'Rule', cell: (d) => (d.reason ? h('code', { class: 'reason-code' }, d.reason) : '') },
    {
      label: 'Numbers', cell: (d) => {
        const failed = d.checks.find((c) => !c.passed);
        return failed ? checkNumbers(failed) : d.checks.length === 0 ? h('span', { class: 'muted' }, 'no pre-trade checks') : h('span', { class: 'muted', title: d.checks.map((c) => `${c.rule}: ${checkNumbers(c)}`).join('\n') }, `${d.checks.length} checks passed`);
      },
    },
  ], rows, (d) => ({ 'data-order': d.orderId, 'data-accepted': String(d.accepted) }));
}

/** Equity and drawdown from /equity: created once, their data replaced on each refresh. */
function equityCharts(ctx: ViewContext, slot: HTMLElement): { show(points: PaperEquityPoint[], account: PaperAccount): void } {
  let charts: { equity: IChartApi; drawdown: IChartApi; setEquity(p: PaperEquityPoint[]): void } | null = null;
  const note = h('p', { class: 'muted small' });
  return {
    show(points, account) {
      if (points.length === 0) {
        charts = null;
        mount(slot, empty('No equity points yet', 'A point is added each time the account’s bars are evaluated.'));
        return;
      }
      note.textContent = `${points.length} evaluated bar times · equity ${fixed(account.equity)} · deepest drawdown ${pct(Math.max(...points.map((p) => p.drawdown)))}`;
      if (!charts) {
        const eq = chartBox('Equity', `Marked equity over ${points.length} evaluated bar times`, 220);
        const dd = chartBox('Drawdown', 'Fall from the equity high-water mark, percent', 140);
        eq.box.id = 'paper-equity-chart';
        mount(slot, eq.figure, dd.figure, note);
        const p = palette();
        const equity = timeChart(ctx, eq.box);
        const drawdown = timeChart(ctx, dd.box);
        const line = equity.addSeries(LineSeries, { color: p.accent, lineWidth: 2, priceLineVisible: false });
        const area = drawdown.addSeries(AreaSeries, { lineColor: p.down, topColor: `${p.down}22`, bottomColor: `${p.down}88`, lineWidth: 1, priceLineVisible: false, priceFormat: { type: 'percent' } });
        charts = {
          equity, drawdown, setEquity(pts) {
            // Points are one per evaluated bar time; the chart needs strictly increasing times.
            const byTime = new Map<number, PaperEquityPoint>();
            pts.forEach((x) => byTime.set(epochSeconds(x.time), x));
            const sorted = [...byTime.entries()].sort((a, b) => a[0] - b[0]);
            line.setData(sorted.map(([t, x]) => ({ time: t as UTCTimestamp, value: x.equity })));
            area.setData(sorted.map(([t, x]) => ({ time: t as UTCTimestamp, value: -x.drawdown * 100 })));
          },
        };
      }
      charts.setEquity(points);
      charts.equity.timeScale().fitContent();
      charts.drawdown.timeScale().fitContent();
    },
  };
}

/** The order ticket: a fresh client order id per order, kept across a retry after a network failure so the retry is the same order. */
function orderTicket(ctx: ViewContext, id: string, after: () => void): HTMLElement {
  const field = (label: string, control: HTMLElement) => h('span', { class: 'field' }, h('label', { for: control.id }, label), control);
  const symbols = h('datalist', { id: 'ticket-symbols' });
  const symbol = h('input', { id: 'ticket-symbol', name: 'symbol', list: 'ticket-symbols', required: true, autocomplete: 'off', spellcheck: 'false', placeholder: 'BTC-USD' });
  const side = h('select', { id: 'ticket-side', name: 'side' }, h('option', { value: 'buy' }, 'Buy'), h('option', { value: 'sell' }, 'Sell'));
  const type = h('select', { id: 'ticket-type', name: 'type' }, ['market', 'limit', 'stop', 'stop_limit'].map((t) => h('option', { value: t }, t.replace('_', '-'))));
  const quantity = h('input', { id: 'ticket-quantity', name: 'quantity', type: 'number', step: 'any', min: '0', required: true, inputmode: 'decimal' });
  const limit = h('input', { id: 'ticket-limit', name: 'limitPrice', type: 'number', step: 'any', inputmode: 'decimal' });
  const stop = h('input', { id: 'ticket-stop', name: 'stopPrice', type: 'number', step: 'any', inputmode: 'decimal' });
  const tif = h('select', { id: 'ticket-tif', name: 'timeInForce' }, h('option', { value: 'day' }, 'day'), h('option', { value: 'gtc' }, 'gtc'), h('option', { value: 'ioc' }, 'ioc'));
  const stopLoss = h('input', { id: 'ticket-stop-loss', name: 'stopLoss', type: 'number', step: 'any', inputmode: 'decimal', title: 'With a take-profit: a bracket whose legs work once the entry fills (one cancels the other)' });
  const takeProfit = h('input', { id: 'ticket-take-profit', name: 'takeProfit', type: 'number', step: 'any', inputmode: 'decimal' });
  const submit = h('button', { class: 'button primary', type: 'submit', id: 'ticket-submit' }, 'Place order');
  const result = h('div', { id: 'ticket-result', 'aria-live': 'polite' });
  const sync = () => {
    limit.disabled = type.value === 'market' || type.value === 'stop';
    stop.disabled = type.value === 'market' || type.value === 'limit';
  };
  type.addEventListener('change', sync);
  sync();
  void data.symbols(ctx.signal).then((list) => mount(symbols, list.map((s) => h('option', { value: s })))).catch(() => undefined);
  let pendingId: string | null = null;
  const number = (input: HTMLInputElement) => (input.disabled || input.value === '' ? null : Number(input.value));
  const form = h('form', {
    class: 'form-grid', id: 'order-ticket', 'aria-label': 'Order ticket', onsubmit: async (e: Event) => {
      e.preventDefault();
      pendingId ??= `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const body: PaperOrderBody = {
        clientOrderId: pendingId, symbol: symbol.value.trim(), side: side.value, type: type.value, quantity: Number(quantity.value),
        limitPrice: number(limit), stopPrice: number(stop), timeInForce: tif.value, stopLoss: number(stopLoss), takeProfit: number(takeProfit),
      };
      submit.disabled = true;
      result.replaceChildren(h('p', { role: 'status' }, 'Submitting…'));
      try {
        const placed = await api.post<PaperOrderResult>(accountPath(id, '/orders'), body);
        pendingId = null;
        result.replaceChildren(orderOutcome(placed, body.stopLoss !== null && body.takeProfit !== null ? `bracket: stop-loss ${price(body.stopLoss)}, take-profit ${price(body.takeProfit)}` : undefined));
        after();
      } catch (err) {
        if (err instanceof ApiError && !err.unreachable) {
          pendingId = null; // the server answered: this id was not used, the next submit is a new order
        }
        if (!isAbort(err)) {
          result.replaceChildren(errorState(err), err instanceof ApiError && err.status === 401 ? openSettingsLink() : '');
        }
      } finally {
        submit.disabled = false;
      }
    },
  },
  field('Symbol', symbol), symbols, field('Side', side), field('Type', type), field('Quantity', quantity), field('Limit price', limit), field('Stop price', stop),
  field('Time in force', tif), field('Stop-loss (bracket)', stopLoss), field('Take-profit (bracket)', takeProfit), h('div', { class: 'form-actions' }, submit));
  return h('div', {}, form, result);
}

/** The three kill-switch levels, each behind a confirmation dialog that says what it will do. */
function killSwitch(ctx: ViewContext, id: string, after: () => void): HTMLElement {
  const message = h('p', { id: 'kill-dialog-text' });
  const confirm = h('button', { type: 'button', class: 'button danger', id: 'kill-confirm' }, 'Confirm');
  const cancelButton = h('button', { type: 'button', class: 'button', id: 'kill-cancel' }, 'Cancel');
  const dialog = h('dialog', { id: 'kill-dialog', 'aria-labelledby': 'kill-dialog-title', 'aria-describedby': 'kill-dialog-text' },
    h('h2', { id: 'kill-dialog-title' }, 'Engage the kill switch?'), message, h('div', { class: 'dialog-actions' }, cancelButton, confirm));
  const result = h('div', { id: 'kill-result', 'aria-live': 'polite' });
  let level: KillLevel = 'block_entries';
  cancelButton.addEventListener('click', () => dialog.close());
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      const killed = await api.post<PaperKillResult>(accountPath(id, '/kill'), { level } satisfies PaperKillBody);
      dialog.close();
      result.replaceChildren(h('p', { role: 'status', 'data-level': level }, `Kill switch at ${level.replace('_', ' ')}: the account is `, stateBadge(killed.account.tradingState),
        killed.flattenOrders.length ? `; ${killed.flattenOrders.length} market order(s) placed to flatten: ${killed.flattenOrders.map(describeOrder).join('; ')}` : ''));
      // The summary's badge is the one the tests and people look at; this one is the action's receipt.
      result.querySelector('#trading-state')?.removeAttribute('id');
      after();
    } catch (e) {
      dialog.close();
      if (!isAbort(e)) {
        result.replaceChildren(errorState(e), e instanceof ApiError && e.status === 401 ? openSettingsLink() : '');
      }
    } finally {
      confirm.disabled = false;
    }
  });
  ctx.onCleanup(() => dialog.close());
  return h('div', {},
    h('p', { class: 'muted small' }, 'Each level includes the ones before it; levels only escalate until Reset breakers.'),
    h('div', { class: 'kill-levels' }, killLevels.map((k) => h('button', {
      type: 'button', class: 'button danger', 'data-level': k.level, title: k.effect, onclick: () => {
        level = k.level;
        message.textContent = `${k.label}: ${k.effect}`;
        confirm.textContent = k.label;
        dialog.showModal();
        cancelButton.focus();
      },
    }, k.label))),
    dialog, result);
}

/** Opens an account with its starting cash, cost model, risk limits and sizing rule; empty limits are not checked. */
function newAccountForm(ctx: ViewContext): HTMLElement {
  const input = (name: string, attrs: Record<string, string | number | boolean> = {}) => h('input', { id: `acct-${name}`, name, type: 'number', step: 'any', inputmode: 'decimal', ...attrs });
  const field = (label: string, control: HTMLElement, hint?: string) => h('span', { class: 'field', title: hint ?? null }, h('label', { for: control.id }, label), control);
  const id = h('input', { id: 'acct-id', name: 'id', required: true, pattern: '[a-z0-9\\-]{1,40}', placeholder: 'swing-1', autocomplete: 'off', spellcheck: 'false', title: '1 to 40 lower-case letters, digits and -' });
  const name = h('input', { id: 'acct-name', name: 'name', required: true, maxlength: 80, placeholder: 'Swing trading' });
  const cash = input('startingCash', { value: 100000, required: true, min: 1 });
  const timeframe = h('select', { id: 'acct-timeframe', name: 'timeframe' }, data.timeframes.map((t) => h('option', { value: t, selected: t === '1m' }, t)));
  const commission = input('commissionPerFill', { value: 0, min: 0 });
  const slippage = input('slippage', { value: 0, min: 0, max: 50 });
  const allowShort = h('input', { id: 'acct-allowShort', name: 'allowShort', type: 'checkbox' });
  const maxPosition = input('maxPosition', { min: 0 });
  const maxOrderNotional = input('maxOrderNotional', { min: 0 });
  const maxGrossExposure = input('maxGrossExposure', { min: 0 });
  const maxOpenPositions = input('maxOpenPositions', { min: 1, step: 1 });
  const priceCollar = input('priceCollar', { min: 0 });
  const maxOrdersPerMinute = input('maxOrdersPerMinute', { min: 1, step: 1 });
  const dailyLossLimit = input('dailyLossLimit', { min: 0 });
  const maxDrawdown = input('maxDrawdown', { min: 0, max: 100 });
  const sizing = h('select', { id: 'acct-sizing', name: 'sizing' }, ['fixed-fractional', 'fixed-quantity', 'atr', 'kelly'].map((s) => h('option', { value: s }, s)));
  const riskFraction = input('riskFraction', { value: 1, min: 0, max: 100 });
  const sizingQuantity = input('sizingQuantity', { min: 0 });
  const submit = h('button', { class: 'button primary', type: 'submit', id: 'acct-create' }, 'Open account');
  const result = h('div', { id: 'acct-result', 'aria-live': 'polite' });
  const value = (i: HTMLInputElement) => (i.value === '' ? null : Number(i.value));
  const percent = (i: HTMLInputElement) => (i.value === '' ? null : Number(i.value) / 100);
  const form = h('form', {
    class: 'form-grid', id: 'new-account', 'aria-label': 'New paper account', onsubmit: async (e: Event) => {
      e.preventDefault();
      const limitsBody: RiskLimits = {
        allowShort: allowShort.checked, maxPosition: value(maxPosition), maxOrderNotional: value(maxOrderNotional), maxGrossExposure: value(maxGrossExposure),
        maxOpenPositions: value(maxOpenPositions), priceCollar: percent(priceCollar), maxOrdersPerMinute: value(maxOrdersPerMinute),
        dailyLossLimit: value(dailyLossLimit), maxDrawdown: percent(maxDrawdown),
      };
      const settings: PaperAccountSettingsBody = {
        name: name.value.trim(), startingCash: Number(cash.value), timeframe: timeframe.value, commissionPerFill: Number(commission.value || 0),
        slippage: Number(slippage.value || 0) / 100, limits: limitsBody,
        sizing: { rule: sizing.value, riskFraction: Number(riskFraction.value || 1) / 100, quantity: value(sizingQuantity) },
      };
      submit.disabled = true;
      try {
        const account = await api.post<PaperAccount>('/api/paper/accounts', { id: id.value.trim(), settings });
        selectAccount(account.id);
        toast(`Account ${account.id} opened with ${fixed(account.cash)}`);
        window.location.hash = `#/trading/${encodeURIComponent(account.id)}`;
      } catch (err) {
        if (!isAbort(err) && !ctx.signal.aborted) {
          result.replaceChildren(errorState(err), err instanceof ApiError && err.status === 401 ? openSettingsLink() : '');
        }
      } finally {
        submit.disabled = false;
      }
    },
  },
  field('Account id', id), field('Name', name), field('Starting cash', cash), field('Bar timeframe', timeframe, 'The bars working orders are evaluated on (the pipeline’s timeframe)'),
  field('Commission per fill', commission), field('Slippage (%)', slippage), h('span', { class: 'field' }, h('label', { for: 'acct-allowShort' }, 'Allow short selling'), allowShort),
  field('Max position (units)', maxPosition), field('Max order notional', maxOrderNotional), field('Max gross exposure', maxGrossExposure), field('Max open positions', maxOpenPositions),
  field('Price collar (%)', priceCollar, 'Largest distance of a limit from the last price'), field('Max orders / minute', maxOrdersPerMinute),
  field('Daily loss limit', dailyLossLimit, 'Loss since the UTC day’s start equity that halts the account'), field('Max drawdown (%)', maxDrawdown, 'Fall from the equity high-water mark that halts the account'),
  field('Sizing rule', sizing, '“Trade this setup” sizes its bracket with this rule'), field('Risk per trade (%)', riskFraction), field('Fixed quantity', sizingQuantity, 'For fixed-quantity sizing'),
  h('div', { class: 'form-actions' }, submit));
  return h('div', {}, h('p', { class: 'muted small' }, 'Limits left empty are not checked. Settings are fixed for the account’s life.'), form, result);
}
