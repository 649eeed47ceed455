// Live voting: per category a bar chart of the leading works, a line chart of votes and refusals
// per refresh, the read models' lag, and a search for any work's tally. Refreshed every few
// seconds; with 1,100 shortlisted works only the top of each category is drawn.
import { t, lang } from '../i18n.js';
import { api, enc } from '../api.js';
import { el, table, fmtNumber, problemBox, append } from '../ui.js';
import { title, STAGES } from './organiser.js';

const TOP = 10;

/** A moment as Beijing time, hours to seconds, the award's own clock. */
function clock(ms) {
  return new Date(ms).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}
const REFRESH_MS = 3000;
const POINTS = 60;

export async function live(ctx, out) {
  const base = '/api/editions/' + enc(ctx.editionId);
  const titles = new Map();
  if (STAGES.indexOf(ctx.edition.stage) >= STAGES.indexOf('SHORTLIST_PUBLISHED')) {
    const shortlist = await api(base + '/shortlist');
    Object.values(shortlist.categories).flat().forEach(s => titles.set(s.workId, s.title));
  }
  const name = id => titles.get(id) || id;
  const status = el('p', { id: 'live-status', class: 'live-status' });
  const lag = el('span', { id: 'live-lag' }, '—');
  const accepted = el('span', { id: 'live-accepted' }, '—');
  const refused = el('span', { id: 'live-refused' }, '—');
  const summary = el('dl', { class: 'cards' },
    el('div', { class: 'card' }, el('dt', {}, t('counts.accepted')), el('dd', {}, accepted)),
    el('div', { class: 'card' }, el('dt', {}, t('counts.refused')), el('dd', {}, refused)),
    el('div', { class: 'card' }, el('dt', {}, t('live.lag')), el('dd', {}, lag)));
  const rateCanvas = el('canvas', { id: 'rate-chart', role: 'img', 'aria-label': t('live.rate') });
  const reasons = el('div', { id: 'live-reasons' });
  const search = el('input', { id: 'live-search', type: 'search', placeholder: t('search.works') });
  const found = el('div', { id: 'live-found', 'aria-live': 'polite' });
  const charts = el('div', { class: 'category-charts' });
  append(out, title(ctx), status, summary,
    el('section', {}, el('h2', {}, t('live.rate')), el('div', { class: 'chart-box' }, rateCanvas)),
    el('section', {}, el('h2', {}, t('live.top')), charts),
    el('section', {}, el('h2', {}, t('live.find')), el('label', {}, el('span', { class: 'visually-hidden' }, t('live.find')), search), found),
    el('section', {}, el('h2', {}, t('live.refusals')), reasons));

  const colors = { accepted: '#1b7f3b', refused: '#b3261e', bar: '#b3261e' };
  const rate = new Chart(rateCanvas, {
    type: 'line',
    data: { labels: [], datasets: [
      { label: t('live.accepted'), data: [], borderColor: colors.accepted, backgroundColor: colors.accepted, tension: 0 },
      { label: t('live.refused'), data: [], borderColor: colors.refused, backgroundColor: colors.refused, tension: 0 }] },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
  const bars = new Map();
  let ranked = {};
  let previous = null;
  let timer = null;
  let stopped = false;

  function barChart(code) {
    const category = ctx.edition.categories.find(c => c.code === code);
    const canvas = el('canvas', { id: 'bars-' + code, role: 'img' });
    const list = el('ol', { class: 'top-list', id: 'top-' + code });
    charts.append(el('figure', { class: 'category-chart' },
      el('figcaption', {}, code + ' · ' + (category ? category.name : '')), el('div', { class: 'chart-box' }, canvas), list));
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: t('validVotes'), data: [], backgroundColor: colors.bar }] },
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false,
        plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true },
          // long titles are cut on the axis; the list under the chart gives them whole
          y: { ticks: { callback(value) { const l = String(this.getLabelForValue(value));
            return l.length > 18 ? l.slice(0, 17) + '…' : l; } } } } },
    });
    const entry = { chart, canvas, list };
    bars.set(code, entry);
    return entry;
  }

  function showFound() {
    const q = search.value.trim().toLowerCase();
    if (!q) { found.replaceChildren(); return; }
    const hits = [];
    for (const [code, works] of Object.entries(ranked)) {
      works.forEach((w, i) => {
        if (w.workId.toLowerCase().includes(q) || name(w.workId).toLowerCase().includes(q)) {
          hits.push({ code, place: i + 1, ...w });
        }
      });
    }
    found.replaceChildren(table([
      ['category', h => h.code], ['rank', h => h.place], ['work.id', h => el('a', { href: '#/work/' + enc(h.workId) }, h.workId)],
      ['work.title', h => name(h.workId)], ['validVotes', h => fmtNumber(h.validVotes)],
      ['invalidatedVotes', h => fmtNumber(h.invalidatedVotes)]], hits.slice(0, 20), { id: 'live-found-table', numeric: [1, 4, 5] }));
  }
  search.addEventListener('input', showFound);

  async function refresh() {
    try {
      const answer = await api(base + '/tallies/live');
      if (stopped) return; // the reader left while this was under way
      const tallies = answer.tallies;
      const refusedTotal = Object.values(tallies.refusedVotes || {}).reduce((a, b) => a + b, 0);
      accepted.textContent = fmtNumber(tallies.acceptedVotes);
      refused.textContent = fmtNumber(refusedTotal);
      lag.textContent = fmtNumber(answer.lag);
      const now = Date.now();
      status.textContent = t('live.updated') + ' ' + clock(now)
        + (tallies.certified ? ' · ' + t('live.certified') : '');
      if (previous) {
        const seconds = Math.max((now - previous.at) / 1000, 0.001);
        rate.data.labels.push(clock(now));
        rate.data.datasets[0].data.push(Math.round((tallies.acceptedVotes - previous.accepted) / seconds));
        rate.data.datasets[1].data.push(Math.round((refusedTotal - previous.refused) / seconds));
        if (rate.data.labels.length > POINTS) {
          rate.data.labels.shift();
          rate.data.datasets.forEach(d => d.data.shift());
        }
        rate.update();
      }
      previous = { accepted: tallies.acceptedVotes, refused: refusedTotal, at: now };
      ranked = {};
      for (const [code, works] of Object.entries(tallies.categories)) {
        ranked[code] = [...works].sort((a, b) => b.validVotes - a.validVotes || a.workId.localeCompare(b.workId));
        const entry = bars.get(code) || barChart(code);
        const top = ranked[code].slice(0, TOP);
        entry.chart.data.labels = top.map(w => name(w.workId));
        entry.chart.data.datasets[0].data = top.map(w => w.validVotes);
        entry.chart.update();
        entry.canvas.dataset.total = top.reduce((a, w) => a + w.validVotes, 0);
        entry.canvas.setAttribute('aria-label', t('live.top') + ' ' + code + ': '
          + top.slice(0, 3).map(w => name(w.workId) + ' ' + w.validVotes).join('; '));
        entry.list.replaceChildren(...top.map(w => el('li', { dataset: { work: w.workId } },
          el('a', { href: '#/work/' + enc(w.workId) }, name(w.workId)), ' ', el('span', { class: 'votes' }, fmtNumber(w.validVotes)))));
      }
      reasons.replaceChildren(table([['reason', r => r[0]], ['suspicious.votes', r => fmtNumber(r[1])]],
        Object.entries(tallies.refusedVotes || {}), { id: 'reasons-table', numeric: [1] }));
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
