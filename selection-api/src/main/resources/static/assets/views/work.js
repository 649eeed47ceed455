// A work's page: its details, where it stands and why (the server's explanation, from the log), its history as a
// timeline with times in the edition's zone, and for organisers the disqualification.
import { t, named } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, fmtNumber, score, problemBox, confirmDialog, append } from '../ui.js';
import { base as editionBase, title, when } from './shared.js';

function describe(entry) {
  const d = entry.data || {};
  switch (entry.type) {
    case 'WorkSubmitted': return `${d.title} · ${d.organisation} · #${d.submissionNo}`;
    case 'WorkScored': return `${t(d.round === 'FINAL' ? 'review.round.FINAL' : 'review.round.PRELIMINARY')} · ${d.reviewerId} · ${d.score}`;
    case 'WorkDisqualified': return `${t('work.disqualify.reason')}: ${d.reason}`;
    case 'Shortlisted': return `${t('rankings.shortlist')} · ${d.category} · ${t('rank')} ${d.rank} · ${d.preliminaryScore}`;
    case 'ShortlistAmended': return `- ${d.removedWorkId}` + (d.addedWorkId ? ` + ${d.addedWorkId}` : '');
    case 'VotesDecided': return `${t('live.accepted')} ${fmtNumber(d.accepted)} · ${t('live.refused')} ${fmtNumber(d.refused)} (seq ≤ ${d.lastSeq})`;
    case 'VotesInvalidated': return `${t('suspicious.invalidated')} · ${d.setId || ''} · ${d.reason || ''}`;
    case 'TalliesCertified': return `${t('validVotes')} ${fmtNumber(d.validVotes)}`;
    case 'Won': return `${t('status.WINNER')} · ${t('rank')} ${d.rank} · ${t('finalScore')} ${d.finalScore}`;
    default: return JSON.stringify(d).slice(0, 200);
  }
}

/** A link only to an http(s) address without a user name in it; anything else stays text. */
function safeLink(url) {
  try {
    const u = new URL(url);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password) {
      return el('a', { href: u.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, url);
    }
  } catch (e) {
    // not an address: shown as text
  }
  return el('span', {}, url);
}

/**
 * Where the work stands and why: the server's explanation, folded from the log and said in the
 * reader's language (api.js asks for it), the summary first and then each statement in log order
 * with the line it rests on.
 */
async function standing(ctx, w) {
  const x = await api(editionBase(ctx) + '/works/' + enc(w.id) + '/explanation');
  const [summary, ...rest] = x.statements;
  return el('div', { id: 'standing', lang: x.language },
    el('p', { id: 'explanation-summary', class: 'summary', dataset: { outcome: x.outcome } }, summary.text),
    el('ol', { class: 'explanation', id: 'explanation' }, rest.map(s =>
      el('li', { dataset: { code: s.code, seq: s.seq } },
        el('span', { class: 'seq', title: t('work.line') }, '#' + s.seq), ' ', s.text))),
    el('p', { class: 'hint' }, t('work.explanation.hint') + ' ' + x.logSize));
}

export async function work(ctx, out) {
  const base = editionBase(ctx);
  const w = await api(base + '/works/' + enc(ctx.arg));
  const history = await api(base + '/works/' + enc(ctx.arg) + '/history');
  const item = (k, v) => [el('dt', {}, t(k)), el('dd', {}, v)];
  const details = el('dl', { class: 'details', id: 'work-details' },
    item('work.id', w.id), item('work.title', el('span', { id: 'work-title' }, w.title)),
    item('work.url', safeLink(w.url)),
    item('category', w.category), item('work.organisation', w.organisation),
    item('work.publishedOn', w.publishedOn), item('work.submissionNo', w.submissionNo),
    item('status', el('span', { id: 'work-status', class: 'status ' + w.status }, t('status.' + w.status))),
    item('preliminaryScore', score(w.preliminaryScore) + ' (' + w.preliminaryScores.map(s => s.reviewerId + ' ' + s.score).join(', ') + ')'),
    item('juryScore', score(w.juryScore)), item('validVotes', fmtNumber(w.validVotes)));
  const timeline = el('ol', { class: 'history', id: 'history' }, history.events.map(e =>
    el('li', { dataset: { type: e.type, seq: e.seq } },
      el('span', { class: 'seq' }, '#' + e.seq), ' ',
      el('strong', { class: 'event-name' }, named('event.', e.type)), ' ',
      el('time', { datetime: e.at }, when(ctx, e.at)), el('div', { class: 'what' }, describe(e)))));
  let disqualify = null;
  if (ctx.has('ORGANISER') && w.status !== 'DISQUALIFIED' && ctx.edition.stage !== 'RESULTS_PUBLISHED') {
    const reason = el('input', { id: 'disqualify-reason', required: true });
    const box = el('div', { id: 'disqualify-result', 'aria-live': 'polite' });
    disqualify = el('form', { id: 'disqualify', class: 'inline', onsubmit: async e => {
      e.preventDefault();
      if (!await confirmDialog(t('work.disqualify') + ': ' + w.id)) return;
      try {
        await api(base + '/works/' + enc(w.id) + '/disqualification', { method: 'POST', body: { reason: reason.value } });
        await ctx.rerender();
      } catch (err) {
        box.replaceChildren(problemBox(err));
      }
    } }, el('label', { for: 'disqualify-reason' }, t('work.disqualify.reason')), reason,
    el('button', { type: 'submit', class: 'danger' }, t('work.disqualify')), box);
  }
  append(out, title(ctx), el('h2', {}, w.title), details,
    el('section', {}, el('h2', {}, t('work.standing')), await standing(ctx, w)),
    el('section', {}, el('h2', {}, t('work.history')), timeline), disqualify);
}
