import { api, ApiError, seg } from '../api';
import * as data from '../data';
import { h, mount } from '../dom';
import { fixed, interval, pct, price, signedPct, time } from '../format';
import { accountPath, listAccounts, orderOutcome, selectAccount, selectedAccount } from '../paper';
import { openSettingsLink } from '../settings-link';
import type { Accepted, OutcomesResponse, PaperOrderResult, PaperTradeSetupBody, ScanRequestBody, ScanRunStatus, ScanSummary, Setup, Strategy } from '../types';
import { badge, empty, errorState, isAbort, isFinal, load, pageHeader, section, stat, statusTone, table, type ViewContext } from '../ui';

/** The latest (or a chosen) scan's ranked setups with score components, and that scan's outcome statistics. */
export async function setupsView(ctx: ViewContext): Promise<void> {
  const scan = ctx.query.get('scan') ?? undefined;
  const scansSlot = h('div', {});
  const runSlot = h('div', {});
  const statsSlot = h('div', {});
  const setupsSlot = h('div', {});
  mount(ctx.root,
    pageHeader('Setups', scan ? `Scan ${scan}` : 'The latest completed scan, ranked by score'),
    h('div', { class: 'grid two' }, section('Outcome statistics', statsSlot), section('Run a scan', runSlot)),
    section('Ranked setups', setupsSlot),
    section('Recent scans', scansSlot));

  void load(scansSlot, ctx, 'Loading scans', () => api.get<ScanSummary[]>('/api/scans', { limit: 20 }, ctx.signal), (scans) =>
    scans.length === 0 ? empty('No scans yet') : table<ScanSummary>('Recent scans', [
      { label: 'Scan', cell: (s) => h('a', { href: `#/setups?scan=${seg(s.id)}` }, s.name || s.id) },
      { label: 'Status', cell: (s) => badge(s.status, statusTone(s.status)) },
      { label: 'Created', cell: (s) => time(s.createdAt) },
      { label: 'Setups', numeric: true, cell: (s) => s.setups ?? '–' },
      { label: 'Note', cell: (s) => s.reason ?? '' },
    ], scans));

  void scanLauncher(runSlot, ctx);

  await load(statsSlot, ctx, 'Loading outcomes', () => api.get<OutcomesResponse>('/api/outcomes', { scan }, ctx.signal), (o) => {
    const s = o.statistics;
    if (!s) {
      return empty('No outcome statistics for this scan yet');
    }
    return h('div', { class: 'stats' },
      stat('Setups', `${s.setups} (${s.counted} counted, ${s.overlapping} overlapping, ${s.open} open)`),
      stat('Hit rate', `${pct(s.hitRate, 1)} ${interval(s.hitRateInterval, (v) => pct(v, 1))}`, 'Share of counted setups that reached the target; 95% interval'),
      stat('Average R', `${fixed(s.averageR)} ${interval(s.averageRInterval)}`, 'Mean outcome in multiples of the initial risk; 95% interval'),
      stat('Expectancy', `${fixed(s.expectancy)} R`),
      stat('Exits', `${s.targets} target · ${s.stops} stop · ${s.horizonExits} horizon`),
      stat('Mean return 1/5/20', `${signedPct(s.meanReturn1)} / ${signedPct(s.meanReturn5)} / ${signedPct(s.meanReturn20)}`));
  });

  await load(setupsSlot, ctx, 'Loading setups', () => data.latestSetups(ctx.signal, scan), (r) => {
    if (r.setups.length === 0) {
      return empty('The scan found no setups', 'Run a scan with other parameters or wait for the scheduled scan.');
    }
    const ranked = [...r.setups].sort((a, b) => b.score - a.score);
    const trade = tradeControls(ctx, r.scan, ranked);
    return [
      h('p', { class: 'muted small' }, `Scan ${r.scan} · ${time(r.createdAt)} · ${ranked.length} setups`),
      trade.bar,
      table<Setup>(`Setups of scan ${r.scan}`, [
        { label: '#', numeric: true, cell: (s) => ranked.indexOf(s) + 1 },
        { label: 'Symbol', cell: (s) => h('a', { href: `#/chart/${seg(s.symbol)}` }, s.symbol) },
        { label: 'Time', cell: (s) => time(s.time) },
        { label: 'Side', cell: (s) => badge(s.side, s.side === 'Long' ? 'good' : 'bad') },
        { label: 'Score', numeric: true, cell: (s) => fixed(s.score) },
        { label: 'Components', cell: (s) => components(s) },
        { label: 'Entry', numeric: true, cell: (s) => price(s.entry) },
        { label: 'Stop', numeric: true, cell: (s) => price(s.stop) },
        { label: 'Target', numeric: true, cell: (s) => price(s.target) },
        { label: 'Outcome', cell: (s) => (s.outcome ? badge(s.outcome.exit, s.outcome.exit === 'Target' ? 'good' : s.outcome.exit === 'Stop' ? 'bad' : 'neutral') : '–') },
        { label: 'R', numeric: true, cell: (s) => fixed(s.outcome?.r) },
        { label: 'Overlap', cell: (s) => (s.overlapping ? 'yes' : '') },
        { label: 'Paper', cell: (s) => trade.button(s) },
      ], ranked, (s) => ({ 'data-symbol': s.symbol })),
    ];
  });
}

function components(s: Setup): HTMLElement {
  const part = (c: Setup['components'][number]) => c.value * c.weight;
  const total = s.components.reduce((a, c) => a + Math.abs(part(c)), 0) || 1;
  return h('div', { class: 'components' }, s.components.map((c) => h('div', { class: 'component', title: `${c.name}: value ${fixed(c.value, 3)} × weight ${fixed(c.weight, 2)} = ${fixed(part(c), 3)}${c.explanation ? ` (${c.explanation})` : ''}` },
    h('span', { class: 'component-name' }, c.name),
    h('span', { class: 'component-bar', style: `width:${Math.round((Math.abs(part(c)) / total) * 60)}px`, 'aria-hidden': 'true' }),
    h('span', { class: 'component-value' }, fixed(part(c), 2)))));
}

async function scanLauncher(slot: HTMLElement, ctx: ViewContext): Promise<void> {
  await load(slot, ctx, 'Loading strategies', () => api.get<Strategy[]>('/api/strategies', undefined, ctx.signal), (strategies) => {
    if (strategies.length === 0) {
      return empty('No built-in strategies on this host');
    }
    const select = h('select', { id: 'scan-strategy' }, strategies.map((s) => h('option', { value: s.name }, s.title || s.name)));
    const message = h('div', { 'aria-live': 'polite' });
    const button = h('button', { class: 'button primary', type: 'submit' }, 'Run scan');
    const form = h('form', {
      class: 'stack', onsubmit: async (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        message.replaceChildren(h('p', { role: 'status' }, 'Starting…'));
        try {
          const accepted = await api.post<Accepted>('/api/scans', { strategy: select.value } satisfies ScanRequestBody);
          for (let i = 0; i < 600 && !ctx.signal.aborted; i++) {
            const s = await api.get<ScanRunStatus>(`/api/scans/${seg(accepted.id)}`, undefined, ctx.signal);
            message.replaceChildren(h('p', { role: 'status', 'data-status': s.status }, `Scan ${accepted.id}: `, badge(s.status, statusTone(s.status)), s.reason ? ` · ${s.reason}` : ''));
            if (isFinal(s.status)) {
              if (s.status === 'completed') {
                window.location.hash = `#/setups?scan=${seg(accepted.id)}`;
              }
              break;
            }
            await new Promise((r) => setTimeout(r, 1000));
          }
        } catch (err) {
          if (!isAbort(err)) {
            message.replaceChildren(errorState(err), err instanceof ApiError && err.status === 401 ? openSettingsLink() : '');
          }
        } finally {
          button.disabled = false;
        }
      },
    },
    h('span', { class: 'field' }, h('label', { for: 'scan-strategy' }, 'Strategy'), select),
    button, message);
    return form;
  });
}

/**
 * "Trade this setup": the account picker (the Trading view's selection by default) and a Trade button on each open
 * setup that is its symbol's latest in the scan, the one the API turns into a bracket (limit entry, stop, target).
 */
function tradeControls(ctx: ViewContext, scan: string, setups: Setup[]): { bar: HTMLElement; button: (s: Setup) => HTMLElement | string } {
  const picker = h('select', { id: 'setups-account', 'aria-label': 'Paper account to trade into', onchange: () => selectAccount(picker.value) }, h('option', { value: selectedAccount() }, selectedAccount() || 'Loading accounts…'));
  const result = h('div', { id: 'trade-result', 'aria-live': 'polite' });
  void listAccounts(ctx.signal).then((accounts) => {
    const chosen = selectedAccount();
    mount(picker, h('option', { value: '' }, accounts.length ? 'Choose an account…' : 'No paper accounts (open one in Trading)'),
      accounts.map((a) => h('option', { value: a.id, selected: a.id === chosen }, `${a.name} (${a.id})`)));
  }).catch((e: unknown) => {
    if (!isAbort(e)) {
      result.replaceChildren(errorState(e));
    }
  });
  const latest = new Map<string, Setup>();
  for (const s of setups) {
    const seen = latest.get(s.symbol);
    if (!seen || s.time > seen.time) {
      latest.set(s.symbol, s);
    }
  }
  const isOpen = (s: Setup) => !s.outcome || s.outcome.exit === 'Open';
  const bar = h('div', { class: 'inline-form toolbar' }, h('label', { for: 'setups-account' }, 'Trade into paper account'), picker, h('a', { href: '#/trading', class: 'small' }, 'Trading view'), result);
  return {
    bar,
    button: (s) => {
      if (!isOpen(s)) {
        return '';
      }
      if (latest.get(s.symbol) !== s) {
        return h('span', { class: 'muted small', title: `The API trades ${s.symbol}'s latest setup in this scan` }, 'older');
      }
      const button: HTMLButtonElement = h('button', {
        type: 'button', class: 'button small', 'data-trade': s.symbol, 'aria-label': `Trade ${s.symbol} ${s.side} setup`, onclick: async () => {
          const account = picker.value;
          if (!account) {
            result.replaceChildren(errorState(new Error('Choose the paper account to trade into (or open one in the Trading view).')));
            return;
          }
          button.disabled = true;
          try {
            const placed = await api.post<PaperOrderResult>(accountPath(account, '/setups'), { symbol: s.symbol, scan } satisfies PaperTradeSetupBody);
            result.replaceChildren(orderOutcome(placed, `bracket: stop ${price(s.stop)}, target ${price(s.target)} in ${account}`));
          } catch (e) {
            if (!isAbort(e)) {
              result.replaceChildren(errorState(e), e instanceof ApiError && e.status === 401 ? openSettingsLink() : '');
            }
          } finally {
            button.disabled = false;
          }
        },
      }, 'Trade');
      return button;
    },
  };
}
