// The public results site: one edition's published lists as a summary, one tab per category in the
// edition's order (winners, then the shortlist collapsed, both searchable), each title linking to the
// work's own public page; the digests the lists rest on, and how anyone (with no account, an auditor,
// a voter with a receipt) checks them. No sign-in.
import { applyLabels, languageButton, lang, t } from './i18n.js';
import { api, enc, ApiError } from './api.js';
import { el, fmtNumber, digests, problemBox, append } from './ui.js';
import { canCheck, verifyConsistency, fromBase64, fromHex, toHex } from './merkle.js';

const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
const editionId = parts[1] || '';
const workId = parts[2] === 'works' ? parts[3] || '' : null;
/** The winners a category shows before "show all"; a search looks through every one. */
const FIRST_WINNERS = 20;

const locale = () => (lang() === 'zh' ? 'zh-CN' : 'en-GB');
/** A score with two decimals, always (73.70 under 92.42). */
const fmt2 = n => (n === null || n === undefined ? '—'
  : Number(n).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const workHref = id => '/results/' + enc(editionId) + '/works/' + enc(id);
const categoryLabel = c => c.code + ' · ' + c.name;

/**
 * A ranked list as a table that becomes one card a row on a phone: columns are [labelKey, row => cell,
 * numeric?]; each cell carries its column's name for the card. The rows after `first` start hidden.
 */
function rankedTable(id, columns, rows, first = Infinity) {
  return el('table', { id, class: 'data ranked' },
    el('thead', {}, el('tr', {}, columns.map(([key, , numeric]) =>
      el('th', { scope: 'col', class: numeric ? 'num' : null }, t(key))))),
    el('tbody', {}, rows.map((r, i) => el('tr', { dataset: { work: r.workId, search: (r.title + ' ' + r.workId)
      .toLowerCase() }, class: i >= first ? 'beyond' : null, hidden: i >= first },
    columns.map(([key, cell, numeric]) => el('td', { class: numeric ? 'num' : null, dataset: { label: t(key) } },
      cell(r)))))));
}

const titleCell = r => el('a', { href: workHref(r.workId), class: 'work-link' }, r.title);
const RANK = ['rank', r => r.rank, true];
const TITLE = ['work.title', titleCell];
const WINNER_COLUMNS = [RANK, TITLE, ['finalScore', r => fmt2(r.finalScore), true],
  ['juryScore', r => fmt2(r.juryScore), true], ['validVotes', r => fmtNumber(r.validVotes), true],
  ['voteScore', r => fmt2(r.voteScore), true]];
const SHORTLIST_COLUMNS = [RANK, TITLE, ['preliminaryScore', r => fmt2(r.preliminaryScore), true]];

/** One category's panel: a search, its winners (the first few, then all on asking), its shortlist folded. */
function categoryPanel(c, r) {
  const winners = r.winners ? r.winners.categories[c.code] || [] : null;
  const shortlist = (r.shortlist.categories[c.code] || []);
  const status = el('p', { class: 'site-search-status sub', role: 'status', id: 'search-status-' + c.code });
  const more = winners && winners.length > FIRST_WINNERS ? el('button', { type: 'button', class: 'secondary show-all',
    id: 'show-all-' + c.code, onclick: () => {
      panel.querySelectorAll('#winners-' + CSS.escape(c.code) + ' tr.beyond').forEach(tr => { tr.hidden = false; });
      more.remove();
    } }, t('site.showAll').replace('{n}', fmtNumber(winners.length))) : null;
  const folded = el('details', { class: 'category-list', id: 'shortlist-list-' + c.code },
    el('summary', {}, t('results.shortlist') + ' (' + fmtNumber(shortlist.length) + ')'),
    rankedTable('shortlist-' + c.code, SHORTLIST_COLUMNS, shortlist));
  const search = el('input', { type: 'search', id: 'search-' + c.code, class: 'site-search', autocomplete: 'off',
    placeholder: t('site.search.placeholder'), oninput: () => {
      const q = search.value.trim().toLowerCase();
      let shown = 0;
      panel.querySelectorAll('tbody tr').forEach(tr => {
        const hit = q === '' ? !tr.classList.contains('beyond') || !more || !more.isConnected
          : tr.dataset.search.includes(q);
        tr.hidden = !hit;
        if (hit && q) shown++;
      });
      if (q) folded.open = true;
      if (more) more.hidden = q !== '';
      status.textContent = q ? t('site.search.found').replace('{n}', fmtNumber(shown)) : '';
    } });
  const panel = el('section', { class: 'category-panel', id: 'category-' + c.code, role: 'tabpanel',
      'aria-labelledby': 'tab-' + c.code, dataset: { category: c.code } },
    el('h2', {}, categoryLabel(c)),
    el('label', { class: 'site-search-label' }, t('site.search'), search), status,
    winners ? [el('h3', {}, t('results.winners') + ' (' + fmtNumber(winners.length) + ')'),
      winners.length ? rankedTable('winners-' + c.code, WINNER_COLUMNS, winners, FIRST_WINNERS)
        : el('p', { class: 'sub' }, t('site.none')), more]
      : el('p', { class: 'notice info' }, t('results.winners') + ': ' + t('lists.notYet')),
    folded);
  return panel;
}

/** The tabs, in the edition's order of categories; the chosen one is in the address (#c=code). */
function categoryTabs(categories, r) {
  const wanted = new URLSearchParams(location.hash.substring(1)).get('c');
  const panels = categories.map(c => categoryPanel(c, r));
  const tabs = categories.map((c, i) => el('button', { type: 'button', role: 'tab', id: 'tab-' + c.code,
    class: 'category-tab', 'aria-controls': 'category-' + c.code, dataset: { category: c.code },
    onclick: () => choose(i, true), onkeydown: e => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) { choose((i + step + tabs.length) % tabs.length, true); tabs[(i + step + tabs.length) % tabs.length].focus(); }
    } }, categoryLabel(c)));
  function choose(index, remember) {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (remember) history.replaceState(null, '', '#c=' + enc(categories[index].code));
  }
  const start = Math.max(0, categories.findIndex(c => c.code === wanted));
  if (categories.length) choose(start, false);
  return el('section', { id: 'categories' },
    el('div', { role: 'tablist', class: 'category-tabs no-print', 'aria-label': t('site.categories') }, tabs),
    panels);
}

/** The edition's public API address, /api/public/editions/{id}: one place, as views/shared.js is the console's. */
function publicApi() {
  return '/api/public/editions/' + enc(editionId);
}

/** The summary: the edition, its categories, winners, shortlisted works and votes counted, and the lists' digests. */
function summary(r) {
  const count = view => view ? Object.values(view.categories).reduce((n, rows) => n + rows.length, 0) : null;
  const card = (id, key, value) => el('div', { class: 'card', id }, el('dt', {}, t(key)), el('dd', {}, value));
  const list = (id, key, view, csv) => el('section', { id, class: 'summary-list' }, el('h3', {}, t(key)),
    view ? [digests(view), el('p', { class: 'no-print' },
      el('a', { class: 'csv button', download: '', href: csv }, t('lists.csv')))]
      : el('p', { id: id + '-pending', class: 'notice info' }, t('lists.notYet')));
  const base = publicApi();
  return el('section', { id: 'summary', 'aria-labelledby': 'summary-title' },
    el('h2', { id: 'summary-title', class: 'visually-hidden' }, t('site.summary')),
    el('dl', { class: 'cards summary-cards' },
      card('summary-stage', 'stage', t('stage.' + r.edition.stage)),
      card('summary-categories', 'site.categories', fmtNumber(r.edition.categories.length)),
      card('summary-winners', 'results.winners', r.winners ? fmtNumber(count(r.winners)) : '—'),
      card('summary-shortlist', 'results.shortlist', fmtNumber(count(r.shortlist))),
      card('summary-votes', 'site.votes', r.validVotes === null ? '—' : fmtNumber(r.validVotes))),
    el('div', { class: 'summary-lists' },
      list('winners', 'results.winners', r.winners, base + '/winners.csv'),
      list('shortlist', 'results.shortlist', r.shortlist, base + '/shortlist.csv')));
}

/** A word for the shell in single quotes; sh(word) leaves it bare when it needs none. */
const quoted = word => "'" + word.replaceAll("'", "'\\''") + "'";
const sh = word => /^[\w@%+=:,./-]+$/.test(word) ? word : quoted(word);

/**
 * The latest signed checkpoint (text/plain, a C2SP signed note, read as it is) and the log's key.
 * The note: origin, size and base64 root, a blank line, then one "— name signature" line per signer.
 */
async function signedLog(base) {
  const res = await fetch(base + '/checkpoint', { headers: { Accept: 'text/plain' } });
  if (!res.ok) {
    const json = (res.headers.get('Content-Type') || '').includes('json');
    throw new ApiError(res.status, json ? await res.json() : { detail: await res.text() });
  }
  const note = await res.text();
  const [, size, root] = note.split('\n');
  const signers = note.substring(note.lastIndexOf('\n\n') + 2).split('\n')
    .filter(line => line.startsWith('\u2014 ')).map(line => line.split(' ')[1]);
  const key = await api(base + '/log-key');
  return { note, size: Number(size), root, signers, key };
}

/**
 * Whether the checkpoint covers a list: its logDigest is the root of the first logSize lines (hex), the
 * checkpoint's root that of its size (base64); the publishing line comes after logSize, so the
 * checkpoint is later and an RFC 9162 consistency proof links the two. holds: true, false or null
 * (not checked here).
 */
async function covers(base, log, view) {
  const proofUrl = base + '/proof/consistency?from=' + view.logSize + '&to=' + log.size;
  if (view.logSize > log.size) return { holds: null, why: t('check.older') };
  if (!canCheck()) return { holds: null, why: t('check.cannot'), proofUrl };
  const proof = view.logSize === log.size ? { proof: [] } : await api(proofUrl);
  const holds = await verifyConsistency(view.logSize, log.size, fromHex(view.logDigest), fromBase64(log.root),
    proof.proof.map(fromBase64));
  return { holds, why: holds ? t('check.extends') : t('check.fails'), proofUrl };
}

/** The "check these results yourself" section, and the signed log it shows (null when it could not be read). */
async function checkSection(base, lists) {
  let log;
  try {
    log = await signedLog(base);
  } catch (e) {
    return { log: null, section: el('section', { id: 'check', class: 'explain' }, el('h2', {}, t('check.title')),
      problemBox(e)) };
  }
  const rows = [];
  for (const [label, view] of lists) {
    if (view && view.logDigest) rows.push({ label, view, ...await covers(base, log, view) });
  }
  const file = editionId + '.checkpoint';
  const pre = el('pre', { id: 'checkpoint', class: 'note', tabindex: '0', 'aria-label': t('check.checkpoint') }, log.note);
  const copied = el('span', { id: 'checkpoint-copied', role: 'status' });
  const copy = el('button', { type: 'button', id: 'checkpoint-copy', class: 'secondary', onclick: async () => {
    try {
      await navigator.clipboard.writeText(log.note);
      copied.textContent = t('check.copied');
    } catch (e) { // no clipboard for this page (not HTTPS, or refused): select it for the reader's own copy
      window.getSelection().selectAllChildren(pre);
      copied.textContent = t('check.selected');
    }
  } }, t('check.copy'));
  const witnesses = log.signers.filter(name => name !== log.key.logKey.split('+')[0]);
  const logFile = sh(editionId + '.ndjson');
  const commands = [
    t('check.cmd.keep'),
    `curl -s -o ${sh(file)} ${location.origin}${base}/checkpoint`,
    t('check.cmd.later'),
    `java -jar selection-audit.jar consistency --url ${location.origin} --edition ${sh(editionId)} \\\n`
      + `    --key ${quoted(log.key.logKey)} --old ${sh(file)}`,
    t('check.cmd.whole'),
    `curl -s -o ${logFile} ${location.origin}${base}/events`,
    `java -jar selection-audit.jar verify --key ${quoted(log.key.logKey)} --since ${sh(file)} ${logFile}`,
  ].join('\n');
  return { log, section: el('section', { id: 'check', class: 'explain' },
    el('h2', {}, t('check.title')), el('p', {}, t('check.intro')),
    el('h3', {}, t('check.checkpoint')),
    el('p', { class: 'inline' }, t('check.size') + ': ', el('strong', { id: 'checkpoint-size' }, fmtNumber(log.size)),
      ' ', el('a', { class: 'button', id: 'checkpoint-download', download: file, href: base + '/checkpoint' },
        t('check.download')), copy, copied),
    pre,
    el('dl', { class: 'digests' },
      el('dt', {}, t('check.root64')), el('dd', {}, el('code', { id: 'checkpoint-root' }, log.root)),
      el('dt', {}, t('check.root16')), el('dd', {}, el('code', { id: 'checkpoint-root-hex' }, toHex(fromBase64(log.root)))),
      el('dt', {}, t('check.key')), el('dd', {}, el('code', { id: 'log-key' }, log.key.logKey)),
      el('dt', {}, t('check.origin')), el('dd', {}, el('code', { id: 'log-origin' }, log.key.origin)),
      el('dt', {}, t('check.witnesses')), el('dd', { id: 'witnesses', dataset: { count: witnesses.length } },
        witnesses.length ? witnesses.join(', ') : t('check.witnesses.none'))),
    el('p', { class: 'sub' }, t('check.witnesses.note')),
    rows.length ? [el('h3', {}, t('check.lists')), el('p', {}, t('check.lists.text')),
      el('ul', { id: 'check-lists' }, rows.map(r => el('li', { dataset: { list: r.label, holds: String(r.holds) } },
        el('strong', {}, t(r.label)), ' · logSize ', el('code', {}, r.view.logSize), ' · logDigest ',
        el('code', {}, r.view.logDigest), ': ', r.holds === true ? '✓ ' : r.holds === false ? '✗ ' : '', r.why,
        r.proofUrl ? [' (', el('a', { href: r.proofUrl }, t('check.proof')), ')'] : null))),
      el('p', { class: 'sub' }, t('check.inBrowser'))] : null,
    el('h3', {}, t('check.commands')),
    el('pre', { id: 'check-commands' }, el('code', {}, commands)),
    el('p', {}, t('check.commands.text'))) };
}

async function renderEdition(main) {
  const base = publicApi();
  const r = await api(base + '/results');
  const { log, section } = await checkSection(base, [['results.winners', r.winners],
    ['results.shortlist', r.shortlist]]);
  document.title = r.edition.title + ' · ' + t('results.title');
  const file = sh(editionId + '.ndjson');
  main.replaceChildren();
  append(main,
    el('h1', { id: 'edition-title' }, r.edition.title),
    r.edition.theme ? el('p', { class: 'sub' }, r.edition.theme) : null,
    summary(r),
    categoryTabs(r.edition.categories, r),
    section,
    el('section', { id: 'how', class: 'explain' }, el('h2', {}, t('results.how')), el('p', {}, t('results.how.text')),
      el('pre', {}, el('code', {}, `curl -s -o ${file} ${location.origin}${base}/events\n`
        + 'java -jar selection-audit.jar verify ' + (log ? `--key ${quoted(log.key.logKey)} \\\n    --since `
          + `${sh(editionId + '.checkpoint')} ` : '') + file)),
      log ? el('p', {}, t('check.auditor')) : null,
      el('h2', {}, t('results.receipt')), el('p', {}, t('results.receipt.text')),
      el('p', {}, el('a', { id: 'receipt-link', class: 'button', href: '/results/' + enc(editionId) + '/receipt' },
        t('receipt.link'))),
      el('pre', {}, el('code', {}, `java -jar selection-audit.jar receipt receipt.json`))));
}

/** A work's public page: where it ended, the final score's parts, its votes, and why, in the server's words. */
async function renderWork(main) {
  const w = await api(publicApi() + '/works/' + enc(workId));
  document.title = w.title + ' · ' + t('results.title');
  const fact = (id, key, value) => [el('dt', {}, t(key)), el('dd', { id, class: 'num-value' }, value)];
  const back = '/results/' + enc(editionId) + '#c=' + enc(w.category);
  main.replaceChildren();
  append(main,
    el('p', { class: 'no-print' }, el('a', { id: 'back-to-results', href: back }, '← ' + t('site.back'))),
    el('h1', { id: 'work-title' }, w.title),
    el('p', { class: 'sub', id: 'work-where' }, w.category + ' · ' + w.categoryName,
      w.organisation ? ' · ' + w.organisation : ''),
    el('p', { id: 'work-outcome', class: 'notice ' + (w.winnerRank ? 'ok' : 'info') }, w.winnerRank
      ? t('site.winner').replace('{n}', w.winnerRank)
      : t('site.notWinner').replace('{n}', w.finalRank)),
    el('section', { id: 'work-facts', class: 'explain' }, el('h2', {}, t('site.facts')),
      el('dl', { class: 'details work-facts' },
        fact('work-final-rank', 'site.finalRank', fmtNumber(w.finalRank)),
        fact('work-shortlist-rank', 'site.shortlistRank', w.shortlistRank ? fmtNumber(w.shortlistRank) : '—'),
        fact('work-final-score', 'finalScore', fmt2(w.finalScore)),
        fact('work-jury-score', 'juryScore', fmt2(w.juryScore)),
        fact('work-jury-part', 'site.juryPart', fmt2(w.juryPart)),
        fact('work-vote-score', 'voteScore', fmt2(w.voteScore)),
        fact('work-vote-part', 'site.votePart', fmt2(w.votePart)),
        fact('work-valid-votes', 'validVotes', fmtNumber(w.validVotes)))),
    el('section', { id: 'work-explanation', class: 'explain', lang: w.language },
      el('h2', { lang: lang() === 'zh' ? 'zh-CN' : 'en' }, t('site.why')),
      el('p', { class: 'summary', id: 'work-summary' }, w.summary),
      el('ol', { class: 'explanation' }, w.statements.slice(1).map(s => el('li', { dataset: { code: s.code } },
        el('span', { class: 'seq' }, '#' + s.seq), ' ', s.text))),
      el('p', { class: 'sub', lang: lang() === 'zh' ? 'zh-CN' : 'en' },
        t('site.why.note').replace('{n}', fmtNumber(w.logSize)))));
}

async function render() {
  const main = document.getElementById('main');
  // not ready again until this render has drawn (a language switch draws the page anew)
  delete main.dataset.ready;
  try {
    await (workId === null ? renderEdition(main) : renderWork(main));
  } catch (e) {
    main.replaceChildren(el('h1', {}, t('results.title')), problemBox(e));
  }
  main.dataset.ready = 'true';
}

document.getElementById('lang-slot').append(languageButton(render));
applyLabels();
render();
