// The organiser's views: the stage timeline with the next transition, the works, their import,
// and the suspicious vote sets.
import { t, named } from '../i18n.js';
import { api } from '../api.js';
import { el, table, fmtNumber, fmtZoned, score, problemBox, notice, confirmDialog, append } from '../ui.js';
import { STAGES, base, title, workLink, categorySelect, when, inStage, pager, pageOf } from './shared.js';

// live.js and work.js still take these from here; they live in shared.js
export { STAGES, title, workLink, categorySelect };

const STATUSES = ['SUBMITTED', 'SHORTLISTED', 'NOT_SHORTLISTED', 'NOT_SELECTED', 'WINNER', 'DISQUALIFIED'];

/** The stages in which the server takes invalidations (docs/api.md). */
const INVALIDATION_STAGES = ['VOTING', 'FINAL_REVIEW'];
const SETS_A_PAGE = 20;

/** What the last transition did, shown once on the redrawn page. */
let flash = null;

export async function stages(ctx, out) {
  const edition = ctx.edition;
  const current = STAGES.indexOf(edition.stage);
  const began = new Map(edition.stageHistory.map(s => [s.stage, s]));
  const timeline = el('ol', { class: 'timeline', id: 'timeline', 'aria-label': t('stage.timeline') },
    STAGES.map((s, i) => {
      const done = began.get(s);
      return el('li', { class: i < current ? 'done' : i === current ? 'current' : 'future', dataset: { stage: s },
        'aria-current': i === current ? 'step' : null },
      el('span', { class: 'stage-name' }, t('stage.' + s)),
      done ? el('span', { class: 'stage-when' }, when(ctx, done.at) + ' · ' + done.by) : null);
    }));
  const result = el('div', { id: 'stage-result', 'aria-live': 'polite' });
  if (flash) { result.append(notice(flash)); flash = null; }
  const next = STAGES[current + 1];
  const action = next
    ? el('button', { type: 'button', id: 'next-stage', dataset: { to: next }, onclick: async () => {
      if (!await confirmDialog(t('stage.confirm') + ' → ' + t('stage.' + next))) return;
      result.replaceChildren();
      try {
        const moved = await api(base(ctx) + '/transitions', { method: 'POST', body: { to: next } });
        flash = t('stage.moved') + ' ' + t('stage.' + moved.stage);
        await ctx.rerender();
      } catch (e) {
        result.replaceChildren(problemBox(e));
      }
    } }, t('stage.next') + t('stage.' + next))
    : el('p', { id: 'stage-done' }, t('stage.final'));
  append(out, title(ctx), el('section', {}, el('h2', {}, t('stage.timeline')), timeline, action, result),
    await counts(ctx));
}

async function counts(ctx) {
  const works = await api(base(ctx) + '/works?limit=1');
  const tallies = await api(base(ctx) + '/tallies');
  const refused = Object.values(tallies.refusedVotes || {}).reduce((a, b) => a + b, 0);
  const card = (key, value, id) => el('div', { class: 'card' }, el('dt', {}, t(key)),
    el('dd', { id }, fmtNumber(value)));
  return el('section', {}, el('h2', {}, t('counts')),
    el('dl', { class: 'cards', id: 'counts' },
      card('counts.works', works.total, 'count-works'),
      card('counts.reviewers', ctx.edition.reviewers, 'count-reviewers'),
      STATUSES.filter(s => works.counts[s]).map(s => card('status.' + s, works.counts[s], 'count-' + s)),
      card('counts.accepted', tallies.acceptedVotes, 'count-accepted'),
      card('counts.refused', refused, 'count-refused')));
}

export async function works(ctx, out) {
  const limit = 50;
  const q = el('input', { id: 'work-search', type: 'search', name: 'q', 'data-i18n-placeholder': 'search.works',
    placeholder: t('search.works') });
  const category = categorySelect(ctx, 'work-category', '');
  const status = el('select', { id: 'work-status', name: 'status' }, el('option', { value: '' }, t('status.ALL')),
    STATUSES.map(s => el('option', { value: s }, t('status.' + s))));
  const results = el('div', { id: 'work-results', 'aria-live': 'polite' });
  let offset = 0;
  let timer = null;
  let asked = 0;
  async function load() {
    const mine = ++asked;
    const params = new URLSearchParams({ offset, limit });
    if (q.value.trim()) params.set('q', q.value.trim());
    if (category.value) params.set('category', category.value);
    if (status.value) params.set('status', status.value);
    try {
      const page = await api(base(ctx) + '/works?' + params);
      if (mine !== asked) return; // a later search answered, or will
      results.replaceChildren(table([
        ['work.id', w => workLink(w.id)],
        ['work.title', w => w.title],
        ['category', w => w.category],
        ['work.organisation', w => w.organisation],
        ['status', w => el('span', { class: 'status ' + w.status }, t('status.' + w.status))],
        ['preliminaryScore', w => score(w.preliminaryScore)],
        ['validVotes', w => fmtNumber(w.validVotes)],
      ], page.works, { id: 'works-table', numeric: [5, 6] }),
      pager({ offset, limit, total: page.total, go: o => { offset = o; load(); } }));
    } catch (e) {
      results.replaceChildren(problemBox(e));
    }
  }
  const again = () => { offset = 0; clearTimeout(timer); timer = setTimeout(load, 250); };
  q.addEventListener('input', again);
  category.addEventListener('change', again);
  status.addEventListener('change', again);
  append(out, title(ctx), el('form', { class: 'filters', role: 'search', onsubmit: e => { e.preventDefault(); again(); } },
    el('label', {}, el('span', {}, t('search')), q), el('label', {}, el('span', {}, t('category')), category),
    el('label', {}, el('span', {}, t('status')), status)), results);
  await load();
  return () => clearTimeout(timer);
}

export async function importWorks(ctx, out) {
  if (!inStage(ctx, 'COLLECTING')) {
    // the server takes works only while collecting: no form that can only be refused
    append(out, title(ctx), el('h2', {}, t('import.title')), el('p', { id: 'import-closed', class: 'notice info' },
      t(inStage(ctx, 'DRAFT') ? 'import.notYet' : 'import.closed')));
    return;
  }
  const file = el('input', { type: 'file', id: 'import-file', accept: '.ndjson,.jsonl,.txt,application/x-ndjson' });
  const text = el('textarea', { id: 'import-text', rows: 8, spellcheck: 'false' });
  const result = el('div', { id: 'import-result', 'aria-live': 'polite' });
  const send = el('button', { type: 'submit', id: 'import-send' }, t('import.send'));
  const form = el('form', { id: 'import', onsubmit: async e => {
    e.preventDefault();
    const body = file.files.length ? await file.files[0].text() : text.value;
    send.disabled = true;
    result.replaceChildren(el('p', {}, t('loading')));
    try {
      const r = await api(base(ctx) + '/works:import', { method: 'POST', body, contentType: 'application/x-ndjson' });
      result.replaceChildren(notice(t('import.accepted') + ': ' + r.accepted, 'ok'),
        r.refused.length ? table([['line', x => x.line], ['code', x => el('code', {}, x.code)], ['detail', x => x.detail]],
          r.refused, { id: 'import-refused', caption: 'import.refusedLines' }) : null);
      result.querySelector('.notice').id = 'import-accepted';
      result.querySelector('.notice').dataset.accepted = r.accepted;
    } catch (err) {
      result.replaceChildren(problemBox(err));
    } finally {
      send.disabled = false;
    }
  } },
  el('label', { for: 'import-file' }, t('import.file')), file,
  el('label', { for: 'import-text' }, t('import.text')), text, send);
  append(out, title(ctx), el('h2', {}, t('import.title')), form, result);
}

export async function suspicious(ctx, out) {
  const sets = await api(base(ctx) + '/suspicious-vote-sets');
  const mayInvalidate = ctx.has('ORGANISER') && inStage(ctx, ...INVALIDATION_STAGES);
  const page = pageOf(ctx, 'suspicious', sets, SETS_A_PAGE);
  const action = s => {
    if (s.invalidated) return el('span', { class: 'status DISQUALIFIED' }, t('suspicious.invalidated'));
    if (!mayInvalidate) return '—';
    const reason = el('input', { name: 'reason', required: true, 'aria-label': t('reason') + ' ' + s.id,
      placeholder: t('reason'), class: 'reason' });
    const box = el('div', { class: 'inline-result' });
    const form = el('form', { class: 'inline', dataset: { set: s.id }, onsubmit: async e => {
      e.preventDefault();
      if (!await confirmDialog(t('suspicious.invalidate') + ': ' + s.id + ' (' + s.votes + ')')) return;
      try {
        await api(base(ctx) + '/vote-invalidations', { method: 'POST', body: { setId: s.id, reason: reason.value } });
        await ctx.rerender();
      } catch (err) {
        box.replaceChildren(problemBox(err));
      }
    } }, reason, el('button', { type: 'submit' }, t('suspicious.invalidate')), box);
    return form;
  };
  append(out, title(ctx), el('h2', {}, t('suspicious.title')),
    ctx.has('ORGANISER') && sets.length && !mayInvalidate
      ? el('p', { id: 'invalidation-closed', class: 'notice info' }, t('suspicious.closed')) : null,
    sets.length ? [table([
      ['suspicious.rule', s => el('span', { class: 'rule', dataset: { rule: s.rule } },
        named('suspicious.rule.', s.rule))],
      ['suspicious.key', s => named('suspicious.kind.', s.kind) + ' ' + s.key],
      ['suspicious.votes', s => fmtNumber(s.votes)],
      ['suspicious.period', s => fmtZoned(s.from, ctx.edition.timeZone) + ' – ' + when(ctx, s.to)],
      ['suspicious.sample', s => el('ul', { class: 'sample' }, (s.sample || []).map(v => el('li', {}, el('code', {}, v))))],
      ['detail', action],
    ], page.rows, { id: 'suspicious-table', numeric: [2], rowAttrs: s => ({ dataset: { set: s.id } }) }),
    page.pager('sets')]
      : el('p', { id: 'suspicious-none' }, t('suspicious.none')));
}
