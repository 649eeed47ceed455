// Live voting: the votes per minute over the whole voting so far, counted by the log's own times
// (each vote's receivedAt) so a reader arriving late sees the whole curve; the leading works of
// each category with their valid votes, on the bars and in one column; refusals by reason; the read
// models' lag; and a search for any work's tally. Times are in the edition's time zone. Refreshed
// every few seconds; with 1,100 shortlisted works only the top of each category is drawn.
import { t } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, table, fmtNumber, fmtTime, fmtZoned, zoneName, problemBox, append } from '../ui.js';
import { base as editionBase, title, STAGES } from './shared.js';

const TOP = 10;
const REFRESH_MS = 3000;
/** The refusal reasons in the rules' order (docs/rules.md): the table keeps it. */
const REASONS = ['CLOCK_SKEW', 'OUTSIDE_VOTING_WINDOW', 'DISQUALIFIED', 'NOT_SHORTLISTED', 'DAILY_WORK_LIMIT',
  'DAILY_CATEGORY_LIMIT'];
const COLORS = { accepted: '#1b7f3b', refused: '#b3261e', bar: '#b3261e', ink: '#1d1d1f' };
const HOURS = { hour: '2-digit', minute: '2-digit' };
const DAY = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** A refusal reason in the reader's language; a reason this page does not know yet keeps its code. */
function reasonName(code) {
  const key = 'live.reason.' + code;
  return t(key) === key ? t('live.reason.other') + ' (' + code + ')' : t(key);
}

/** "{n}" and "{zone}" in a label filled in. */
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (all, k) => (k in values ? values[k] : all));
}

/** Writes each bar's value at its end, so no one reads it off the axis. */
const barValues = {
  id: 'barValues',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const data = chart.data.datasets[0].data;
    ctx.save();
    ctx.fillStyle = COLORS.ink;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    chart.getDatasetMeta(0).data.forEach((bar, i) => ctx.fillText(fmtNumber(data[i]), bar.x + 4, bar.y));
    ctx.restore();
  },
};

export async function live(ctx, out) {
  const base = editionBase(ctx);
  const edition = ctx.edition;
  const zone = edition.timeZone || 'Asia/Shanghai';
  const stage = STAGES.indexOf(edition.stage);
  const votingStage = STAGES.indexOf('VOTING');
  const voting = edition.voting;
  const windowLine = voting ? el('p', { id: 'live-window', class: 'sub' }, t('live.window') + ' '
    + fmtZoned(voting.opensAt, zone) + ' – ' + fmtTime(voting.closesAt, zone)) : null;
  const state = el('p', { id: 'live-notice', class: 'notice info', role: 'status' });

  if (stage < votingStage) {
    // nothing to count yet: say so, rather than draw empty charts
    state.dataset.state = 'before';
    state.textContent = t('live.notYet');
    append(out, title(ctx), state, windowLine);
    return () => {};
  }

  const status = el('p', { id: 'live-status', class: 'live-status' });
  const lag = el('span', { id: 'live-lag' }, '—');
  const accepted = el('span', { id: 'live-accepted' }, '—');
  const refused = el('span', { id: 'live-refused' }, '—');
  const summary = el('dl', { class: 'cards' },
    el('div', { class: 'card' }, el('dt', {}, t('counts.accepted')), el('dd', {}, accepted)),
    el('div', { class: 'card' }, el('dt', {}, t('counts.refused')), el('dd', {}, refused)),
    el('div', { class: 'card' }, el('dt', {}, t('live.lag')), el('dd', {}, lag)));
  const rateCanvas = el('canvas', { id: 'rate-chart', role: 'img', 'aria-label': t('live.rate') });
  const rateHow = el('p', { id: 'live-zone', class: 'chart-note', dataset: { zone } });
  const rateEmpty = el('p', { id: 'rate-empty', class: 'chart-empty' }, t('live.rate.empty'));
  const reasons = el('div', { id: 'live-reasons' });
  const search = el('input', { id: 'live-search', type: 'search', placeholder: t('search.works') });
  const found = el('div', { id: 'live-found', 'aria-live': 'polite' });
  const charts = el('div', { class: 'category-charts' });
  append(out, title(ctx), state, windowLine, status, summary,
    el('section', { id: 'live-rate' }, el('h2', {}, t('live.rate')), rateHow,
      el('div', { class: 'chart-box' }, rateCanvas, rateEmpty)),
    el('section', {}, el('h2', {}, t('live.top')), charts),
    el('section', {}, el('h2', {}, t('live.find')), el('label', {}, el('span', { class: 'visually-hidden' }, t('live.find')), search), found),
    el('section', {}, el('h2', {}, t('live.refusals')), reasons));

  // while voting is open the last point's period is not over: its segment is dashed
  const ongoing = stage === votingStage;
  const lastDashed = { borderDash: c => (ongoing && c.p1DataIndex === c.chart.data.labels.length - 1 ? [6, 4] : undefined) };
  let points = [];
  let width = 1;
  const period = i => {
    const from = Date.parse(points[i].from);
    return fmtZoned(from, zone, { ...DAY, ...HOURS }) + ' – ' + fmtZoned(from + width * 60000, zone, HOURS)
      + ' (' + zoneName(zone) + ')';
  };
  const rate = new Chart(rateCanvas, {
    type: 'line',
    data: { labels: [], datasets: [
      { label: t('live.accepted'), data: [], borderColor: COLORS.accepted, backgroundColor: COLORS.accepted, tension: 0, segment: lastDashed },
      { label: t('live.refused'), data: [], borderColor: COLORS.refused, backgroundColor: COLORS.refused, tension: 0, segment: lastDashed }] },
    options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
      scales: { x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        y: { beginAtZero: true, title: { display: true, text: t('live.rate.unit') } } },
      plugins: { tooltip: { callbacks: { title: items => t('live.rate.point') + ' ' + period(items[0].dataIndex),
        label: item => item.dataset.label + ': ' + fmtNumber(item.parsed.y) + ' ' + t('live.rate.unit') } } } },
  });
  const bars = new Map();
  let ranked = {};
  let timer = null;
  let stopped = false;

  function barChart(code) {
    const category = edition.categories.find(c => c.code === code);
    const canvas = el('canvas', { id: 'bars-' + code, role: 'img' });
    const empty = el('p', { class: 'chart-empty', id: 'empty-' + code }, t('live.top.none'));
    const list = el('ol', { class: 'top-list', id: 'top-' + code, 'aria-label': t('live.top.list') });
    charts.append(el('figure', { class: 'category-chart', id: 'category-' + code },
      el('figcaption', {}, code + ' · ' + (category ? category.name : '')),
      el('div', { class: 'chart-box' }, canvas, empty), list));
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: t('validVotes'), data: [], backgroundColor: COLORS.bar, maxBarThickness: 28 }] },
      plugins: [barValues],
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        // room at the end of the longest bar for its value
        scales: { x: { beginAtZero: true, grace: '22%', ticks: { precision: 0 } },
          // long titles are cut on the axis; the list under the chart gives them whole
          y: { ticks: { callback(value) { const l = String(this.getLabelForValue(value));
            return l.length > 14 ? l.slice(0, 13) + '…' : l; } } } } },
    });
    const entry = { chart, canvas, list, empty };
    bars.set(code, entry);
    return entry;
  }

  const name = w => w.title || w.workId;

  function showFound() {
    const q = search.value.trim().toLowerCase();
    if (!q) { found.replaceChildren(); return; }
    const hits = [];
    for (const [code, works] of Object.entries(ranked)) {
      works.forEach((w, i) => {
        if (w.workId.toLowerCase().includes(q) || name(w).toLowerCase().includes(q)) {
          hits.push({ code, place: i + 1, ...w });
        }
      });
    }
    found.replaceChildren(table([
      ['category', h => h.code], ['rank', h => h.place], ['work.id', h => el('a', { href: '#/work/' + enc(h.workId) }, h.workId)],
      ['work.title', h => name(h)], ['validVotes', h => fmtNumber(h.validVotes)],
      ['invalidatedVotes', h => fmtNumber(h.invalidatedVotes)]], hits.slice(0, 20), { id: 'live-found-table', numeric: [1, 4, 5] }));
  }
  search.addEventListener('input', showFound);

  function showRate(voteRate) {
    points = voteRate.points;
    width = voteRate.minutes;
    // a curve within one day of the edition's zone names minutes; a longer one names the day too
    const days = new Set(points.map(p => fmtZoned(p.from, zone, DAY)));
    const fields = days.size > 1 ? { month: '2-digit', day: '2-digit', ...HOURS } : HOURS;
    const perMinute = n => Math.round((n / width) * 10) / 10;
    rate.data.labels = points.map(p => fmtZoned(p.from, zone, fields));
    rate.data.datasets[0].data = points.map(p => perMinute(p.accepted));
    rate.data.datasets[1].data = points.map(p => perMinute(p.refused));
    rate.data.datasets.forEach(d => { d.pointRadius = points.length > 60 ? 0 : 2; });
    rate.update();
    rateEmpty.hidden = points.length > 0;
    rateHow.textContent = fill(t('live.rate.how'), { n: width, zone: zoneName(zone) })
      + (ongoing && points.length ? ' ' + t('live.rate.ongoing') : '');
    const last = points[points.length - 1];
    rateCanvas.setAttribute('aria-label', t('live.rate') + (last ? ': ' + period(points.length - 1) + ', '
      + t('live.accepted') + ' ' + fmtNumber(perMinute(last.accepted)) + ', ' + t('live.refused') + ' '
      + fmtNumber(perMinute(last.refused)) + ' ' + t('live.rate.unit') : ''));
  }

  function showTop(code, works) {
    const entry = bars.get(code) || barChart(code);
    const top = works.slice(0, TOP);
    entry.chart.data.labels = top.map(name);
    entry.chart.data.datasets[0].data = top.map(w => w.validVotes);
    entry.chart.update();
    const total = top.reduce((a, w) => a + w.validVotes, 0);
    entry.canvas.dataset.total = total;
    entry.empty.hidden = total > 0;
    entry.canvas.setAttribute('aria-label', t('live.top') + ' ' + code + ': '
      + top.slice(0, 3).map(w => name(w) + ' ' + fmtNumber(w.validVotes)).join('; '));
    entry.list.replaceChildren(...top.map((w, i) => el('li', { dataset: { work: w.workId } },
      el('span', { class: 'rank' }, String(i + 1)),
      el('a', { class: 'title', href: '#/work/' + enc(w.workId) }, name(w)),
      el('span', { class: 'votes' }, fmtNumber(w.validVotes)))));
  }

  function showReasons(refusedVotes) {
    const order = code => (REASONS.includes(code) ? REASONS.indexOf(code) : REASONS.length);
    const rows = Object.entries(refusedVotes || {}).sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]));
    const any = rows.some(r => r[1] > 0);
    reasons.replaceChildren(any ? null : el('p', { id: 'reasons-none' }, t('live.refusals.none')),
      table([['reason', r => reasonName(r[0])], ['suspicious.votes', r => fmtNumber(r[1])]], rows,
        { id: 'reasons-table', numeric: [1], rowAttrs: r => ({ dataset: { reason: r[0] } }) }));
  }

  async function refresh() {
    try {
      const answer = await api(base + '/tallies/live');
      if (stopped) return; // the reader left while this was under way
      const tallies = answer.tallies;
      const refusedTotal = Object.values(tallies.refusedVotes || {}).reduce((a, b) => a + b, 0);
      accepted.textContent = fmtNumber(tallies.acceptedVotes);
      refused.textContent = fmtNumber(refusedTotal);
      lag.textContent = fmtNumber(answer.lag);
      const none = tallies.acceptedVotes + refusedTotal === 0;
      state.dataset.state = ongoing ? (none ? 'open-none' : 'open') : 'closed';
      state.textContent = t(ongoing ? (none ? 'live.open.none' : 'live.open') : 'live.closed');
      status.textContent = t('live.updated') + ' ' + fmtTime(Date.now(), zone)
        + ' · ' + t('live.logSize') + ' ' + fmtNumber(tallies.logSize)
        + (tallies.certified ? ' · ' + t('live.certified') : '');
      showRate(answer.voteRate);
      ranked = {};
      for (const [code, works] of Object.entries(tallies.categories)) {
        ranked[code] = [...works].sort((a, b) => b.validVotes - a.validVotes || a.workId.localeCompare(b.workId));
        showTop(code, ranked[code]);
      }
      showReasons(tallies.refusedVotes);
      showFound();
    } catch (e) {
      if (stopped) return;
      status.replaceChildren(problemBox(e));
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }
  await refresh();
  return () => { stopped = true; clearTimeout(timer); rate.destroy(); bars.forEach(b => b.chart.destroy()); };
}
