// Builds DOM from values as text only: nothing from the API is ever parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

export function table(columns, rows, empty = 'Nothing here yet.') {
  if (rows.length === 0) return el('p', { class: 'muted', text: empty });
  return el('div', { class: 'table-wrap' },
    el('table', {},
      el('thead', {}, el('tr', {}, columns.map(c => el('th', { scope: 'col', text: c.title })))),
      el('tbody', {}, rows.map(row => el('tr', {}, columns.map(c => el('td', { class: c.class || null }, c.cell(row))))))));
}

// A credential's last use: when, and where from (the user agent on hover); or why there is none.
export function lastUseCell(lastUse) {
  if (!lastUse || lastUse.state === 'never_used') return el('span', { class: 'muted', text: 'never used' });
  if (lastUse.state === 'not_recorded') return el('span', { class: 'muted', text: 'not recorded' });
  const where = [lastUse.source_ip, lastUse.node && 'on ' + lastUse.node].filter(Boolean).join(' ');
  return el('span', { class: 'last-use', title: lastUse.user_agent || '' },
    when(lastUse.at), where && el('br'), where && el('small', { class: 'muted', text: where }));
}

export function statusCell(status) {
  return el('span', { class: 'status-' + status, text: status });
}

// One-time secrets: shown once, with a copy button and a plain warning.
export function secretPanel(title, secret, onDone) {
  const output = el('output', { 'data-secret': '', text: secret });
  return el('section', { class: 'secret', role: 'status' },
    el('h2', { text: title }),
    el('p', { text: 'Save it now: it is shown only this once and cannot be recovered.' }),
    output,
    el('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(secret) }, 'Copy'),
    ' ',
    el('button', { type: 'button', class: 'quiet', onclick: onDone }, 'Done'));
}
