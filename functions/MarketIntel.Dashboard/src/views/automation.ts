import { api } from '../api';
import { h, mount } from '../dom';
import { time } from '../format';
import type { AutomationDecision, AutomationRule, AutomationSwitch, BrokerAuthorizationStart, BrokerConnection, BrokerReconciliationReport, BrokerTokenStatus } from '../types';
import { badge, empty, errorState, isAbort, table, toast, type ViewContext } from '../ui';

type Act = (button: HTMLButtonElement, action: () => Promise<void>) => Promise<void>;

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The account's automation switches (off until a person switches one on): each rule's strategy, daily cap, broker
 * connection and what stopped it, a switch per rule, a form to add one, and today's decisions.
 */
export function automationPanel(ctx: ViewContext, account: string, act: Act): { element: HTMLElement; refresh(): Promise<void> } {
  const rulesSlot = h('div', {});
  const decisionsSlot = h('div', {});
  const strategy = h('input', { id: 'automation-strategy', placeholder: 'scan name, e.g. ema-cross', required: true, 'aria-label': 'Strategy (scan name)' });
  const cap = h('input', { id: 'automation-cap', type: 'number', min: '1', max: '100', value: '5', 'aria-label': 'Daily cap' });
  const connection = h('select', { id: 'automation-connection', 'aria-label': 'Broker connection' }, h('option', { value: '' }, 'Paper only'));
  const add: HTMLButtonElement = h('button', { type: 'submit', class: 'button' }, 'Switch on');
  const form = h('form', { class: 'inline-form', id: 'automation-form' },
    h('span', { class: 'field' }, h('label', { for: 'automation-strategy' }, 'Strategy'), strategy),
    h('span', { class: 'field' }, h('label', { for: 'automation-cap' }, 'Orders per day'), cap),
    h('span', { class: 'field' }, h('label', { for: 'automation-connection' }, 'Also send to'), connection),
    add);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(add, async () => {
      const body: AutomationSwitch = { enabled: true, dailyCap: Number(cap.value), connection: connection.value || null };
      const rule = await api.put<AutomationRule>(`/api/automation/${encodeURIComponent(account)}/${encodeURIComponent(strategy.value.trim())}`, body);
      toast(`Automation of ${rule.strategy} on: at most ${rule.dailyCap} orders a day`);
    });
  });

  async function flip(rule: AutomationRule, button: HTMLButtonElement): Promise<void> {
    await act(button, async () => {
      const body: AutomationSwitch = { enabled: !rule.enabled, dailyCap: rule.dailyCap, connection: rule.connection ?? null };
      await api.put<AutomationRule>(`/api/automation/${encodeURIComponent(account)}/${encodeURIComponent(rule.strategy)}`, body);
      toast(`Automation of ${rule.strategy} ${rule.enabled ? 'off' : 'on'}`);
    });
  }

  async function refresh(): Promise<void> {
    let rules: AutomationRule[], decisions: AutomationDecision[], brokers: BrokerConnection[];
    try {
      [rules, decisions, brokers] = await Promise.all([
        api.get<AutomationRule[]>('/api/automation', undefined, ctx.signal),
        api.get<AutomationDecision[]>(`/api/automation/${encodeURIComponent(account)}/decisions`, { day: today() }, ctx.signal),
        api.get<BrokerConnection[]>('/api/brokers', undefined, ctx.signal),
      ]);
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) {
        mount(rulesSlot, errorState(e));
      }
      return;
    }
    const chosen = connection.value;
    mount(connection, h('option', { value: '' }, 'Paper only'), brokers.map((b) => h('option', { value: b.name, selected: b.name === chosen }, `${b.name} (${b.venue} ${b.environment})`)));
    const mine = rules.filter((r) => r.account === account);
    mount(rulesSlot, mine.length === 0
      ? empty('Automation is off', 'Switch it on for a strategy: each new setup of its scans becomes a bracket order, through this account’s sizing and risk checks.')
      : table<AutomationRule>('Automation switches', [
        { label: 'Strategy', cell: (r) => h('code', {}, r.strategy) },
        { label: 'State', cell: (r) => (r.enabled ? badge('on', 'good') : badge(r.stoppedBy === 'kill_switch' ? 'off: kill switch' : 'off', r.stoppedBy === 'kill_switch' ? 'bad' : 'neutral')) },
        { label: 'Daily cap', numeric: true, cell: (r) => String(r.dailyCap) },
        { label: 'Broker', cell: (r) => r.connection ?? 'paper only' },
        { label: 'Since', cell: (r) => time(r.enabledSince ?? null) },
        {
          label: '', cell: (r) => {
            const button: HTMLButtonElement = h('button', { type: 'button', class: 'button small', 'aria-label': `${r.enabled ? 'Switch off' : 'Switch on'} automation of ${r.strategy}`, onclick: () => void flip(r, button) }, r.enabled ? 'Switch off' : 'Switch on');
            return button;
          },
        },
      ], mine, (r) => ({ 'data-strategy': r.strategy, 'data-enabled': String(r.enabled) })));
    mount(decisionsSlot, decisions.length === 0
      ? empty('No automated decisions today')
      : table<AutomationDecision>('Automated decisions today, oldest first', [
        { label: 'Time', cell: (d) => time(d.time) },
        { label: 'Strategy', cell: (d) => h('code', {}, d.strategy) },
        { label: 'Setup', cell: (d) => `${d.symbol} at ${time(d.setupTime)}` },
        { label: 'Action', cell: (d) => badge(d.action, d.action === 'submitted' ? 'good' : d.action === 'rejected' ? 'bad' : 'warn') },
        { label: 'Reason', cell: (d) => (d.reason ? h('code', { class: 'reason-code' }, d.reason) : '') },
        { label: 'Broker', cell: (d) => (d.connection ? `${d.connection}: ${d.brokerStatus ?? ''}` : '') },
        { label: 'Scan run', cell: (d) => h('code', {}, d.scanRunId) },
      ], decisions));
  }

  return { element: h('div', { id: 'automation' }, form, rulesSlot, decisionsSlot), refresh };
}

/** An OAuth2 connection's tokens: their state and the refresh token's expiry, with the warning when a person must act. */
function tokens(t: BrokerTokenStatus | null | undefined): HTMLElement | string {
  if (!t) {
    return '';
  }
  const tone = t.state === 'connected' ? 'good' : t.state === 'refresh_token_expiring' ? 'warn' : 'bad';
  return h('span', { class: 'tokens', 'data-token-state': t.state, title: t.warning ?? '' },
    badge(t.state.replaceAll('_', ' '), tone),
    t.refreshTokenExpires ? h('span', { class: 'muted small' }, ` refresh token until ${time(t.refreshTokenExpires)}`) : '',
    t.warning ? h('div', { class: 'small' }, t.warning) : '');
}

/** The broker connections: state, credentials stored or not, token expiry where the venue has one, the last reconciliation, and a button to reconcile now. */
export function brokersPanel(ctx: ViewContext, act: Act): { element: HTMLElement; refresh(): Promise<void> } {
  const slot = h('div', { id: 'brokers' });
  const consent = h('div', { id: 'broker-consent' });

  /** A person's OAuth2 consent: open the venue's page, then paste the address it sent the browser back to. */
  async function authorize(name: string, button: HTMLButtonElement): Promise<void> {
    await act(button, async () => {
      const start = await api.getWithKey<BrokerAuthorizationStart>(`/api/brokers/${encodeURIComponent(name)}/authorize`);
      const pasted = h('input', { id: 'broker-redirect', placeholder: 'the address the venue sent your browser to', 'aria-label': 'Redirect address' });
      const finish: HTMLButtonElement = h('button', { type: 'button', class: 'button' }, 'Finish');
      finish.addEventListener('click', () => void act(finish, async () => {
        await api.post(`/api/brokers/${encodeURIComponent(name)}/authorize`, { redirectUrl: pasted.value.trim() });
        consent.replaceChildren();
        toast(`${name}: authorized`);
      }));
      mount(consent, h('p', {}, `1. Open `, h('a', { href: start.url, target: '_blank', rel: 'noopener noreferrer' }, `${name}'s consent page`),
        ` and sign in (before ${time(start.expiresAt)}). 2. Paste the address you are sent back to:`), pasted, finish);
    });
  }

  async function reconcile(name: string, button: HTMLButtonElement): Promise<void> {
    await act(button, async () => {
      const report = await api.post<BrokerReconciliationReport>(`/api/brokers/${encodeURIComponent(name)}/reconcile`, {});
      toast(report.differences.length === 0 ? `${name}: journal and venue agree` : `${name}: ${report.differences.length} difference(s), see the system events`);
    });
  }

  async function refresh(): Promise<void> {
    let brokers: BrokerConnection[];
    try {
      brokers = await api.get<BrokerConnection[]>('/api/brokers', undefined, ctx.signal);
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) {
        mount(slot, errorState(e));
      }
      return;
    }
    mount(slot, brokers.length === 0
      ? empty('No broker connections', 'Orders stay in paper accounts. A connection is configured with Brokers:Connections settings (README, Brokers).')
      : table<BrokerConnection>('Broker connections', [
        { label: 'Connection', cell: (b) => h('code', {}, b.name) },
        { label: 'Venue', cell: (b) => `${b.venue} ${b.environment}` },
        { label: 'State', cell: (b) => badge(b.live.state.replace('_', ' '), b.live.state === 'connected' ? 'good' : b.live.state === 'needs_credentials' ? 'warn' : 'bad') },
        { label: 'Credentials', cell: (b) => (b.credentialsStored ? 'stored (encrypted)' : badge('missing', 'warn')) },
        { label: 'Tokens', cell: (b) => tokens(b.tokens) },
        { label: 'Last error', cell: (b) => b.live.error ?? '' },
        { label: 'Last reconciliation', cell: (b) => (b.lastReconciliation ? `${time(b.lastReconciliation.time)} (${b.lastReconciliation.trigger}): ${b.lastReconciliation.repaired} repaired, ${b.lastReconciliation.reported} reported` : 'never') },
        {
          label: '', cell: (b) => {
            const button: HTMLButtonElement = h('button', { type: 'button', class: 'button small', 'aria-label': `Reconcile ${b.name} now`, onclick: () => void reconcile(b.name, button) }, 'Reconcile');
            if (!b.tokens || !b.takesConsent) {
              // No OAuth2 tokens, or tokens from a grant stored as credentials (tastytrade): nothing to consent to here.
              return button;
            }
            const consentButton: HTMLButtonElement = h('button', { type: 'button', class: 'button small', 'aria-label': `Authorize ${b.name}`, onclick: () => void authorize(b.name, consentButton) }, 'Authorize');
            return h('span', {}, button, ' ', consentButton);
          },
        },
      ], brokers, (b) => ({ 'data-connection': b.name, 'data-state': b.live.state })));
  }

  return { element: h('div', {}, slot, consent), refresh };
}
