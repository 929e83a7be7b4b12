import { api } from '../api.js';
import { el, secretPanel, table, when } from '../dom.js';

const ROLES = ['viewer', 'auditor', 'operator', 'admin'];

// Users and service users: list, create, disable; rotate a service user's key.
export async function render(container, context) {
  if (!context.can('users.manage')) {
    container.append(el('section', {}, el('h2', { text: 'Users' }), el('p', { class: 'muted', text: 'Managing users needs the users.manage permission.' })));
    return;
  }
  const secretSlot = el('div');
  const people = el('div');
  const services = el('div');
  const show = (title, secret) => secretSlot.replaceChildren(secretPanel(title, secret, () => secretSlot.replaceChildren()));
  const act = (label, className, run) => el('button', {
    type: 'button', class: className,
    onclick: async () => { try { await run(); await load(); } catch (e) { context.report(e); } },
  }, label);

  async function load() {
    try {
      const [users, serviceUsers] = await Promise.all([api('GET', 'users?limit=200'), api('GET', 'service-users?limit=200')]);
      people.replaceChildren(table([
        { title: 'Username', cell: u => u.username },
        { title: 'Role', cell: u => u.role },
        { title: 'Created', cell: u => when(u.created_at) },
        { title: 'Disabled', cell: u => when(u.disabled_at) },
        { title: 'Actions', class: 'actions', cell: u => !u.disabled_at && u.username !== context.me.identity
            && act('Disable', 'danger', async () => { if (confirm(`Disable ${u.username} and revoke everything it holds?`)) await api('DELETE', 'users/' + u.id); }) },
      ], users.items));
      services.replaceChildren(table([
        { title: 'Name', cell: u => u.username },
        { title: 'Role', cell: u => u.role },
        { title: 'Created', cell: u => when(u.created_at) },
        { title: 'Disabled', cell: u => when(u.disabled_at) },
        { title: 'Actions', class: 'actions', cell: u => !u.disabled_at && [
          act('Rotate key', 'quiet', async () => {
            const grace = prompt('Grace for the old key (0s to stop it now, at most 7d):', '0s');
            if (grace === null) return;
            const key = await api('POST', `service-users/${u.id}/rotate-key`, { grace });
            show(`New API key for ${key.name}`, key.api_key);
          }),
          act('Disable', 'danger', async () => { if (confirm(`Disable ${u.username} and revoke its keys?`)) await api('DELETE', 'service-users/' + u.id); }),
        ] },
      ], serviceUsers.items));
    } catch (e) { context.report(e); }
  }

  const roleSelect = id => el('select', { id, name: 'role' }, ROLES.map(r => el('option', { value: r, text: r })));
  const username = el('input', { id: 'user-name', name: 'username', required: true });
  const password = el('input', { id: 'user-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true });
  const role = roleSelect('user-role');
  const serviceName = el('input', { id: 'service-name', name: 'name', required: true });
  const serviceRole = roleSelect('service-role');
  const keyTtl = el('input', { id: 'service-ttl', name: 'key_ttl', value: '90d', size: 6 });

  const submit = run => async event => {
    event.preventDefault();
    try { await run(); event.target.reset(); await load(); } catch (e) { context.report(e); }
  };
  container.append(secretSlot,
    el('section', {}, el('h2', { text: 'Users' }),
      el('form', { class: 'inline', onsubmit: submit(() => api('POST', 'users', { username: username.value.trim(), password: password.value, role: role.value })) },
        el('label', {}, 'Username', username), el('label', {}, 'Password', password), el('label', {}, 'Role', role),
        el('button', { type: 'submit' }, 'Create user')),
      people),
    el('section', {}, el('h2', { text: 'Service users' }),
      el('form', { class: 'inline', onsubmit: submit(async () => {
        const created = await api('POST', 'service-users', { name: serviceName.value.trim(), role: serviceRole.value, key_ttl: keyTtl.value.trim() });
        show(`API key for ${created.name}`, created.api_key);
      }) },
        el('label', {}, 'Name', serviceName), el('label', {}, 'Role', serviceRole), el('label', {}, 'Key TTL', keyTtl),
        el('button', { type: 'submit' }, 'Create service user')),
      services));
  await load();
}
