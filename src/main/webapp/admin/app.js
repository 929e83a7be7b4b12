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

async function signedIn(token) {
  session.token = token;
  try {
    context.me = await api('GET', 'whoami');
  } catch (e) {
    session.token = null;
    throw e;
  }
  location.hash = location.hash || '#tokens';
  await route();
}

async function signOut() {
  try { await api('POST', 'auth/logout'); } catch { /* the token may already be gone */ }
  session.token = null;
  context.me = null;
  location.hash = '';
  await route();
}

function header() {
  who.replaceChildren();
  nav.hidden = !context.me;
  if (!context.me) return;
  who.append(
    el('span', { id: 'identity', text: context.me.identity }),
    el('span', { id: 'permissions', class: 'muted', text: context.me.permissions.join(' ') }),
    el('button', { type: 'button', class: 'quiet', id: 'signout', onclick: signOut }, 'Sign out'));
}

async function route() {
  context.clear();
  if (!context.me && session.token) {
    try { context.me = await api('GET', 'whoami'); } catch { session.token = null; }
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
