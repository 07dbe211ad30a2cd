/**
 * The vendor portal's client: the vendor API with the vendor's own key (a session key from a
 * sign-in link, or its vendor key), kept for the browser tab only.
 */
const storageKey = 'dropship-vendor-key';

export const vendorSession = {
  key: (): string | null => sessionStorage.getItem(storageKey),
  signIn: (key: string) => sessionStorage.setItem(storageKey, key),
  signOut: () => sessionStorage.removeItem(storageKey),
};

export interface PortalConfig {
  apiUrl?: string;
  retailerName?: string;
}

let config: Promise<PortalConfig> | undefined;
export const portalConfig = (): Promise<PortalConfig> =>
  (config ??= fetch('./config.json')
    .then((r): Promise<PortalConfig> | PortalConfig => (r.ok ? (r.json() as Promise<PortalConfig>) : {}))
    .catch((): PortalConfig => ({})));

export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly details: { field: string; rule: string; message: string }[],
    message: string,
  ) {
    super(message);
  }
}

export async function vendorApi<T>(method: string, path: string, body?: unknown, key: string | null = vendorSession.key()): Promise<T> {
  const base = ((await portalConfig()).apiUrl ?? '').replace(/\/$/, '');
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key && { 'x-api-key': key }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) return parsed as T;
  const error = (parsed as { error?: { message: string; details?: PortalError['details'] } } | undefined)?.error;
  if (response.status === 401 && key) {
    vendorSession.signOut();
    location.hash = '#/sign-in';
  }
  throw new PortalError(response.status, error?.details ?? [], error?.message ?? response.statusText);
}
