// The public results page: the published lists of one edition with the digests they rest on, and
// how anyone (an auditor, a voter with a receipt) checks them. No sign-in.
import { applyLabels, languageButton, t } from './i18n.js';
import { api, enc } from './api.js';
import { el, table, fmtNumber, score, digests, problemBox, append } from './ui.js';

const editionId = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');

function listSection(id, label, view, columns, csv, categories) {
  if (!view) return null;
  return el('section', { id, class: 'print-section' }, el('h2', {}, t(label)), digests(view),
    el('p', { class: 'no-print' }, el('a', { class: 'csv button', download: '', href: csv }, t('lists.csv'))),
    Object.entries(view.categories).map(([code, rows]) => {
      const c = categories.find(x => x.code === code);
      return el('details', { open: id === 'winners' ? true : null, class: 'category-list' },
        el('summary', {}, code + ' · ' + (c ? c.name : '') + ' (' + rows.length + ')'),
        table(columns, rows, { id: id + '-' + code }));
    }));
}

async function render() {
  const main = document.getElementById('main');
  try {
    const r = await api('/api/public/editions/' + enc(editionId) + '/results');
    const base = '/api/public/editions/' + enc(editionId);
    document.title = r.edition.title + ' · ' + t('results.title');
    const ranked = [['rank', x => x.rank], ['work.title', x => x.title], ['work.id', x => x.workId]];
    main.replaceChildren();
    append(main,
      el('h1', { id: 'edition-title' }, r.edition.title),
      r.edition.theme ? el('p', { class: 'sub' }, r.edition.theme) : null,
      listSection('winners', 'results.winners', r.winners, [...ranked, ['finalScore', x => score(x.finalScore)],
        ['juryScore', x => score(x.juryScore)], ['validVotes', x => fmtNumber(x.validVotes)],
        ['voteScore', x => score(x.voteScore)]], base + '/winners.csv', r.edition.categories)
        || el('p', { id: 'winners-pending', class: 'notice info' }, t('results.winners') + ': ' + t('lists.notYet')),
      listSection('shortlist', 'results.shortlist', r.shortlist, [...ranked,
        ['preliminaryScore', x => score(x.preliminaryScore)]], base + '/shortlist.csv', r.edition.categories),
      el('section', { id: 'how', class: 'explain' }, el('h2', {}, t('results.how')), el('p', {}, t('results.how.text')),
        el('pre', {}, el('code', {}, `curl -u auditor:PASSWORD -o ${editionId}.ndjson ${location.origin}/api/editions/${enc(editionId)}/events\n`
          + `java -jar selection-audit.jar verify ${editionId}.ndjson`)),
        el('h2', {}, t('results.receipt')), el('p', {}, t('results.receipt.text')),
        el('pre', {}, el('code', {}, `java -jar selection-audit.jar receipt receipt.json`))));
  } catch (e) {
    main.replaceChildren(el('h1', {}, t('results.title')), problemBox(e));
  }
  main.dataset.ready = 'true';
}

document.getElementById('lang-slot').append(languageButton(render));
applyLabels();
render();
