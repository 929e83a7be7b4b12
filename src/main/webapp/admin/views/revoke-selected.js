import { api } from '../api.js';
import { el, statusCell, table, when } from '../dom.js';

const KINDS = ['operator', 'service_key', 'node', 'join', 'session', 'minted', 'internal'];

// Revoke by selector: a preview (a dry run) first, then a confirm that sends exactly the previewed
// selector, so what is revoked is what the person saw counted.
export function revokeSelected(context, reload) {
  const field = (id, attributes = {}) => el('input', { id: 'selector-' + id, name: id, ...attributes });
  const inputs = {
    owner: field('owner', { placeholder: 'user id', size: 36, pattern: '[0-9a-fA-F-]{36}' }),
    kind: el('select', { id: 'selector-kind', name: 'kind' }, ['', ...KINDS].map(k => el('option', { value: k, text: k || 'any' }))),
    name_prefix: field('name-prefix', { maxlength: 200 }),
    node_id: field('node-id', { maxlength: 63 }),
    created_after: field('created-after', { type: 'date' }),
    created_before: field('created-before', { type: 'date' }),
    unused_for: field('unused-for', { placeholder: '30d', size: 6, pattern: '[0-9]+[smhd]' }),
    issued_by: field('issued-by', { maxlength: 100 }),
  };
  const reason = el('textarea', { id: 'selector-reason', name: 'reason', required: true, maxlength: 500, rows: 2, cols: 40 });
  const result = el('div', { id: 'selector-result', role: 'status' });
  const days = el('input', { id: 'unused-days', type: 'number', min: 1, max: 3650, value: 90, size: 5 });

  function selector() {
    const chosen = {};
    for (const [name, input] of Object.entries(inputs)) {
      const value = input.value.trim();
      if (!value) continue;
      // a date input gives the day; the API takes an instant: that day's start, UTC
      chosen[name] = input.type === 'date' ? `${value}T00:00:00Z` : value;
    }
    return chosen;
  }

  async function preview() {
    context.clear();
    const body = { selector: selector(), reason: reason.value.trim() };
    try {
      const answer = await api('POST', 'tokens/revoke-selected', { ...body, dry_run: true });
      result.replaceChildren(summary(answer, true), page(answer),
        answer.would_revoke > 0 && el('button', {
          type: 'button', class: 'danger', id: 'selector-confirm',
          onclick: () => confirmRevoke(body),
        }, `Revoke ${answer.would_revoke}`));
    } catch (e) { context.report(e); }
  }

  async function confirmRevoke(body) {
    context.clear();
    try {
      const answer = await api('POST', 'tokens/revoke-selected', { ...body, dry_run: false });
      result.replaceChildren(summary(answer, false), page(answer));
      await reload();
    } catch (e) { context.report(e); }
  }

  const form = el('form', {
    class: 'inline', id: 'selector-form',
    onsubmit: event => { event.preventDefault(); preview(); },
  },
  el('label', {}, 'Owner', inputs.owner),
  el('label', {}, 'Kind', inputs.kind),
  el('label', {}, 'Name starts with', inputs.name_prefix),
  el('label', {}, 'Node id', inputs.node_id),
  el('label', {}, 'Issued from', inputs.created_after),
  el('label', {}, 'Issued before', inputs.created_before),
  el('label', {}, 'Unused for', inputs.unused_for),
  el('label', {}, 'Issued by', inputs.issued_by),
  el('label', {}, 'Reason (required, in the audit log)', reason),
  el('button', { type: 'submit', id: 'selector-preview' }, 'Preview'));

  // the shortcut fills the selector with that one criterion and previews; nothing is revoked yet
  const shortcut = el('form', {
    class: 'inline', id: 'unused-form',
    onsubmit: event => {
      event.preventDefault();
      form.reset();
      inputs.unused_for.value = `${days.value}d`;
      if (!reason.value.trim()) reason.value = `unused for ${days.value} days`;
      preview();
    },
  },
  el('label', {}, 'Revoke all unused for N days', days),
  el('button', { type: 'submit', class: 'quiet', id: 'unused-preview' }, 'Preview unused'));

  return el('section', { id: 'revoke-selected' },
    el('h2', { text: 'Revoke by selector' }),
    el('p', { class: 'muted', text: 'Every live credential of any kind that matches all given criteria. '
      + 'Preview shows what would be revoked; only what you could revoke one by one is.' }),
    shortcut, form, result);
}

function summary(answer, dryRun) {
  const parts = [
    dryRun ? `${answer.matched} match; ${answer.would_revoke} would be revoked.` : `Revoked ${answer.revoked} of ${answer.matched}.`,
    answer.out_of_reach > 0 && `${answer.out_of_reach} out of your reach (you could not revoke them one by one) stay.`,
    answer.remaining > 0 && `${answer.remaining} more beyond this call's limit: run it again.`,
  ];
  return el('p', { id: 'selector-summary', text: parts.filter(Boolean).join(' ') });
}

function page(answer) {
  const more = answer.would_revoke - answer.first_page.length;
  return el('div', {},
    table([
      { title: 'Kind', cell: t => t.kind },
      { title: 'Name', class: 'nowrap', cell: t => t.name },
      { title: 'Status', cell: t => statusCell(t.status) },
      { title: 'Issued', cell: t => when(t.issued_at) },
      { title: 'Last used', cell: t => when(t.last_used_at) },
      { title: 'Issued by', cell: t => t.created_by },
    ], answer.first_page, 'Nothing to revoke.'),
    more > 0 && el('p', { class: 'muted', text: `and ${more} more` }));
}
