import { api, query } from '../api.js';
import { el, table, when } from '../dom.js';

const WINDOW_KEY = 'latch.admin.expiring-days';

// What expires soon: active tokens, and signing keys leaving the JWKS, within a window the operator sets.
export async function render(container, context) {
  const days = el('input', { id: 'expiring-days', type: 'number', min: 1, max: 365, value: sessionStorage.getItem(WINDOW_KEY) || 7 });
  const listing = el('div');

  async function load() {
    sessionStorage.setItem(WINDOW_KEY, days.value);
    const horizon = Date.now() + Number(days.value) * 86_400_000;
    const soon = instant => instant && new Date(instant).getTime() <= horizon;
    try {
      const tokens = context.can('tokens.read') ? (await api('GET', 'tokens' + query({ status: 'active', limit: 500 }))).items : [];
      const keys = context.can('keys.manage') ? await api('GET', 'keys') : [];
      listing.replaceChildren(
        el('h3', { text: 'Tokens' }),
        table([
          { title: 'Kind', cell: t => t.kind },
          { title: 'Name', cell: t => t.name },
          { title: 'Expires', cell: t => when(t.expires_at) },
        ], tokens.filter(t => soon(t.expires_at)).sort((a, b) => a.expires_at.localeCompare(b.expires_at)), 'No token expires in this window.'),
        el('h3', { text: 'Signing keys' }),
        table([
          { title: 'Kid', cell: k => k.kid },
          { title: 'Status', cell: k => k.status },
          { title: 'Leaves the JWKS', cell: k => when(k.signed_until) },
        ], keys.filter(k => k.status === 'retired' && soon(k.signed_until)), 'No key leaves the JWKS in this window.'));
    } catch (e) { context.report(e); }
  }
  days.addEventListener('change', load);
  container.append(el('section', {}, el('h2', { text: 'Expiring soon' }), el('label', {}, 'Window (days)', days), listing));
  await load();
}
