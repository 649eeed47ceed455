// The public results page: the published lists of one edition with the digests they rest on, and
// how anyone (with no account, an auditor, a voter with a receipt) checks them. No sign-in.
import { applyLabels, languageButton, t } from './i18n.js';
import { api, enc, ApiError } from './api.js';
import { el, table, fmtNumber, score, digests, problemBox, append } from './ui.js';
import { canCheck, verifyConsistency, fromBase64, fromHex, toHex } from './merkle.js';

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
  const commands = [
    t('check.cmd.keep'),
    `curl -s -o ${sh(file)} ${location.origin}${base}/checkpoint`,
    t('check.cmd.later'),
    `java -jar selection-audit.jar consistency --url ${location.origin} --edition ${sh(editionId)} \\\n`
      + `    --key ${quoted(log.key.logKey)} --old ${sh(file)}`,
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

async function render() {
  const main = document.getElementById('main');
  try {
    const r = await api('/api/public/editions/' + enc(editionId) + '/results');
    const base = '/api/public/editions/' + enc(editionId);
    const { log, section } = await checkSection(base, [['results.winners', r.winners],
      ['results.shortlist', r.shortlist]]);
    document.title = r.edition.title + ' · ' + t('results.title');
    const ranked = [['rank', x => x.rank], ['work.title', x => x.title], ['work.id', x => x.workId]];
    const file = sh(editionId + '.ndjson');
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
      section,
      el('section', { id: 'how', class: 'explain' }, el('h2', {}, t('results.how')), el('p', {}, t('results.how.text')),
        el('pre', {}, el('code', {}, `curl -u auditor:PASSWORD -o ${file} ${location.origin}/api/editions/${enc(editionId)}/events\n`
          + 'java -jar selection-audit.jar verify ' + (log ? `--key ${quoted(log.key.logKey)} \\\n    --since `
            + `${sh(editionId + '.checkpoint')} ` : '') + file)),
        log ? el('p', {}, t('check.auditor')) : null,
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
