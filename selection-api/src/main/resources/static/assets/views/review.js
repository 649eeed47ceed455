// The reviewer's views: their works with a scoring form, and the rankings with the cut line.
import { t } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, table, score, problemBox, notice, digests, append } from '../ui.js';
import { base, title, categorySelect, workLink, reached, pager, pageOf } from './shared.js';

const RANKS_A_PAGE = 50;

function round(stage) {
  return stage === 'PRELIMINARY_REVIEW' ? 'PRELIMINARY' : stage === 'FINAL_REVIEW' ? 'FINAL' : null;
}

export async function mine(ctx, out) {
  const me = ctx.session.username;
  const current = round(ctx.edition.stage);
  const limit = 50;
  let offset = 0;
  const results = el('div', { id: 'review-results' });
  const q = el('input', { id: 'review-search', type: 'search', placeholder: t('search.works') });
  let timer = null;

  function form(w) {
    const mine = (current === 'FINAL' ? w.finalScores : w.preliminaryScores).find(s => s.reviewerId === me);
    const scorable = current === 'PRELIMINARY' ? w.status !== 'DISQUALIFIED'
      : current === 'FINAL' ? w.status === 'SHORTLISTED' : false;
    if (!scorable) return el('span', {}, mine ? score(mine.score) : '—');
    const input = el('input', { type: 'number', min: 0, max: 100, step: 'any', name: 'score', required: true,
      value: mine ? mine.score : null, 'aria-label': t('score') + ' ' + w.id, class: 'score' });
    const hint = el('span', { class: 'hint', id: 'hint-' + w.id },
      mine ? t('review.replaces') + ' ' + mine.score : t('review.first'));
    input.setAttribute('aria-describedby', hint.id);
    const box = el('div', { class: 'inline-result', 'aria-live': 'polite' });
    return el('form', { class: 'inline score-form', dataset: { work: w.id }, onsubmit: async e => {
      e.preventDefault();
      const path = base(ctx) + '/works/' + enc(w.id) + (current === 'FINAL' ? '/final-scores' : '/preliminary-scores');
      try {
        const updated = await api(path, { method: 'POST', body: { score: Number(input.value) } });
        const list = current === 'FINAL' ? updated.finalScores : updated.preliminaryScores;
        const now = list.find(s => s.reviewerId === me);
        hint.textContent = t('review.replaces') + ' ' + now.score;
        box.replaceChildren(notice(t('review.saved') + ': ' + now.score));
      } catch (err) {
        box.replaceChildren(problemBox(err));
      }
    } }, input, el('button', { type: 'submit' }, t('review.send')), hint, box);
  }

  let asked = 0;
  async function load() {
    const mine = ++asked;
    const params = new URLSearchParams({ reviewer: me, offset, limit });
    if (q.value.trim()) params.set('q', q.value.trim());
    if (current === 'FINAL') params.set('status', 'SHORTLISTED');
    let page;
    try {
      page = await api(base(ctx) + '/works?' + params);
    } catch (e) {
      if (mine === asked) results.replaceChildren(problemBox(e));
      return;
    }
    if (mine !== asked) return; // a later search answered, or will
    results.replaceChildren(table([
      ['work.id', w => workLink(w.id)],
      ['work.title', w => w.title],
      ['category', w => w.category],
      [current === 'FINAL' ? 'juryScore' : 'preliminaryScore', w => score(current === 'FINAL' ? w.juryScore : w.preliminaryScore)],
      ['review.yours', form],
    ], page.works, { id: 'review-table', rowAttrs: w => ({ dataset: { work: w.id } }) }),
    pager({ offset, limit, total: page.total, go: o => { offset = o; load(); }, prefix: 'review-page' }));
  }
  q.addEventListener('input', () => { offset = 0; clearTimeout(timer); timer = setTimeout(load, 250); });
  append(out, title(ctx), el('h2', {}, t('review.title'),
    current ? el('span', { class: 'sub', id: 'review-round' }, ' · ' + t('review.round.' + current)) : null),
  current ? null : notice(t('review.closed'), 'info'),
  el('label', {}, el('span', {}, t('search')), q), results);
  await load();
  return () => clearTimeout(timer);
}

export async function rankings(ctx, out) {
  const categories = ctx.edition.categories;
  const chosen = ctx.params.get('category') || categories[0].code;
  const category = categories.find(c => c.code === chosen) || categories[0];
  const select = categorySelect(ctx, 'ranking-category', category.code, false);
  select.addEventListener('change', () => { location.hash = '#/rankings?category=' + enc(select.value); });
  const ranking = await api(base(ctx) + '/preliminary-ranking?category=' + enc(category.code));
  const quota = category.shortlistQuota;
  // 720 works are too many for one table: a page at a time, the cut line on its page, a link to it
  const page = pageOf(ctx, 'rankings', ranking.works, RANKS_A_PAGE);
  const cutAt = ranking.works.findIndex(w => !w.disqualified && w.rank === quota);
  const rows = [];
  page.rows.forEach(w => {
    rows.push(w);
    if (!w.disqualified && w.rank === quota) rows.push({ cut: true });
  });
  const body = el('tbody', {}, rows.map(w => w.cut
    ? el('tr', { class: 'cut', id: 'cut-line' }, el('td', { colspan: 5 }, t('rankings.cut') + ' · ' + quota))
    : el('tr', { class: w.disqualified ? 'disqualified' : w.rank <= quota ? 'in' : 'out', dataset: { work: w.workId } },
      el('td', { class: 'num' }, w.disqualified ? '—' : w.rank), el('td', {}, workLink(w.workId)),
      el('td', {}, w.title), el('td', { class: 'num' }, w.scores.length),
      el('td', { class: 'num' }, w.disqualified ? t('status.DISQUALIFIED') : score(w.preliminaryScore)))));
  const prelim = el('table', { class: 'data', id: 'preliminary-table' },
    el('caption', {}, t('rankings.preliminary') + ' · ' + category.code + ' · ' + category.name),
    el('thead', {}, el('tr', {}, ['rank', 'work.id', 'work.title', 'scores.count', 'preliminaryScore'].map((k, i) =>
      el('th', { scope: 'col', class: i === 0 || i > 2 ? 'num' : null }, t(k))))), body);
  const cutOffset = cutAt - cutAt % RANKS_A_PAGE;
  const toCut = cutAt >= 0 && cutOffset !== page.offset
    ? el('p', {}, el('a', { id: 'to-cut', href: '#/rankings?category=' + enc(category.code)
      + (cutOffset ? '&offset=' + cutOffset : '') }, t('rankings.toCut'))) : null;
  let shortlist = null;
  if (reached(ctx, 'SHORTLIST_PUBLISHED')) {
    const view = await api(base(ctx) + '/shortlist');
    shortlist = el('section', { id: 'shortlist' }, el('h2', {}, t('rankings.shortlist') + ' · ' + category.code),
      digests(view),
      table([['rank', s => s.rank], ['work.id', s => workLink(s.workId)], ['work.title', s => s.title],
        ['preliminaryScore', s => score(s.preliminaryScore)]], view.categories[category.code] || [],
      { id: 'shortlist-table', numeric: [0, 3] }));
  }
  append(out, title(ctx), el('label', {}, el('span', {}, t('category')), select), toCut, prelim,
    page.pager('ranks'), shortlist);
}
