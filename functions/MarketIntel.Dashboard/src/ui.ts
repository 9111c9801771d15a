import { ApiError } from './api';
import { h, type Child } from './dom';
import type { RunStatus } from './types';

/** What a view gets from the router: where to draw, the route's parameters, and a signal that aborts when the route changes. */
export interface ViewContext {
  root: HTMLElement;
  params: string[];
  query: URLSearchParams;
  signal: AbortSignal;
  onCleanup(fn: () => void): void;
  /** Replaces the query string of the current route without adding history entries or re-rendering. */
  setQuery(query: URLSearchParams, rerender?: boolean): void;
}

export type View = (ctx: ViewContext) => void | Promise<void>;

export function pageHeader(title: string, subtitle: string, ...actions: Child[]): HTMLElement {
  return h('header', { class: 'page-header' }, h('div', {}, h('h1', { id: 'page-title', tabindex: '-1' }, title), h('p', { class: 'muted' }, subtitle)), h('div', { class: 'actions' }, ...actions));
}

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  const id = `sec-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function loading(what = 'Loading'): HTMLElement {
  return h('div', { class: 'state loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `${what}…`);
}

export function empty(title: string, hint?: Child): HTMLElement {
  return h('div', { class: 'state empty', role: 'status', 'data-state': 'empty' }, h('strong', {}, title), hint ? h('p', {}, hint) : null);
}

/** An error explained: which call failed, why (ProblemDetails detail), and what to do. */
export function errorState(error: unknown, retry?: () => void): HTMLElement {
  const apiError = error instanceof ApiError ? error : null;
  const title = apiError?.unreachable ? 'API unreachable' : apiError ? `Request failed (${apiError.status})` : 'Something went wrong';
  const message = error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { class: 'state error', role: 'alert', 'data-state': 'error' },
    h('strong', {}, title),
    h('p', {}, message),
    apiError ? h('p', { class: 'muted small' }, `API route: ${apiError.path}`) : null,
    retry ? h('button', { type: 'button', class: 'button', onclick: () => retry() }, 'Retry') : null,
  );
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** Runs a loader into a slot, showing loading, then the content, an empty state, or the explained error. */
export async function load<T>(slot: HTMLElement, ctx: ViewContext, what: string, fetcher: () => Promise<T>, render: (data: T) => Child | Child[]): Promise<T | null> {
  slot.replaceChildren(loading(what));
  try {
    const data = await fetcher();
    if (ctx.signal.aborted) {
      return null;
    }
    const content = render(data);
    slot.replaceChildren();
    for (const c of Array.isArray(content) ? content : [content]) {
      if (c !== null && c !== undefined && c !== false) {
        slot.append(c instanceof Node ? c : String(c));
      }
    }
    return data;
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) {
      slot.replaceChildren(errorState(e, () => void load(slot, ctx, what, fetcher, render)));
    }
    return null;
  }
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
  numeric?: boolean;
  title?: string;
}

export function table<T>(caption: string, columns: Column<T>[], rows: T[], rowAttrs?: (row: T) => Record<string, string>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      {},
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : '', title: c.title ?? null }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', rowAttrs?.(r) ?? {}, columns.map((c) => h('td', { class: c.numeric ? 'num' : '' }, c.cell(r)))))),
    ),
  );
}

export function stat(label: string, value: Child, hint?: string): HTMLElement {
  return h('div', { class: 'stat', title: hint ?? null }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
}

export function badge(text: string, tone: 'good' | 'bad' | 'warn' | 'info' | 'neutral' = 'neutral'): HTMLElement {
  return h('span', { class: `badge ${tone}` }, text);
}

export function statusTone(status: string): 'good' | 'bad' | 'warn' | 'info' | 'neutral' {
  const s = status.toLowerCase();
  return s === 'completed' || s === 'ok' ? 'good' : s === 'failed' || s === 'error' ? 'bad' : s === 'interrupted' ? 'warn' : s === 'running' || s === 'pending' ? 'info' : 'neutral';
}

/** A run whose status is final (completed, failed, interrupted) changes no more: polling it stops. */
export function isFinal(status: RunStatus): boolean {
  return status !== 'running';
}

/** A run-list cell: the summary, or for a failed or interrupted run its reason. */
export function runOutcome(run: { status: RunStatus; summary?: string | null; reason?: string | null }): string | HTMLElement {
  return run.reason ? h('span', { class: 'run-reason', title: run.reason }, run.reason) : run.summary ?? '';
}

let toastTimer = 0;
export function toast(message: string, tone: 'good' | 'bad' = 'good'): void {
  const el = document.getElementById('toast');
  if (!el) {
    return;
  }
  el.textContent = message;
  el.className = `toast show ${tone}`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (el.className = 'toast'), 5000);
}
