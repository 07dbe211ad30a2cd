import { session, signOutWith } from './session';

/** Where the API is: config.json is written beside the console (offline: the same server; on AWS: at deploy time). */
let base: Promise<string> | undefined;
const apiBase = () =>
  (base ??= fetch('./config.json')
    .then((r): Promise<{ apiUrl?: string }> | { apiUrl?: string } => (r.ok ? (r.json() as Promise<{ apiUrl?: string }>) : {}))
    .then((c) => (c.apiUrl ?? '').replace(/\/$/, ''))
    .catch(() => ''));

export interface ApiErrorBody {
  code: string;
  message: string;
  details: { field: string; rule: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

/** Calls the public API with the session's ops key; a refused key ends the session with a message. */
export async function api<T>(method: string, path: string, body?: unknown, key = session.key()): Promise<T> {
  const response = await fetch(`${await apiBase()}${path}`, {
    method,
    headers: { 'x-api-key': key ?? '', ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) return parsed as T;
  const error = (parsed as { error?: ApiErrorBody } | undefined)?.error ?? { code: 'HTTP_' + response.status, message: response.statusText, details: [] };
  if (response.status === 401 && key === session.key()) signOutWith('Your key was refused: it may have been revoked. Sign in again.');
  throw new ApiError(response.status, error);
}

/** A GET whose answer is not JSON (the CSV exports), as text. */
export async function getText(path: string): Promise<string> {
  const response = await fetch(`${await apiBase()}${path}`, { headers: { 'x-api-key': session.key() ?? '' } });
  if (!response.ok) throw new ApiError(response.status, { code: 'HTTP_' + response.status, message: response.statusText, details: [] });
  return response.text();
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

export const query = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '').map(([k, v]) => [k, String(v)]));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
