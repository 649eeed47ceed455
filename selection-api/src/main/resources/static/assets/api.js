// Calls to the service's own HTTP API, as the signed-in console user (the session cookie) or
// anonymously from the public pages, in the reader's language (the server says explanations in it).
// A refusal becomes an ApiError carrying the problem's code.
import { lang } from './i18n.js';

let session = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
    this.code = this.problem.code || ('HTTP_' + status);
  }
}

/** Who is signed in, with the CSRF token that writes carry; asked once per page. */
export async function currentSession(refresh = false) {
  if (session && !refresh) return session;
  const res = await fetch('/console/session', { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
  session = await res.json();
  return session;
}

async function problemOf(res) {
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { return await res.json(); } catch (e) { return null; }
  }
  return { detail: await res.text() };
}

/**
 * One call. body: an object (sent as JSON) or a string with contentType. A 401 from the console
 * sends the user to the sign-in page (the session ended).
 */
export async function api(path, { method = 'GET', body, contentType } = {}) {
  const headers = { 'Accept': 'application/json', 'Accept-Language': lang() === 'zh' ? 'zh-CN' : 'en',
    'X-Requested-With': 'fetch' };
  if (method !== 'GET') {
    const s = await currentSession();
    if (s && s.csrfToken) headers[s.csrfHeader] = s.csrfToken;
  }
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') {
      headers['Content-Type'] = contentType || 'text/plain';
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401 && location.pathname.startsWith('/console/')) {
    location.assign('/console/login');
    throw new ApiError(401, { code: 'UNAUTHENTICATED', detail: 'signed out' });
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return null;
  return res.json();
}

export const enc = encodeURIComponent;
