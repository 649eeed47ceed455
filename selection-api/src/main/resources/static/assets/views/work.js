// A work's page: its details, where it stands and why (the server's explanation, from the log), its history as a
// timeline, and for organisers the disqualification.
import { t, lang, WHY_ZH } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, fmtNumber, fmtTime, score, problemBox, confirmDialog, append } from '../ui.js';
import { title } from './organiser.js';

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

const fill = (tpl, params) => tpl.replace(/\{(\w+)\}/g, (m, k) => (params[k] ?? '') + '');

/** One statement in Chinese from its code and values; null where there is no template (the English is shown). */
function zh(s, x) {
  const p = s.params || {};
  const code = s.code;
  const tie = code.replace(/_AT_CUT$/, '');
  if (code === 'SUMMARY') return zhSummary(x, s.seq);
  if (code === 'PRELIMINARY_SCORE' || code === 'JURY_SCORE') {
    return fill(WHY_ZH[code], { ...p,
      replacedText: (p.replaced || []).map(r => fill(WHY_ZH.replaced, r)).join(''),
      droppedText: p.dropped ? WHY_ZH['dropped.' + p.dropped] : '' });
  }
  if (code === 'PRELIMINARY_MEAN' || code === 'JURY_MEAN') {
    return fill(WHY_ZH[p.highest !== undefined ? 'mean.trimmed' : p.count ? 'mean.plain' : 'mean.none'], p);
  }
  if (code === 'PRELIMINARY_CUT' || code === 'FINAL_CUT') {
    const listName = WHY_ZH['list.' + p.list];
    if (!p.firstOut) return fill(WHY_ZH['cut.all'], { ...p, listName });
    return fill(WHY_ZH.cut, { ...p, listName }) + fill(WHY_ZH['cut.' + p.position], p);
  }
  if (tie === 'PRELIMINARY_TIE' || tie === 'FINAL_TIE') {
    const atCut = code.endsWith('_AT_CUT');
    return fill(WHY_ZH.tie, { ...p, ruleText: fill(WHY_ZH['tie.' + p.decidedBy], p), sideText: p.ahead ? '前' : '后',
      cutText: atCut ? (p.ahead ? '，占得最后一个名额' : '，成为首个未入围作品') : '' });
  }
  if (code.endsWith('_TIE_MORE')) return fill(WHY_ZH['tie.more'], p);
  if (code === 'SHORTLIST_PUBLISHED') return fill(WHY_ZH[p.rank ? 'shortlist.placed' : 'shortlist.notPlaced'], p);
  if (code === 'SHORTLIST_LEFT') return fill(WHY_ZH[p.added ? 'left.backfilled' : 'left.none'], p);
  if (code === 'DISQUALIFIED') {
    return fill(WHY_ZH.DISQUALIFIED, { ...p, placeText: p.shortlistPlaceBefore ? fill(WHY_ZH['disqualified.place'], p) : '' });
  }
  if (code === 'VOTE_SCORE') return fill(WHY_ZH[p.most ? 'VOTE_SCORE' : 'voteScore.none'], p);
  if (code === 'RESULTS_PUBLISHED') return fill(WHY_ZH[p.rank ? 'results.winner' : 'results.not'], p);
  return WHY_ZH[code] ? fill(WHY_ZH[code], p) : null;
}

/** The one-line answer in Chinese, from the explanation's fields. */
function zhSummary(x, seq) {
  const r = x.preliminaryRanking || {};
  const f = (x.finalRanking || {}).ranking || {};
  const category = x.category;
  switch (x.outcome) {
    case 'DISQUALIFIED': return fill(WHY_ZH['outcome.DISQUALIFIED'], { seq, reason: x.disqualification.reason });
    case 'ABOVE_THE_CUT': case 'BELOW_THE_CUT': case 'NOT_SHORTLISTED':
      return fill(WHY_ZH['outcome.' + x.outcome], { category, rank: r.rank, of: r.of, quota: r.quota,
        lastIn: (r.lastIn || {}).workId, lastInScore: (r.lastIn || {}).score, gap: r.gap });
    case 'SHORTLISTED': return fill(WHY_ZH['outcome.SHORTLISTED'], { category, shortlistRank: x.shortlist.rank })
      + (f.rank ? fill(WHY_ZH['outcome.SHORTLISTED.final'], { ...f, side: f.inside ? '内' : '外' }) : '');
    case 'WINNER': return fill(WHY_ZH['outcome.WINNER'], { category, winnerRank: x.finalRanking.winnerRank, quota: f.quota });
    case 'NOT_A_WINNER': return fill(WHY_ZH['outcome.NOT_A_WINNER'], { rank: f.rank, lastIn: (f.lastIn || {}).workId, gap: f.gap });
    default: return null;
  }
}

/**
 * Where the work stands and why: the server's explanation, folded from the log, each statement
 * with the line of the log it rests on (a link to that entry of the history where it is one).
 */
async function standing(ctx, w) {
  const x = await api('/api/editions/' + enc(ctx.editionId) + '/works/' + enc(w.id) + '/explanation');
  const say = s => (lang() === 'zh' && zh(s, x)) || s.text;
  const [summary, ...rest] = x.statements;
  return el('div', { id: 'standing' },
    el('p', { id: 'explanation-summary', class: 'summary', dataset: { outcome: x.outcome } }, say(summary)),
    el('ol', { class: 'explanation', id: 'explanation' }, rest.map(s =>
      el('li', { dataset: { code: s.code, seq: s.seq } },
        el('span', { class: 'seq', title: t('work.line') }, '#' + s.seq), ' ', say(s)))),
    el('p', { class: 'hint' }, t('work.explanation.hint') + ' ' + x.logSize));
}

export async function work(ctx, out) {
  const base = '/api/editions/' + enc(ctx.editionId);
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
      el('span', { class: 'seq' }, '#' + e.seq), ' ', el('strong', {}, e.type), ' ',
      el('time', { datetime: e.at }, fmtTime(e.at)), el('div', { class: 'what' }, describe(e)))));
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
