import { api, query } from '../api.js';
import { el, lastUseCell, secretPanel, statusCell, table, when } from '../dom.js';
import { revokeSelected } from './revoke-selected.js';

const PERMISSIONS = ['tokens.read', 'tokens.manage', 'users.manage', 'keys.manage', 'jwt.mint', 'audit.read', 'metrics.read'];

// Tokens: a filterable, paged table; issue, revoke (also by selector), rotate and purge where the
// caller may.
export async function render(container, context) {
  const filter = { status: 'all', kind: '', name: '', unused_for: '', sort: 'issued', limit: 25, cursor: '' };
  const cursors = [];
  const listing = el('div', { id: 'token-list' });
  const secretSlot = el('div');

  const showSecret = (title, secret) => secretSlot.replaceChildren(secretPanel(title, secret, () => secretSlot.replaceChildren()));

  async function load() {
    context.clear();
    try {
      const page = await api('GET', 'tokens' + query(filter));
      listing.replaceChildren(tokenTable(page.items), pager(page.next_cursor));
    } catch (e) { context.report(e); }
  }

  function act(label, className, run) {
    return el('button', {
      type: 'button', class: className,
      onclick: async () => {
        try { await run(); await load(); } catch (e) { context.report(e); }
      },
    }, label);
  }

  function actions(token) {
    if (!context.can('tokens.manage')) return null;
    const live = token.status === 'active';
    return [
      live && act('Revoke', 'danger', async () => {
        if (confirm(`Revoke the token ${token.name}?`)) await api('DELETE', 'tokens/' + token.token_id);
      }),
      live && token.kind === 'operator' && act('Rotate', 'quiet', async () => {
        if (!confirm(`Rotate ${token.name}? The old secret stops working now.`)) return;
        const rotated = await api('POST', `tokens/${token.token_id}/rotate`, { grace: '0s' });
        showSecret(`New secret for ${rotated.name}`, rotated.token);
      }),
      context.isAdmin() && act('Purge', 'danger', async () => {
        if (confirm(`Remove the record of ${token.name}? The audit log keeps its history.`)) {
          await api('DELETE', `tokens/${token.token_id}?purge=true`);
        }
      }),
    ];
  }

  function tokenTable(items) {
    return table([
      { title: 'Kind', cell: t => t.kind },
      { title: 'Name', class: 'nowrap', cell: t => t.name },
      { title: 'Description', cell: t => t.description || '' },
      { title: 'Status', cell: t => statusCell(t.status) },
      { title: 'Issued', cell: t => when(t.issued_at) },
      { title: 'Expires', cell: t => when(t.expires_at) },
      { title: 'Last used', cell: t => lastUseCell(t.last_use) },
      { title: 'Permissions', cell: t => (t.permissions || []).join(' ') },
      { title: 'Privileged', cell: t => (t.allows_privileged ? 'yes' : 'no') },
      { title: 'Actions', class: 'actions', cell: actions },
    ], items, 'No tokens match.');
  }

  function pager(next) {
    return el('div', { class: 'pager' },
      cursors.length > 0 && el('button', { type: 'button', class: 'quiet', onclick: () => { filter.cursor = cursors.pop(); load(); } }, 'Previous page'),
      next && el('button', { type: 'button', class: 'quiet', id: 'next-page', onclick: () => { cursors.push(filter.cursor); filter.cursor = next; load(); } }, 'Next page'));
  }

  const status = el('select', { id: 'filter-status', name: 'status' }, ['all', 'active', 'revoked', 'expired'].map(s => el('option', { value: s, text: s })));
  const kind = el('select', { id: 'filter-kind', name: 'kind' }, ['', 'operator', 'service_key', 'join', 'node'].map(k => el('option', { value: k, text: k || 'any' })));
  const name = el('input', { id: 'filter-name', name: 'name' });
  const unusedDays = el('input', { id: 'filter-unused-days', name: 'unused_days', type: 'number', min: 1, max: 3650, size: 4 });
  const sort = el('select', { id: 'filter-sort', name: 'sort' }, [['issued', 'newest first'], ['last_used', 'longest unused first']].map(([v, t]) => el('option', { value: v, text: t })));
  const filters = el('form', {
    class: 'inline', role: 'search',
    onsubmit: event => {
      event.preventDefault();
      Object.assign(filter, { status: status.value, kind: kind.value, name: name.value.trim(), unused_for: unusedDays.value ? unusedDays.value + 'd' : '', sort: sort.value, cursor: '' });
      cursors.length = 0;
      load();
    },
  }, el('label', {}, 'Status', status), el('label', {}, 'Kind', kind), el('label', {}, 'Name', name),
  el('label', {}, 'Unused for (days)', unusedDays), el('label', {}, 'Order', sort), el('button', { type: 'submit' }, 'Filter'));

  container.append(secretSlot);
  if (context.can('tokens.manage')) container.append(issueForm(context, showSecret, load));
  container.append(el('section', {}, el('h2', { text: 'Tokens' }), filters, listing));
  if (context.can('tokens.manage')) container.append(revokeSelected(context, load));
  await load();
}

function issueForm(context, showSecret, reload) {
  const name = el('input', { id: 'issue-name', name: 'name', required: true, pattern: '[a-z0-9][a-z0-9._:@-]{0,62}' });
  const ttl = el('input', { id: 'issue-ttl', name: 'ttl', value: '90d', size: 6 });
  const description = el('input', { id: 'issue-description', name: 'description', maxlength: 500 });
  const offered = PERMISSIONS.filter(p => context.can(p));
  const boxes = offered.map(p => el('input', { type: 'checkbox', value: p, name: 'permissions', checked: true }));
  const mayPrivilege = context.isAdmin() || context.me.allows_privileged;
  const privileged = el('input', { type: 'checkbox', id: 'issue-privileged', name: 'privileged' });
  return el('section', {},
    el('h2', { text: 'Issue a token' }),
    el('form', {
      class: 'inline', id: 'issue-form',
      onsubmit: async event => {
        event.preventDefault();
        try {
          const issued = await api('POST', 'tokens', {
            name: name.value.trim(),
            permissions: boxes.filter(b => b.checked).map(b => b.value),
            ttl: ttl.value.trim() || undefined,
            description: description.value || undefined,
            allow_privileged: mayPrivilege ? privileged.checked : undefined,
          });
          showSecret(`Token for ${issued.name}`, issued.token);
          event.target.reset();
          await reload();
        } catch (e) { context.report(e); }
      },
    },
    el('label', {}, 'Name', name),
    el('fieldset', {}, el('legend', { text: 'Permissions' }), offered.map((p, i) => el('label', { class: 'check' }, boxes[i], p))),
    el('label', {}, 'TTL', ttl),
    el('label', {}, 'Description', description),
    mayPrivilege && el('label', { class: 'check' }, privileged, 'Allows privileged use'),
    el('button', { type: 'submit' }, 'Issue')));
}
