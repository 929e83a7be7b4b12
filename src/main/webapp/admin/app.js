import { api, session } from './api.js';
import { el } from './dom.js';
import * as signin from './views/signin.js';
import * as tokens from './views/tokens.js';
import * as join from './views/join.js';
import * as users from './views/users.js';
import * as keys from './views/keys.js';
import * as audit from './views/audit.js';
import * as expiring from './views/expiring.js';

const views = { tokens, join, users, keys, audit, expiring };
const view = document.getElementById('view');
const errorBox = document.getElementById('error');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

// What every view gets: the caller, its permissions, and a way to report an API error in plain words.
const context = {
  me: null,
  can(permission) {
    const held = this.me?.permissions || [];
    return held.includes('admin') || held.includes(permission);
  },
  isAdmin() { return (this.me?.permissions || []).includes('admin'); },
  report(error) {
    errorBox.textContent = error.message;
    errorBox.hidden = false;
  },
  clear() { errorBox.hidden = true; errorBox.textContent = ''; },
  refresh: () => route(),
};

// how: 'password' for a session this page asked for, 'pasted' for a token the person brought.
async function signedIn(token, how) {
  session.remember(token, how);
  try {
    context.me = await api('GET', 'whoami');
  } catch (e) {
    session.forget();
    throw e;
  }
  location.hash = location.hash || '#tokens';
  await route();
}

async function forget() {
  session.forget();
  context.me = null;
  location.hash = '';
  await route();
}

// A password session ends on the server too; a pasted token is only forgotten in this tab, since
// it may be long-lived and in use elsewhere (the bootstrap token, a script's token).
async function signOut() {
  if (!session.pasted) {
    try { await api('POST', 'auth/logout'); } catch { /* the session may already be gone */ }
  }
  await forget();
}

// Only on request: revokes the pasted token for good, everywhere it is used, then forgets it.
async function revokePasted() {
  if (!confirm(`Revoke the token you signed in with (${context.me.identity}) for good? `
      + 'It stops working everywhere it is used, not only here. Sign out only forgets it in this tab.')) return;
  try {
    await api('POST', 'auth/logout');
  } catch (e) {
    if (e.status !== 401) { context.report(e); return; } // 401: already gone
  }
  await forget();
}

function header() {
  who.replaceChildren();
  nav.hidden = !context.me;
  if (!context.me) return;
  who.append(
    el('span', { id: 'identity', text: context.me.identity }),
    el('span', { id: 'permissions', class: 'muted', text: context.me.permissions.join(' ') }),
    el('button', {
      type: 'button', class: 'quiet', id: 'signout',
      title: session.pasted ? 'Forgets the token in this tab; it keeps working elsewhere' : 'Ends this session',
      onclick: signOut,
    }, 'Sign out'),
    session.pasted && el('button', {
      type: 'button', class: 'danger', id: 'revoke-pasted',
      title: 'Revokes the token you signed in with, for good, then signs out',
      onclick: revokePasted,
    }, 'Revoke this token'));
}

async function route() {
  context.clear();
  if (!context.me && session.token) {
    try { context.me = await api('GET', 'whoami'); } catch { session.forget(); }
  }
  header();
  if (!context.me) {
    view.replaceChildren(signin.render(context, signedIn));
    return;
  }
  const name = location.hash.slice(1) || 'tokens';
  const current = views[name] || tokens;
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === '#' + name);
    if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
  }
  const container = el('div', { 'data-view': name });
  view.replaceChildren(container);
  try {
    await current.render(container, context);
  } catch (e) {
    context.report(e);
  }
}

window.addEventListener('hashchange', route);
route();
