import { api, query } from '../api.js';
import { el, secretPanel, table, when } from '../dom.js';

// Join tokens (prexor): create for a node, list with their state, revoke.
export async function render(container, context) {
  const includeAll = el('input', { type: 'checkbox', id: 'join-include' });
  const listing = el('div');
  const secretSlot = el('div');

  async function load() {
    try {
      const answer = await api('GET', 'admin/tokens' + query({ include: includeAll.checked ? 'revoked,used' : '' }));
      listing.replaceChildren(table([
        { title: 'Id', cell: t => t.token_id },
        { title: 'Node', cell: t => t.node_id || 'any' },
        { title: 'Expires', cell: t => when(t.expires_at_epoch_ms) },
        { title: 'State', cell: t => (t.revoked ? 'revoked' : t.expired ? 'expired' : t.uses >= t.max_uses ? 'used' : 'usable') },
        { title: 'Uses', cell: t => `${t.uses} of ${t.max_uses}` },
        { title: 'Used by', cell: t => t.used_by_node || '' },
        { title: 'Actions', class: 'actions', cell: t => context.can('tokens.manage') && !t.revoked && el('button', {
          type: 'button', class: 'danger',
          onclick: async () => {
            if (!confirm('Revoke this join token?')) return;
            try { await api('DELETE', 'admin/tokens/' + t.token_id); await load(); } catch (e) { context.report(e); }
          },
        }, 'Revoke') },
      ], answer.tokens, 'No join tokens.'));
    } catch (e) { context.report(e); }
  }

  if (context.can('tokens.manage')) {
    const node = el('input', { id: 'join-node', name: 'node_id', placeholder: 'any node' });
    const ttl = el('input', { id: 'join-ttl', name: 'ttl_seconds', type: 'number', min: 0, value: 86400 });
    container.append(secretSlot, el('section', {}, el('h2', { text: 'Create a join token' }), el('form', {
      class: 'inline',
      onsubmit: async event => {
        event.preventDefault();
        try {
          const created = await api('POST', 'admin/tokens', { node_id: node.value.trim() || undefined, ttl_seconds: Number(ttl.value) });
          secretSlot.replaceChildren(secretPanel('Join token', created.join_token, () => secretSlot.replaceChildren()));
          await load();
        } catch (e) { context.report(e); }
      },
    }, el('label', {}, 'Node id', node), el('label', {}, 'TTL (seconds)', ttl), el('button', { type: 'submit' }, 'Create'))));
  }
  includeAll.addEventListener('change', load);
  container.append(el('section', {}, el('h2', { text: 'Join tokens' }),
    el('label', { class: 'check' }, includeAll, 'Show revoked and used'), listing));
  await load();
}
