// The console: one page, a view per route (#/stages, #/works, #/work/ID, ...). Each role sees only
// its own views in the navigation; the API refuses the rest whatever a page asks.
import { applyLabels, languageButton, t, named } from './i18n.js';
import { api, currentSession } from './api.js';
import { el, problemBox } from './ui.js';
import * as organiser from './views/organiser.js';
import * as review from './views/review.js';
import { live } from './views/live.js';
import { work } from './views/work.js';
import { lists, audit } from './views/lists.js';
import { editionApi } from './views/shared.js';

const ORG = 'ORGANISER', REV = 'REVIEWER', AUD = 'AUDITOR';

const ROUTES = [
  { path: 'stages', label: 'nav.stages', roles: [ORG], view: organiser.stages },
  { path: 'works', label: 'nav.works', roles: [ORG, AUD], view: organiser.works },
  // offered only while the server still takes works (its page says so to one who comes later)
  { path: 'import', label: 'nav.import', roles: [ORG], view: organiser.importWorks, stages: ['DRAFT', 'COLLECTING'] },
  { path: 'suspicious', label: 'nav.suspicious', roles: [ORG, AUD], view: organiser.suspicious },
  { path: 'review', label: 'nav.review', roles: [REV], view: review.mine },
  { path: 'rankings', label: 'nav.rankings', roles: [ORG, REV, AUD], view: review.rankings },
  { path: 'live', label: 'nav.live', roles: [ORG, REV, AUD], view: live },
  { path: 'lists', label: 'nav.lists', roles: [ORG, REV, AUD], view: lists },
  { path: 'audit', label: 'nav.audit', roles: [AUD], view: audit },
  { path: 'work', roles: [ORG, REV, AUD], view: work, hidden: true },
];

const state = { session: null, editions: [], editionId: null, edition: null, cleanup: null, renders: 0 };

function allowed(route) {
  return route.roles.some(r => state.session.roles.includes(r));
}

/** In the navigation: allowed, and useful in the edition's stage. */
function offered(route, edition) {
  return !route.hidden && allowed(route) && (!route.stages || !edition || route.stages.includes(edition.stage));
}

function decode(part) {
  try { return decodeURIComponent(part); } catch (e) { return part; }
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, query] = raw.split('?');
  const [path, ...rest] = pathPart.split('/');
  return { path, arg: rest.map(decode).join('/'), params: new URLSearchParams(query || '') };
}

export function go(path) {
  location.hash = '#/' + path;
}

function renderNav(current, edition) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(el('ul', {}, ROUTES.filter(r => offered(r, edition)).map(r =>
    el('li', {}, el('a', { href: '#/' + r.path, id: 'nav-' + r.path,
      'aria-current': r.path === current ? 'page' : null }, t(r.label))))));
}

async function edition() {
  return api(editionApi(state.editionId));
}

async function route() {
  if (state.cleanup) { state.cleanup(); state.cleanup = null; }
  const view = document.getElementById('view');
  const render = ++state.renders;
  delete view.dataset.ready;
  const { path, arg, params } = parseHash();
  const visible = ROUTES.filter(r => !r.hidden && allowed(r));
  renderNav(path, state.edition && state.edition.id === state.editionId ? state.edition : null);
  if (!visible.length) {
    view.replaceChildren(el('p', { id: 'no-pages', class: 'notice' }, t('role.none')));
    return;
  }
  const r = ROUTES.find(x => x.path === path);
  if (!r) { go(visible[0].path); return; }
  if (!allowed(r)) {
    view.replaceChildren(el('p', { id: 'forbidden', class: 'problem', role: 'alert' }, t('role.forbidden')));
    return;
  }
  if (!state.editionId) {
    view.replaceChildren(el('p', { id: 'no-editions', class: 'notice info' }, t('editions.none')));
    return;
  }
  view.replaceChildren(el('p', { class: 'loading' }, t('loading')));
  try {
    const shown = await edition();
    if (render !== state.renders) return;
    state.edition = shown;
    renderNav(path, shown);
    const ctx = { session: state.session, editionId: state.editionId, edition: shown, arg, params,
      roles: state.session.roles, has: role => state.session.roles.includes(role), rerender: route };
    const out = el('div', { class: 'view', id: 'view-' + r.path });
    const cleanup = await r.view(ctx, out);
    if (render !== state.renders) {
      // the reader moved on while this view loaded: drop it
      if (typeof cleanup === 'function') cleanup();
      return;
    }
    view.replaceChildren(out);
    state.cleanup = typeof cleanup === 'function' ? cleanup : null;
    view.dataset.ready = r.path;
    // a screen reader starts at the new view's heading, as after a page load
    const heading = out.querySelector('h1');
    if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
  } catch (e) {
    if (render !== state.renders) return;
    view.replaceChildren(el('h1', {}, t('error')), problemBox(e));
  }
}

async function start() {
  try {
    await begin();
  } catch (e) {
    document.getElementById('view').replaceChildren(el('h1', {}, t('error')), problemBox(e));
  }
}

/** Who is signed in, with their roles named in the reader's language. */
function who() {
  document.getElementById('who').replaceChildren(
    el('span', { class: 'visually-hidden', 'data-i18n': 'signed.in.as' }, t('signed.in.as')), ' ',
    el('span', { id: 'username' }, state.session.username),
    el('span', { id: 'roles', class: 'roles', dataset: { roles: state.session.roles.join(' ') } },
      ' · ' + state.session.roles.map(r => named('role.', r)).join(t('list.separator'))));
}

async function begin() {
  state.session = await currentSession(true);
  if (!state.session.authenticated) { location.assign('/console/login'); return; }
  document.getElementById('signout-csrf').name = state.session.csrfParameter;
  document.getElementById('signout-csrf').value = state.session.csrfToken;
  who();
  document.getElementById('lang-slot').replaceChildren(languageButton(() => { who(); route(); }));
  applyLabels();
  const select = document.getElementById('edition');
  // a refusal to list the editions is shown (by start) rather than guessed around
  state.editions = await api('/api/editions');
  const kept = localStorage.getItem('selection.edition');
  const ids = state.editions.map(e => e.id);
  // a reviewer's account belongs to one edition: start there; else the one last shown, else the first
  const own = state.session.edition;
  state.editionId = own && ids.includes(own) ? own : ids.includes(kept) ? kept : (ids[0] || null);
  select.disabled = !ids.length;
  select.replaceChildren(...state.editions.map(e => el('option', { value: e.id, selected: e.id === state.editionId ? true : null },
    e.id + ' · ' + e.title)));
  select.addEventListener('change', () => {
    state.editionId = select.value;
    localStorage.setItem('selection.edition', state.editionId);
    route();
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
