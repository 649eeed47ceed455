// Small DOM helpers shared by the console and the public pages.
import { t, lang } from './i18n.js';

/** el('tag', {attrs}, ...children): strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.substring(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A heading with a label key. */
export function h(level, key, attrs = {}) {
  return el('h' + level, attrs, t(key));
}

/**
 * A table: columns are [labelKey, row => cell]; a cell may be a node or text. caption is a label
 * key; rowAttrs(row) gives attributes of a row.
 */
export function table(columns, rows, { caption, id, rowAttrs, numeric = [] } = {}) {
  return el('table', { id, class: 'data' },
    caption ? el('caption', {}, t(caption)) : null,
    el('thead', {}, el('tr', {}, columns.map(([key], i) =>
      el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, t(key))))),
    el('tbody', {}, rows.map(r => el('tr', rowAttrs ? rowAttrs(r) : {},
      columns.map(([, cell], i) => el('td', { class: numeric.includes(i) ? 'num' : null }, cell(r)))))));
}

export function fmtNumber(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB');
}

const BEIJING = 'Asia/Shanghai';

/**
 * An instant in an edition's time zone (its timeZone; Beijing time, the award's own clock, where none
 * is given), followed by the zone's name.
 */
export function fmtTime(iso, zone = BEIJING) {
  if (!iso) return '—';
  return fmtZoned(iso, zone) + (lang() === 'zh' ? '（' + zoneName(zone) + '）' : ' (' + zoneName(zone) + ')');
}

/**
 * An instant as text in the zone, without its name; fields as Intl's (default: date and time to the
 * second). English names the month (4 Dec 2026): 04/12/2026 reads as April to half the readers;
 * Chinese puts the year first (2026/12/4), which nobody misreads.
 */
export function fmtZoned(instant, zone = BEIJING, fields = null) {
  const options = { timeZone: zone, hourCycle: 'h23', ...(fields || { year: 'numeric',
    month: lang() === 'zh' ? 'numeric' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }) };
  return new Date(instant).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', options);
}

/**
 * The zone's name in the reader's language ("北京时间" for the award's own), as the browser knows it:
 * the generic name ("Eastern Time"), right in summer and winter alike.
 */
export function zoneName(zone = BEIJING) {
  if (zone === BEIJING) return t('zone.beijing');
  const part = new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date()).find(p => p.type === 'timeZoneName');
  return part ? part.value : zone;
}

export function score(s) {
  return s === null || s === undefined ? '—' : String(s);
}

/**
 * A refusal shown where it happened: its code and its reason, announced to screen readers. Any
 * other failure (the network, a bug) is shown the same way rather than lost.
 */
export function problemBox(error) {
  if (!error || !error.code) {
    console.error(error);
    error = { code: 'ERROR', message: (error && error.message) || String(error), problem: {} };
  }
  const items = error.problem && (error.problem.works || error.problem.items);
  return el('div', { class: 'problem', role: 'alert' },
    el('strong', {}, t('refused') + ': '), el('code', { class: 'problem-code' }, error.code || 'ERROR'),
    el('p', { class: 'problem-detail' }, error.message),
    items && items.length ? el('ul', { class: 'problem-items' }, items.slice(0, 50).map(i => el('li', {}, i))) : null,
    items && items.length > 50 ? el('p', {}, '… ' + (items.length - 50)) : null);
}

export function notice(text, kind = 'ok') {
  return el('p', { class: 'notice ' + kind, role: 'status' }, text);
}

/** Digests of a list: what it rests on. */
export function digests(view) {
  if (!view) return null;
  return el('dl', { class: 'digests' },
    el('dt', {}, t('digest.list')), el('dd', {}, el('code', { class: 'list-digest' }, view.listDigest || '—')),
    el('dt', {}, t('digest.log')), el('dd', {}, el('code', { class: 'log-digest' }, view.logDigest || '—')),
    el('dt', {}, t('digest.size')), el('dd', {}, el('code', { class: 'log-size' }, view.logSize ?? '—')));
}

/** A modal confirmation; resolves true when confirmed. Keyboard: Escape cancels, focus starts on Cancel. */
export function confirmDialog(message) {
  return new Promise(resolve => {
    const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-text' },
      el('p', { id: 'confirm-text' }, message));
    const ok = el('button', { type: 'button', id: 'confirm-ok' }, t('confirm'));
    const cancel = el('button', { type: 'button', id: 'confirm-cancel', class: 'secondary' }, t('cancel'));
    dialog.append(el('div', { class: 'actions' }, ok, cancel));
    const close = v => { dialog.close(); dialog.remove(); resolve(v); };
    ok.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', e => { e.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    const before = document.activeElement;
    cancel.focus();
    dialog.addEventListener('close', () => { if (before && before.isConnected) before.focus(); });
  });
}

/** Appends children as el() does: arrays flattened, null and false left out. */
export function append(parent, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}
