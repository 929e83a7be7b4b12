import { api, query } from '../api.js';
import { el, table, when } from '../dom.js';

// The audit log: filter, page, and check the hash chain.
export async function render(container, context) {
  if (!context.can('audit.read')) {
    container.append(el('section', {}, el('h2', { text: 'Audit' }), el('p', { class: 'muted', text: 'Needs the audit.read permission.' })));
    return;
  }
  const filter = { actor: '', action: '', outcome: '', limit: 50, cursor: '' };
  const listing = el('div');
  const verdict = el('span', { id: 'verify-result', 'aria-live': 'polite' });

  async function load() {
    try {
      const page = await api('GET', 'audit' + query(filter));
      listing.replaceChildren(table([
        { title: 'When', cell: e => when(e.at) },
        { title: 'Actor', cell: e => e.actor || '—' },
        { title: 'Action', cell: e => e.action },
        { title: 'Target', cell: e => e.target || '' },
        { title: 'Outcome', cell: e => `${e.outcome} (${e.status})` },
        { title: 'Detail', cell: e => e.detail || '' },
        { title: 'Source', cell: e => e.source_ip || '' },
      ], page.items, 'No events match.'),
      page.next_cursor ? el('div', { class: 'pager' }, el('button', { type: 'button', class: 'quiet', onclick: () => { filter.cursor = page.next_cursor; load(); } }, 'Older events')) : '');
    } catch (e) { context.report(e); }
  }

  const actor = el('input', { id: 'audit-actor', name: 'actor' });
  const action = el('input', { id: 'audit-action', name: 'action', placeholder: 'e.g. token.issue' });
  const outcome = el('select', { id: 'audit-outcome', name: 'outcome' }, ['', 'success', 'denied', 'failure'].map(o => el('option', { value: o, text: o || 'any' })));
  container.append(el('section', {}, el('h2', { text: 'Audit log' }),
    el('form', {
      class: 'inline', role: 'search',
      onsubmit: event => {
        event.preventDefault();
        Object.assign(filter, { actor: actor.value.trim(), action: action.value.trim(), outcome: outcome.value, cursor: '' });
        load();
      },
    }, el('label', {}, 'Actor', actor), el('label', {}, 'Action', action), el('label', {}, 'Outcome', outcome),
    el('button', { type: 'submit' }, 'Filter'),
    el('button', {
      type: 'button', class: 'quiet', id: 'verify-chain',
      onclick: async () => {
        try {
          const result = await api('GET', 'audit/verify');
          verdict.textContent = result.ok ? `Chain intact: ${result.checked} events checked.`
            : `Chain broken at event ${result.first_bad_id} (${result.checked} checked).`;
        } catch (e) { context.report(e); }
      },
    }, 'Verify chain'), verdict),
    listing));
  await load();
}
