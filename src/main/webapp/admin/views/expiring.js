import { api, query } from '../api.js';
import { el, table, when } from '../dom.js';

const WINDOW_KEY = 'latch.admin.expiring-days';

// What expires soon: active credentials of every kind (the server lists them, soonest first, a page
// at a time), and signing keys leaving the JWKS, within a window the operator sets.
export async function render(container, context) {
  const days = el('input', { id: 'expiring-days', type: 'number', min: 1, max: 365, value: sessionStorage.getItem(WINDOW_KEY) || 7 });
  const credentials = el('div', { id: 'expiring-credentials' });
  const keysListing = el('div');
  let shown = [];

  function showCredentials(nextCursor) {
    credentials.replaceChildren(
      table([
        { title: 'Kind', cell: c => c.kind },
        { title: 'Name', cell: c => c.name },
        { title: 'Expires', cell: c => when(c.expires_at) },
        { title: 'Warned', cell: c => c.warned.length ? c.warned.join(', ') : '—' },
      ], shown, 'No credential expires in this window.'),
      nextCursor ? el('div', { class: 'pager' }, el('button', { type: 'button', class: 'quiet', id: 'expiring-more', onclick: () => loadCredentials(nextCursor).catch(e => context.report(e)) }, 'Later ones')) : '');
  }

  async function loadCredentials(cursor) {
    if (!context.can('tokens.read')) {
      credentials.replaceChildren(el('p', { class: 'muted', text: 'Needs the tokens.read permission.' }));
      return;
    }
    const page = await api('GET', 'expiring' + query({ within: days.value + 'd', limit: 100, cursor }));
    shown = cursor ? shown.concat(page.items) : page.items;
    showCredentials(page.next_cursor);
  }

  async function loadKeys() {
    if (!context.can('keys.manage')) return;
    const horizon = Date.now() + Number(days.value) * 86_400_000;
    const keys = await api('GET', 'keys');
    keysListing.replaceChildren(table([
      { title: 'Kid', cell: k => k.kid },
      { title: 'Status', cell: k => k.status },
      { title: 'Leaves the JWKS', cell: k => when(k.signed_until) },
    ], keys.filter(k => k.status === 'retired' && k.signed_until && new Date(k.signed_until).getTime() <= horizon), 'No key leaves the JWKS in this window.'));
  }

  async function load() {
    if (!days.checkValidity() || days.value === '') return; // being typed: 1 to 365 whole days
    sessionStorage.setItem(WINDOW_KEY, days.value);
    try {
      await Promise.all([loadCredentials(), loadKeys()]);
    } catch (e) { context.report(e); }
  }
  days.addEventListener('change', load);
  container.append(el('section', {}, el('h2', { text: 'Expiring soon' }), el('label', {}, 'Window (days)', days),
    el('h3', { text: 'Credentials' }), credentials, el('h3', { text: 'Signing keys' }), keysListing));
  await load();
}
