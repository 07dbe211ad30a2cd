import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { statusLabel } from './format';

export { html };

/** Loads data for a page: the value, the error, a loading flag and a way to load again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return { ...state, reload: useCallback(() => setRound((r) => r + 1), []) };
}

export const Loading = ({ what = 'Loading' }: { what?: string }) => html`<p class="state loading" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span>${what}…</p>`;

export const Empty = ({ children }: { children: ComponentChildren }) => html`<p class="state empty">${children}</p>`;

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof ApiError ? `${error.body.message} (${error.status} ${error.body.code})` : error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.body.details : [];
  return html`<div class="state error" role="alert">
    <strong>Something went wrong.</strong> ${message}
    ${details.length > 0 && html`<ul>${details.map((d) => html`<li><code>${d.field}</code>: ${d.message}</li>`)}</ul>`}
    ${retry && html`<button type="button" onClick=${retry}>Try again</button>`}
  </div>`;
}

export const StatusBadge = ({ status }: { status: string }) => html`<span class="badge status-${status.toLowerCase()}">${statusLabel(status)}</span>`;

export const Chip = ({ children, tone = 'warn' }: { children: ComponentChildren; tone?: 'warn' | 'info' | 'ok' }) => html`<span class=${`chip chip-${tone}`}>${children}</span>`;

/** Previous/next over cursor-paged lists: the cursors already seen make "previous" work. */
export function usePager() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  return {
    cursor,
    page: cursors.length,
    reset: () => setCursors([undefined]),
    Pager: ({ nextCursor }: { nextCursor: string | null | undefined }) => html`<nav class="pager" aria-label="Pages">
      <button type="button" disabled=${cursors.length === 1} onClick=${() => setCursors((c) => c.slice(0, -1))}>← Previous</button>
      <span>Page ${cursors.length}</span>
      <button type="button" disabled=${!nextCursor} onClick=${() => nextCursor && setCursors((c) => [...c, nextCursor])}>Next →</button>
    </nav>`,
  };
}

/** A modal dialog (the native one: focus is trapped and Escape closes it). */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ComponentChildren }) {
  const [node, setNode] = useState<HTMLDialogElement | null>(null);
  useEffect(() => {
    if (!node) return;
    if (open && !node.open) node.showModal();
    if (!open && node.open) node.close();
  }, [node, open]);
  return html`<dialog ref=${setNode} onClose=${onClose} aria-labelledby="dialog-title">
    <h2 id="dialog-title">${title}</h2>
    ${open && children}
  </dialog>`;
}

/** The hash route's parts (`#/po/PO-1/slip` → ['po', 'PO-1', 'slip']), following the address bar. */
export function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
