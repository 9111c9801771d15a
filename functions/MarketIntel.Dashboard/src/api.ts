import type { Problem } from './types';

/** An API failure the views can explain: network down, HTTP status with its ProblemDetails, or a malformed answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }
}

const keyStorage = 'marketintel.apiKey';
let apiBase = '';

/** Same origin by default; the Static Web App deployment ships a config.json naming the Function app. */
export async function loadConfig(): Promise<void> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) {
      const config = (await response.json()) as { apiBase?: unknown };
      if (typeof config.apiBase === 'string') {
        apiBase = config.apiBase.replace(/\/+$/, '');
      }
    }
  } catch {
    // No config.json (the local host): same origin.
  }
}

export function getApiBase(): string {
  return apiBase || window.location.origin;
}

export function getApiKey(): string {
  return localStorage.getItem(keyStorage) ?? '';
}

export function setApiKey(key: string): void {
  if (key) {
    localStorage.setItem(keyStorage, key);
  } else {
    localStorage.removeItem(keyStorage);
  }
}

export type Query = Record<string, string | number | undefined | null | (string | number)[]>;

/** The address of an API route with its query (the API base of config.json, else this origin). */
export function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (Array.isArray(v)) {
      v.forEach((item) => params.append(k, String(item)));
    } else if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return `${apiBase}${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, path: string, query?: Query, body?: unknown, signal?: AbortSignal, withKey = method !== 'GET'): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  if (withKey) {
    const key = getApiKey();
    if (key) {
      // The local host checks x-api-key; the Functions app checks its function key in x-functions-key.
      headers['x-api-key'] = key;
      headers['x-functions-key'] = key;
    }
  }
  let response: Response;
  try {
    response = await fetch(url(path, query), { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: signal ?? null });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, path, null, `The API at ${getApiBase()} cannot be reached (${e instanceof Error ? e.message : String(e)}). Is the host running?`);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const problem = json && typeof json === 'object' ? (json as Problem) : null;
    throw new ApiError(response.status, path, problem, explain(response.status, problem, method));
  }
  if (json === null && text) {
    throw new ApiError(response.status, path, null, `${path} answered with something that is not JSON`);
  }
  return json as T;
}

function explain(status: number, problem: Problem | null, method: string): string {
  const detail = problem?.detail ?? problem?.title ?? '';
  const field = problem?.parameter ? ` (field: ${problem.parameter})` : '';
  switch (status) {
    case 401:
      return method === 'GET'
        ? `Not authorized${detail ? `: ${detail}` : ''}.`
        : `This action needs the API key${getApiKey() ? ', and the one saved in Settings was refused' : ', and none is saved yet'}. Open Settings (key icon) and paste the key (local host: the file <data>/api-key).`;
    case 404:
      return detail ? `Not found: ${detail}` : 'Not found: this route does not exist on this host (yet).';
    case 400:
      return `The request was rejected${field}: ${detail || 'bad request'}`;
    default:
      return status >= 500 ? `The server failed (${status})${detail ? `: ${detail}` : ''}. Try again; the System view lists recent events.` : `HTTP ${status}${field}: ${detail || 'request failed'}`;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, query, undefined, signal),
  /** A read that hands out something only a key holder may have (an OAuth2 consent's state): sent with the key. */
  getWithKey: <T>(path: string) => request<T>('GET', path, undefined, undefined, undefined, true),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, undefined, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, undefined, body),
  del: (path: string) => request<void>('DELETE', path),
};

/** Encodes one path segment. */
export const seg = (s: string): string => encodeURIComponent(s);
