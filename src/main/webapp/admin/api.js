// Latch's REST API, and the session kept only in this tab (sessionStorage, never a cookie).
const KEY = 'latch.admin.token';
// How the person signed in: 'password' (a session JWT this page asked for) or 'pasted' (a token
// they brought, which may be long-lived and used elsewhere). Kept beside the token, forgotten with it.
const HOW = 'latch.admin.signin';

export const session = {
  get token() { return sessionStorage.getItem(KEY); },
  // A token without a remembered kind counts as pasted: signing out must never revoke it by surprise.
  get pasted() { return sessionStorage.getItem(HOW) !== 'password'; },
  remember(token, how) {
    sessionStorage.setItem(KEY, token);
    sessionStorage.setItem(HOW, how);
  },
  forget() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(HOW);
  },
};

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem?.detail || `The server answered ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

export async function api(method, path, body, { form = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
    payload = form ? new URLSearchParams(body).toString() : JSON.stringify(body);
  }
  const response = await fetch('/api/v1/' + path, { method, headers, body: payload });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(data, response.status);
  return data;
}

export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== '' && v !== null && v !== undefined);
  return entries.length ? '?' + new URLSearchParams(entries).toString() : '';
}
