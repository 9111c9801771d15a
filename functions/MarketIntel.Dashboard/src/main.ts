import './style.css';
import { api, getApiBase, getApiKey, loadConfig, setApiKey } from './api';
import { h, mount } from './dom';
import type { Health } from './types';
import { errorState, isAbort, toast, type View, type ViewContext } from './ui';
import { chartView } from './views/chart';
import { performanceView } from './views/performance';
import { regimesView } from './views/regimes';
import { riskView } from './views/risk';
import { setupsView } from './views/setups';
import { tradingView } from './views/trading';
import { systemView } from './views/system';
import { watchlistsView } from './views/watchlists';

const routes: { path: string; label: string; view: View }[] = [
  { path: 'watchlists', label: 'Watchlists', view: watchlistsView },
  { path: 'chart', label: 'Chart', view: chartView },
  { path: 'setups', label: 'Setups', view: setupsView },
  { path: 'trading', label: 'Trading', view: tradingView },
  { path: 'regimes', label: 'Regimes', view: regimesView },
  { path: 'risk', label: 'Risk', view: riskView },
  { path: 'system', label: 'System', view: systemView },
  { path: 'performance', label: 'Performance', view: performanceView },
];

let current: { controller: AbortController; cleanups: (() => void)[] } | null = null;

function parseHash(): { path: string; params: string[]; query: URLSearchParams } {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  return { path: segments[0] ?? 'watchlists', params: segments.slice(1), query: new URLSearchParams(queryPart) };
}

function teardown(): void {
  if (current) {
    current.controller.abort();
    for (const fn of current.cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // A chart already removed: nothing to do.
      }
    }
  }
}

async function render(focus: boolean): Promise<void> {
  teardown();
  const { path, params, query } = parseHash();
  const route = routes.find((r) => r.path === path);
  const main = document.getElementById('main')!;
  document.querySelectorAll<HTMLAnchorElement>('#nav a').forEach((a) => {
    if (a.dataset.route === path) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  const controller = new AbortController();
  const state = { controller, cleanups: [] as (() => void)[] };
  current = state;
  const root = h('div', { class: 'view', 'data-view': route?.path ?? 'unknown' });
  mount(main, root);
  if (!route) {
    mount(root, h('h1', { id: 'page-title', tabindex: '-1' }, 'Not found'), errorState(new Error(`There is no view '${path}'. Pick one from the navigation.`)));
    return;
  }
  document.title = `${route.label} · MarketIntel`;
  const ctx: ViewContext = {
    root,
    params,
    query,
    signal: controller.signal,
    onCleanup: (fn) => state.cleanups.push(fn),
    setQuery: (q, rerender = false) => {
      const hash = `#/${[path, ...params.map(encodeURIComponent)].join('/')}${q.toString() ? `?${q}` : ''}`;
      if (rerender) {
        window.location.hash = hash;
      } else {
        history.replaceState(null, '', hash);
      }
    },
  };
  try {
    await route.view(ctx);
  } catch (e) {
    if (!isAbort(e) && !controller.signal.aborted) {
      root.append(errorState(e));
    }
  }
  if (focus && !controller.signal.aborted) {
    // Move focus to the new page's heading so keyboard and screen-reader users land on the content.
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }
}

function buildNav(): void {
  const nav = document.getElementById('nav')!;
  mount(nav, routes.map((r) => h('li', {}, h('a', { href: `#/${r.path}`, 'data-route': r.path }, r.label))));
}

const themeKey = 'marketintel.theme';

function applyTheme(theme: string | null): void {
  const effective = theme ?? (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  document.documentElement.dataset.theme = effective;
  const button = document.getElementById('theme-toggle')!;
  button.textContent = effective === 'dark' ? '☀' : '☾';
  button.setAttribute('aria-label', effective === 'dark' ? 'Switch to light theme' : 'Switch to dark theme');
}

function setupTheme(): void {
  applyTheme(localStorage.getItem(themeKey));
  document.getElementById('theme-toggle')!.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(themeKey, next);
    applyTheme(next);
    void render(false); // charts read their colours when created
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (!localStorage.getItem(themeKey)) {
      applyTheme(null);
      void render(false);
    }
  });
}

export function openSettings(): void {
  const dialog = document.getElementById('settings') as HTMLDialogElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  input.value = getApiKey();
  document.getElementById('api-base')!.textContent = `API: ${getApiBase()}`;
  dialog.showModal();
  input.focus();
}

function setupSettings(): void {
  const dialog = document.getElementById('settings') as HTMLDialogElement;
  const input = document.getElementById('api-key') as HTMLInputElement;
  document.getElementById('settings-open')!.addEventListener('click', openSettings);
  document.getElementById('settings-cancel')!.addEventListener('click', () => dialog.close());
  document.getElementById('settings-clear')!.addEventListener('click', () => {
    setApiKey('');
    input.value = '';
    toast('API key forgotten');
  });
  document.getElementById('settings-form')!.addEventListener('submit', () => {
    setApiKey(input.value.trim());
    toast(input.value.trim() ? 'API key saved in this browser' : 'No API key saved');
  });
}

async function pollHealth(): Promise<void> {
  const el = document.getElementById('health')!;
  try {
    const health = await api.get<Health>('/api/health');
    const degraded = health.stores.filter((s) => s.status !== 'ok');
    el.textContent = `● ${health.host} ${health.version.split('+')[0]}${degraded.length > 0 ? ' (degraded)' : ''}`;
    el.className = degraded.length > 0 ? 'health degraded' : 'health ok';
    el.title = degraded.length > 0
      ? `API ${getApiBase()} answers, but ${degraded.map((s) => `${s.name}: ${s.error ?? s.status}`).join('; ')} (${health.time}); see System`
      : `API ${getApiBase()} healthy at ${health.time}`;
  } catch (e) {
    el.textContent = '● API down';
    el.className = 'health down';
    el.title = e instanceof Error ? e.message : String(e);
  }
}

async function start(): Promise<void> {
  await loadConfig();
  buildNav();
  setupTheme();
  setupSettings();
  window.addEventListener('hashchange', () => void render(true));
  // The skip link must not change the hash: the hash is the route.
  document.querySelector('.skip-link')!.addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('main')!.focus();
  });
  void pollHealth();
  window.setInterval(() => void pollHealth(), 15_000);
  await render(false);
}

void start();
