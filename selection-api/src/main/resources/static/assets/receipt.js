// The public receipt page, /results/{e}/receipt: a voter chooses or pastes the receipt the voting
// platform gave them, and the page checks it in the browser (receipt-check.js) with the log's key:
// which work the vote was for, its logged decision, at which line, against which signed checkpoint;
// or exactly which step failed. The receipt is never sent anywhere. No sign-in.
import { applyLabels, languageButton, lang, t, named } from './i18n.js';
import { api, enc } from './api.js';
import { el, fmtNumber, fmtTime, problemBox, append } from './ui.js';
import { canCheck } from './merkle.js';
import { STEPS, checkReceipt, NoEd25519 } from './receipt-check.js';

const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
const editionId = parts[1] || '';
const base = '/api/public/editions/' + enc(editionId);
/** What the reader gave, kept so that a language switch says the outcome again in the other language. */
let receiptText = '';
/** The edition's published results and its log key, read once. */
let loaded = null;

/** A label with its {name}s filled in. */
const fill = (key, params = {}) => t(key).replace(/\{(\w+)\}/g, (m, k) => (params[k] ?? m));
const quoted = word => "'" + word.replaceAll("'", "'\\''") + "'";
const paren = text => (lang() === 'zh' ? '（' + text + '）' : ' (' + text + ')');

/** The work's title on the published shortlist (every work voted for is on it), and whether it has a page. */
function workOf(results, workId) {
  for (const rows of Object.values(results.shortlist.categories)) {
    const row = rows.find(r => r.workId === workId);
    if (row) return { title: row.title, page: results.winners !== null };
  }
  return null;
}

function decisionText(facts) {
  const said = named('receipt.decision.', facts.decision);
  return facts.decision === 'REFUSED' && facts.reason ? said + paren(named('live.reason.', facts.reason)) : said;
}

function steps(outcome) {
  return el('ol', { id: 'receipt-steps', class: 'receipt-steps' }, STEPS.map(step => {
    const state = outcome.passed.includes(step) ? 'ok' : outcome.step === step ? 'failed' : 'unchecked';
    return el('li', { dataset: { step, state } }, el('span', { class: 'mark', 'aria-hidden': 'true' },
      state === 'ok' ? '✓' : state === 'failed' ? '✗' : '–'), ' ', t('receipt.step.' + step),
    state === 'unchecked' ? el('span', { class: 'sub' }, paren(t('receipt.unchecked'))) : null);
  }));
}

/** What a receipt that holds says: the work, the decision, the line, and the checkpoint. */
function holds(outcome) {
  const { results } = loaded;
  const f = outcome.facts;
  const work = workOf(results, f.workId);
  const workName = work ? work.title + paren(f.workId) : f.workId;
  const category = results.edition.categories.find(c => c.code === f.category);
  const fact = (id, key, ...value) => [el('dt', {}, t(key)), el('dd', { id }, ...value)];
  const published = [['results.winners', results.winners], ['results.shortlist', results.shortlist]]
    .filter(([, view]) => view && view.logSize === f.logSize && view.logDigest === f.logDigest);
  return [
    el('div', { id: 'receipt-verdict', class: 'notice ok' },
      el('strong', {}, '✓ ' + t('receipt.ok')),
      el('p', { id: 'receipt-summary' }, fill('receipt.ok.text', { work: workName, decision: decisionText(f),
        seq: fmtNumber(f.seq), size: fmtNumber(f.size) }))),
    el('dl', { id: 'receipt-facts', class: 'details' },
      fact('receipt-work', 'work', work && work.page
        ? el('a', { href: '/results/' + enc(editionId) + '/works/' + enc(f.workId) }, workName) : workName),
      fact('receipt-category', 'category', category ? category.code + ' · ' + category.name : f.category),
      fact('receipt-decision', 'receipt.decision', decisionText(f)),
      fact('receipt-vote', 'receipt.voteId', el('code', {}, f.voteId)),
      fact('receipt-cast', 'receipt.castAt', fmtTime(f.castAt, results.edition.timeZone || undefined)),
      fact('receipt-seq', 'work.line', fmtNumber(f.seq), el('span', { class: 'sub' },
        paren(fill('receipt.line.place', { i: fmtNumber(f.voteIndex + 1), n: fmtNumber(f.groupSize) })))),
      fact('receipt-checkpoint-size', 'check.size', fmtNumber(f.size)),
      fact('receipt-checkpoint-root', 'check.root64', el('code', {}, f.root64)),
      fact('receipt-checkpoint-hex', 'check.root16', el('code', {}, f.rootHex)),
      fact('receipt-origin', 'check.origin', el('code', {}, f.origin))),
    published.map(([label]) => el('p', { class: 'receipt-published' },
      fill('receipt.published', { list: t(label) }))),
    el('p', { class: 'sub', id: 'receipt-counting' }, t('receipt.counting'))];
}

/** What a receipt that fails says: the step, and why in its own values. */
function fails(outcome) {
  return el('div', { id: 'receipt-verdict', class: 'problem', role: 'alert' },
    el('strong', {}, '✗ ' + t('receipt.failed')),
    el('p', { id: 'receipt-step' }, t('receipt.failed.step'), el('strong', {}, t('receipt.step.' + outcome.step))),
    el('p', { id: 'receipt-why', class: 'receipt-why' }, fill(outcome.key, outcome.params)));
}

/** Checks the receipt given and says the outcome in result; asked: by the reader now (not a redraw). */
async function check(result, asked = false) {
  delete result.dataset.state;
  delete result.dataset.step;
  if (!receiptText.trim()) {
    result.replaceChildren(el('p', { class: 'notice info' }, t('receipt.empty')));
    result.dataset.state = 'empty';
    return;
  }
  result.replaceChildren(el('p', {}, t('receipt.checking')));
  let outcome;
  try {
    outcome = await checkReceipt(receiptText, { editionId, logKey: loaded.key.logKey, origin: loaded.key.origin });
  } catch (e) {
    if (!(e instanceof NoEd25519)) throw e;
    result.replaceChildren(el('p', { class: 'notice info', id: 'receipt-verdict' }, t('receipt.noEd25519')));
    result.dataset.state = 'cannot';
    return;
  }
  result.replaceChildren(...[outcome.ok ? holds(outcome) : fails(outcome), el('h3', {}, t('receipt.steps')),
    steps(outcome)].flat(Infinity));
  result.dataset.state = outcome.ok ? 'ok' : 'failed';
  if (!outcome.ok) result.dataset.step = outcome.step;
  if (asked) result.scrollIntoView({ block: 'start' }); // the verdict, not the form, where the reader looks
}

function form(result) {
  const text = el('textarea', { id: 'receipt-text', rows: '6', spellcheck: 'false', autocomplete: 'off' });
  text.value = receiptText;
  const file = el('input', { type: 'file', id: 'receipt-file', accept: '.json,application/json', onchange: async () => {
    if (!file.files.length) return;
    delete result.dataset.state; // the last outcome stands no longer while the file is read
    text.value = await file.files[0].text();
    receiptText = text.value;
    await check(result, true);
  } });
  return el('form', { id: 'receipt-form', onsubmit: async e => {
    e.preventDefault();
    receiptText = text.value;
    await check(result, true);
  } },
  el('label', { class: 'receipt-label' }, t('receipt.file'), file),
  el('label', { class: 'receipt-label' }, t('receipt.paste'), text),
  el('p', {}, el('button', { type: 'submit', id: 'receipt-check' }, t('receipt.check'))),
  el('p', { class: 'sub' }, t('receipt.private')));
}

async function render() {
  const main = document.getElementById('main');
  delete main.dataset.ready;
  try {
    if (!loaded) {
      const [results, key] = await Promise.all([api(base + '/results'), api(base + '/log-key')]);
      loaded = { results, key };
    }
    const { results, key } = loaded;
    document.title = t('receipt.title') + ' · ' + results.edition.title;
    const result = el('section', { id: 'receipt-result', 'aria-live': 'polite' });
    main.replaceChildren();
    append(main,
      el('p', { class: 'no-print' }, el('a', { id: 'back-to-results', href: '/results/' + enc(editionId) },
        '← ' + t('site.back'))),
      el('h1', { id: 'receipt-title' }, t('receipt.title')),
      el('p', { class: 'sub', id: 'receipt-edition' }, results.edition.title),
      el('p', {}, t('receipt.intro')),
      canCheck() ? [form(result), result]
        : el('p', { id: 'receipt-cannot', class: 'notice info' }, t('receipt.cannot')),
      el('section', { id: 'receipt-cli', class: 'explain' }, el('h2', {}, t('receipt.cli')),
        el('p', {}, t('receipt.cli.text')),
        el('pre', { id: 'receipt-command' }, el('code', {},
          `java -jar selection-audit.jar receipt --key ${quoted(key.logKey)} receipt.json`)),
        el('p', { class: 'sub' }, t('receipt.cli.log'))));
    if (canCheck() && receiptText) await check(result);
  } catch (e) {
    main.replaceChildren(el('h1', {}, t('receipt.title')), problemBox(e));
  }
  main.dataset.ready = 'true';
}

document.getElementById('lang-slot').append(languageButton(render));
applyLabels();
render();
