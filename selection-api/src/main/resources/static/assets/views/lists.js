// Lists out (every list as CSV and as a printable page) and the auditor's page.
import { t, named } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, table, fmtNumber, score, digests, append, problemBox } from '../ui.js';
import { base, title, workLink, reached } from './shared.js';

const LISTS = [
  { name: 'preliminary-ranking', label: 'list.preliminary', from: 'PRELIMINARY_REVIEW', perCategory: true },
  { name: 'shortlist', label: 'list.shortlist', from: 'SHORTLIST_PUBLISHED' },
  { name: 'tallies', label: 'list.tallies', from: 'VOTING' },
  { name: 'final-ranking', label: 'list.final', from: 'SHORTLIST_PUBLISHED', roles: ['ORGANISER', 'AUDITOR'] },
  { name: 'winners', label: 'list.winners', from: 'RESULTS_PUBLISHED' },
];

export async function lists(ctx, out) {
  const edition = base(ctx);
  const mine = LISTS.filter(l => !l.roles || l.roles.some(ctx.has));
  if (ctx.arg) {
    const list = mine.find(l => l.name === ctx.arg);
    if (!list) {
      append(out, el('p', { id: 'forbidden', class: 'problem', role: 'alert' }, t('role.forbidden')));
      return;
    }
    return printable(ctx, out, list);
  }
  const rows = [];
  for (const l of mine) {
    for (const c of l.perCategory ? ctx.edition.categories : [null]) {
      rows.push({ list: l, category: c });
    }
  }
  append(out, title(ctx), el('h2', {}, t('lists.title')), table([
    ['lists.title', r => t(r.list.label) + (r.category ? ' · ' + r.category.code : '')],
    ['status', r => reached(ctx, r.list.from) ? '✓' : t('lists.notYet')],
    ['lists.show', r => reached(ctx, r.list.from) ? el('a', { href: '#/lists/' + r.list.name
      + (r.category ? '?category=' + enc(r.category.code) : '') }, t('lists.show')) : '—'],
    ['lists.csv', r => reached(ctx, r.list.from) ? el('a', { class: 'csv', download: '',
      href: edition + '/' + r.list.name + '.csv' + (r.category ? '?category=' + enc(r.category.code) : '') }, 'CSV') : '—'],
  ], rows, { id: 'lists-table' }));
}

async function printable(ctx, out, list) {
  const path = base(ctx) + '/' + list.name;
  const category = ctx.params.get('category');
  const query = category ? '?category=' + enc(category) : '';
  const view = await api(path + query);
  const ranked = [['rank', r => r.rank], ['work.id', r => workLink(r.workId)], ['work.title', r => r.title]];
  let sections;
  if (list.name === 'preliminary-ranking') {
    sections = [[view.category, view.works]];
  } else {
    sections = Object.entries(view.categories);
  }
  const columns = {
    'preliminary-ranking': [...ranked, ['scores.count', r => r.scores.length], ['preliminaryScore', r => score(r.preliminaryScore)]],
    'shortlist': [...ranked, ['preliminaryScore', r => score(r.preliminaryScore)]],
    'tallies': [['work.id', r => workLink(r.workId)], ['validVotes', r => fmtNumber(r.validVotes)],
      ['invalidatedVotes', r => fmtNumber(r.invalidatedVotes)]],
    'final-ranking': [...ranked, ['juryScore', r => score(r.juryScore)], ['validVotes', r => fmtNumber(r.validVotes)],
      ['voteScore', r => score(r.voteScore)], ['finalScore', r => score(r.finalScore)]],
  };
  columns.winners = columns['final-ranking'];
  append(out, title(ctx), el('h2', { id: 'list-title' }, t(list.label) + (category ? ' · ' + category : '')),
    el('p', { class: 'no-print' },
      el('a', { class: 'csv button', download: '', href: path + '.csv' + query }, t('lists.csv')), ' ',
      el('button', { type: 'button', id: 'print', onclick: () => window.print() }, t('lists.print'))),
    digests(view.listDigest || view.logDigest ? view : null),
    ...sections.map(([code, rows]) => el('section', { class: 'print-section' },
      el('h3', {}, code), table(columns[list.name], rows, { id: 'list-' + code }))));
}

export async function audit(ctx, out) {
  const edition = base(ctx);
  const host = location.origin;
  const file = ctx.editionId + '.ndjson';
  const report = el('div', { id: 'audit-report', 'aria-live': 'polite' }, t('loading'));
  const command = [
    `curl -u auditor:PASSWORD -o ${file} ${host}${edition}/events`,
    './mvnw -q -pl selection-audit -am package -DskipTests',
    `java -jar selection-audit/target/selection-audit.jar verify ${file}`,
  ].join('\n');
  async function run() {
    report.replaceChildren(t('loading'));
    let r;
    try {
      r = await api(edition + '/audit');
    } catch (e) {
      report.replaceChildren(problemBox(e));
      return;
    }
    const head = r.head || {};
    report.replaceChildren(
      el('p', { id: 'audit-ok', class: r.ok ? 'notice ok' : 'problem', dataset: { ok: r.ok } },
        t('audit.check') + ': ' + (r.ok ? t('audit.ok') : t('audit.failed'))),
      el('dl', { class: 'digests' },
        el('dt', {}, t('audit.digest')), el('dd', {}, el('code', { id: 'chain-digest' }, head.digest || '—')),
        el('dt', {}, t('digest.size')), el('dd', {}, el('code', {}, r.lines ?? '—'))),
      table([['code', c => c.id], ['detail', c => named('audit.check.', c.name)],
        ['audit.check', c => c.ok ? '✓' : '✗ ' + (c.firstBadSeq ?? '')],
        ['audit.items', c => fmtNumber(c.items)]], r.checks || [], { id: 'audit-checks', numeric: [3] }),
      (r.published || []).length ? table([['line', p => p.seq], ['detail', p => named('event.', p.type)],
        ['digest.log', p => el('code', {}, p.logDigest)],
        ['digest.list', p => el('code', {}, p.listDigest || '—')]], r.published, { id: 'audit-published' }) : null);
  }
  append(out, title(ctx), el('h2', {}, t('audit.title')),
    el('p', {}, el('button', { type: 'button', id: 'audit-run', onclick: run }, t('audit.run')), ' ',
      el('a', { id: 'export-link', class: 'button', href: edition + '/events', download: file }, t('audit.download'))),
    report, el('h2', {}, t('audit.verify')), el('pre', { id: 'verify-command' }, el('code', {}, command)));
  await run();
}
