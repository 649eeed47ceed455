// What the console's views share: the edition's API address, its stages, the page title, links to a
// work, the category picker, times in the edition's own zone, and the pager. One module, so that no
// view builds these itself or borrows them from another view.
import { t } from '../i18n.js';
import { enc } from '../api.js';
import { el, fmtNumber, fmtTime } from '../ui.js';

export const STAGES = ['DRAFT', 'COLLECTING', 'PRELIMINARY_REVIEW', 'SHORTLIST_PUBLISHED', 'VOTING',
  'FINAL_REVIEW', 'RESULTS_PUBLISHED'];

/** The edition's API address: /api/editions/{id}. */
export function editionApi(editionId) {
  return '/api/editions/' + enc(editionId);
}

/** The API address of the edition a view shows. */
export function base(ctx) {
  return editionApi(ctx.editionId);
}

/** Whether the edition has reached the stage (or passed it). */
export function reached(ctx, stage) {
  return STAGES.indexOf(ctx.edition.stage) >= STAGES.indexOf(stage);
}

/** Whether the edition is in one of the stages. */
export function inStage(ctx, ...stages) {
  return stages.includes(ctx.edition.stage);
}

/** An instant in the edition's own time zone, named. */
export function when(ctx, instant) {
  return fmtTime(instant, ctx.edition.timeZone);
}

export function title(ctx) {
  return el('h1', {}, ctx.edition.title, el('span', { class: 'sub' }, ' · ' + t('stage.' + ctx.edition.stage)));
}

export function workLink(id, text) {
  return el('a', { href: '#/work/' + enc(id) }, text || id);
}

export function categorySelect(ctx, id, value, withAll = true) {
  return el('select', { id, name: 'category' },
    withAll ? el('option', { value: '' }, t('category.all')) : null,
    ctx.edition.categories.map(c => el('option', { value: c.code, selected: c.code === value ? true : null },
      c.code + ' · ' + c.name)));
}

/**
 * Previous and next around "first–last of total"; go(offset) shows another page. prefix names the
 * elements (prefix-prev, prefix-info, prefix-next) where a page has more than one pager.
 */
export function pager({ offset, limit, total, go, prefix = 'page' }) {
  return el('nav', { class: 'pager', 'aria-label': t('page.nav'), id: prefix + '-pager' },
    el('button', { type: 'button', class: 'secondary', id: prefix + '-prev', disabled: offset === 0 ? true : null,
      onclick: () => go(Math.max(0, offset - limit)) }, t('prev')),
    el('span', { id: prefix + '-info', 'aria-live': 'polite' }, (total ? offset + 1 : 0) + '–'
      + Math.min(offset + limit, total) + ' ' + t('page.of') + ' ' + fmtNumber(total)),
    el('button', { type: 'button', class: 'secondary', id: prefix + '-next',
      disabled: offset + limit >= total ? true : null, onclick: () => go(offset + limit) }, t('next')));
}

/**
 * A page of rows the server sends whole (a ranking, the suspicious sets): the page the address names
 * (?offset=), kept in the address so that a redraw, a link or the back button keeps it.
 */
export function pageOf(ctx, path, rows, limit) {
  const asked = Number.parseInt(ctx.params.get('offset') || '0', 10);
  const offset = Number.isFinite(asked) && asked > 0 && asked < rows.length ? asked - asked % limit : 0;
  const go = o => {
    const params = new URLSearchParams(ctx.params);
    if (o > 0) params.set('offset', o); else params.delete('offset');
    const query = params.toString();
    location.hash = '#/' + path + (query ? '?' + query : '');
  };
  return { offset, rows: rows.slice(offset, offset + limit), go,
    pager: prefix => pager({ offset, limit, total: rows.length, go, prefix }) };
}
