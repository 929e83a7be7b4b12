import { api } from '../api.js';
import { el, table, when } from '../dom.js';

// Signing keys: the public facts, and rotation.
export async function render(container, context) {
  if (!context.can('keys.manage')) {
    container.append(el('section', {}, el('h2', { text: 'Signing keys' }), el('p', { class: 'muted', text: 'Needs the keys.manage permission.' })));
    return;
  }
  const listing = el('div');
  async function load() {
    const keys = await api('GET', 'keys');
    listing.replaceChildren(table([
      { title: 'Kid', cell: k => k.kid },
      { title: 'Algorithm', cell: k => k.algorithm },
      { title: 'Status', cell: k => k.status },
      { title: 'Published', cell: k => (k.published ? 'yes' : 'no') },
      { title: 'Signs from', cell: k => when(k.activates_at) },
      { title: 'Retired', cell: k => when(k.retired_at) },
      { title: 'Tokens live until', cell: k => when(k.signed_until) },
    ], keys));
  }
  container.append(el('section', {}, el('h2', { text: 'Signing keys' }),
    el('button', {
      type: 'button', id: 'rotate-key',
      onclick: async () => {
        if (!confirm('Rotate now? A new key signs at once; tokens of the old key stay valid.')) return;
        try { await api('POST', 'keys/rotate'); await load(); } catch (e) { context.report(e); }
      },
    }, 'Rotate now'), listing));
  await load();
}
