import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { session, takeFarewell } from '../session';
import { html } from '../ui';

/** Sign in with an ops API key: checked against an ops-only route, then kept for this tab's session only. */
export function SignIn() {
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<string | null>(takeFarewell);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('GET', '/dropship/summary', undefined, key.trim());
      session.signIn(key.trim());
      location.hash = '#/dropship';
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 403 ? 'That key is not an ops key.' : error instanceof ApiError && error.status === 401 ? 'That key is not valid.' : 'The API cannot be reached.');
    } finally {
      setBusy(false);
    }
  };
  return html`<main class="sign-in">
    <form onSubmit=${submit} aria-describedby="sign-in-help">
      <h1>Dropship OMS</h1>
      <p id="sign-in-help">Sign in with an ops API key. It is kept for this browser tab only.</p>
      ${message && html`<p class="state error" role="alert">${message}</p>`}
      <label for="key">Ops API key</label>
      <input id="key" name="key" type="password" autocomplete="off" required value=${key} onInput=${(e: Event) => setKey((e.target as HTMLInputElement).value)} autofocus />
      <button type="submit" disabled=${busy || key.trim() === ''}>${busy ? 'Checking…' : 'Sign in'}</button>
    </form>
  </main>`;
}
