import { api } from '../api.js';
import { el } from '../dom.js';

// Two ways in: a username and password (a session JWT), or a pasted token of any kind.
export function render(context, signedIn) {
  const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const pasted = el('input', { id: 'pasted-token', name: 'token', type: 'password', autocomplete: 'off', required: true });

  const withPassword = el('form', {
    id: 'signin-password',
    onsubmit: async event => {
      event.preventDefault();
      try {
        const session = await api('POST', 'auth/login', { username: username.value, password: password.value });
        await signedIn(session.token, 'password');
      } catch (e) { context.report(e); }
    },
  },
  el('h2', { text: 'Sign in' }),
  el('label', {}, 'Username', username),
  el('label', {}, 'Password', password),
  el('button', { type: 'submit' }, 'Sign in'));

  const withToken = el('form', {
    id: 'signin-token',
    onsubmit: async event => {
      event.preventDefault();
      try { await signedIn(pasted.value.trim(), 'pasted'); } catch (e) { context.report(e); }
    },
  },
  el('h2', { text: 'Or use a token' }),
  el('label', {}, 'Bearer token', pasted),
  el('button', { type: 'submit', class: 'quiet' }, 'Use token'));

  return el('section', { class: 'signin' }, withPassword, withToken);
}
