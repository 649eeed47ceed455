// A voter's receipt checked in the reader's browser, step by step as the offline verifier checks it
// (selection-rules: Receipt.check, then Checked.anchoredBy with the log's key; docs/audit.md,
// "Receipts"): the vote's canonical entry, through its path among the group's votes and the group's
// header, gives the group's line hash; that, through its path among the log's lines, gives the
// receipt's log digest; the checkpoint the receipt carries is signed by the log's key, names this
// edition's log, and is of exactly that size and digest. No step trusts the server's words beside the
// proof: what the page says of the vote is what the proven entry says.
import { fromBase64, fromHex, toHex, sha256, leafHash, nodeHash, rootFromInclusion, same } from './merkle.js';

/** The steps, in the order they are checked. */
export const STEPS = ['read', 'edition', 'entry', 'header', 'proof', 'claims', 'signature', 'checkpoint'];

/** The fields of a vote entry in format 1 and format 2 (the public log: the voter's pseudonym is `voter`). */
const VOTE_FIELDS = {
  1: ['castAt', 'category', 'day', 'decision', 'device', 'ip', 'reason', 'receivedAt', 'voteId', 'voterId', 'workId'],
  2: ['castAt', 'category', 'day', 'decision', 'device', 'ip', 'reason', 'receivedAt', 'voteId', 'voter', 'workId'],
};

/** A step that failed: which, the label of why, and the values the label names. */
class Failed extends Error {
  constructor(step, key, params = {}) {
    super(key);
    this.step = step;
    this.key = key;
    this.params = params;
  }
}

const HEX32 = /^[0-9a-f]{64}$/;
const isObject = x => x !== null && typeof x === 'object' && !Array.isArray(x);
const utf8 = s => new TextEncoder().encode(s);

/**
 * Canonical JSON (RFC 8785 for the values a log holds, as selection-rules' Canonical writes it): keys
 * sorted by UTF-16 code units, no white space, strings as JSON.stringify writes them, null kept as
 * null, integers only (a fraction has no canonical form there and is refused).
 */
export function canonical(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (typeof value.isWellFormed === 'function' && !value.isWellFormed()) throw new Error('a lone surrogate');
      return JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error('not an integer: ' + value);
      return String(value);
    case 'object':
      if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
      return '{' + Object.keys(value).sort().map(k => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
    default:
      throw new Error('no canonical form for ' + typeof value);
  }
}

function integer(receipt, field) {
  const n = receipt[field];
  if (!Number.isSafeInteger(n)) throw new Failed('read', 'receipt.fail.field', { field });
  return n;
}

function hash(receipt, field) {
  const h = receipt[field];
  if (typeof h !== 'string' || !HEX32.test(h)) throw new Failed('read', 'receipt.fail.field', { field });
  return h;
}

function path(receipt, field) {
  const p = receipt[field];
  if (!Array.isArray(p) || !p.every(h => typeof h === 'string' && HEX32.test(h))) {
    throw new Failed('read', 'receipt.fail.field', { field });
  }
  return p.map(fromHex);
}

/** The receipt as the command-line checker reads it: the whole object, or its "proof" with the words beside it. */
function parse(text) {
  let top;
  try {
    top = JSON.parse(text);
  } catch (e) {
    throw new Failed('read', 'receipt.fail.json');
  }
  if (!isObject(top)) throw new Failed('read', 'receipt.fail.json');
  const r = isObject(top.proof) ? { ...top.proof } : { ...top };
  for (const claim of ['voteId', 'decision', 'checkpoint']) {
    if (r[claim] === undefined && top[claim] !== undefined && top[claim] !== null) r[claim] = top[claim];
  }
  const v = r.v === undefined || r.v === null ? 1 : r.v;
  if (v !== 1 && v !== 2) throw new Failed('read', 'receipt.fail.field', { field: 'v' });
  if (typeof r.editionId !== 'string') throw new Failed('read', 'receipt.fail.field', { field: 'editionId' });
  if (!isObject(r.entry)) throw new Failed('read', 'receipt.fail.field', { field: 'entry' });
  if (!isObject(r.group) || typeof r.group.at !== 'string' || !isObject(r.group.data)) {
    throw new Failed('read', 'receipt.fail.group');
  }
  return {
    v, editionId: r.editionId, entry: r.entry, group: r.group, voteId: r.voteId, decision: r.decision,
    checkpoint: r.checkpoint, seq: integer(r, 'seq'), voteIndex: integer(r, 'voteIndex'),
    groupSize: integer(r, 'groupSize'), logSize: integer(r, 'logSize'), votePath: path(r, 'votePath'),
    linePath: path(r, 'linePath'), header: hash(r, 'header'), logDigest: hash(r, 'logDigest'),
  };
}

/** The entry's values in its format's fields, each a string or null, and no other field. */
function entryOf(r) {
  const fields = VOTE_FIELDS[r.v];
  const extra = Object.keys(r.entry).filter(k => !fields.includes(k));
  const missing = fields.filter(f => !(f in r.entry));
  if (extra.length || missing.length) {
    throw new Failed('entry', 'receipt.fail.entryFields', { fields: extra.concat(missing).join(', ') });
  }
  const bad = fields.find(f => r.entry[f] !== null && typeof r.entry[f] !== 'string');
  if (bad) throw new Failed('entry', 'receipt.fail.entryValue', { field: bad });
  return Object.fromEntries(fields.map(f => [f, r.entry[f]]));
}

/** The group's header leaf from the receipt's own fields: its line with the votes replaced by their count. */
async function headerOf(r) {
  const content = { at: r.group.at, data: { ...r.group.data, votes: r.groupSize }, seq: r.seq,
    type: 'VotesDecided', v: r.v };
  try {
    return toHex(await leafHash(utf8(canonical(content))));
  } catch (e) {
    throw new Failed('header', 'receipt.fail.headerForm');
  }
}

/** Where the service's words beside the proof differ from the proven entry: the field, else null. */
function claimsDiffer(r, entry) {
  if (r.voteId !== undefined && r.voteId !== null && r.voteId !== entry.voteId) {
    return { field: 'voteId', said: r.voteId, entry: entry.voteId };
  }
  if (r.decision === undefined || r.decision === null) return null;
  if (!isObject(r.decision)) return { field: 'decision', said: JSON.stringify(r.decision), entry: entry.decision };
  for (const field of ['decision', 'reason', 'workId', 'voterId']) {
    if (field in entry && field in r.decision && r.decision[field] !== entry[field]) {
      return { field, said: String(r.decision[field]), entry: String(entry[field]) };
    }
  }
  return null;
}

/** A note key, <name>+<8 hex key id>+<base64 of 0x01 ‖ 32-byte Ed25519 key>, with its id checked. */
export async function parseKey(text) {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec((text || '').trim());
  if (!m) throw new Failed('signature', 'receipt.fail.key');
  let key;
  try { key = fromBase64(m[3]); } catch (e) { throw new Failed('signature', 'receipt.fail.key'); }
  if (key.length !== 33 || key[0] !== 1) throw new Failed('signature', 'receipt.fail.key');
  const h = await sha256(utf8(m[1]), Uint8Array.of(10), key);
  const id = ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
  if (id !== parseInt(m[2], 16)) throw new Failed('signature', 'receipt.fail.key');
  return { name: m[1], id, publicKey: key.subarray(1), text: m[0] };
}

/**
 * Opens a C2SP signed note with the log's key: the text (ending in a newline), a blank line, one
 * "— name base64(key id ‖ signature)" line per signer. A line of the log's key must verify, and one
 * must be there; lines of other keys (witnesses) are left as they are. The checkpoint's text back.
 */
async function openNote(note, key) {
  if (typeof note !== 'string') throw new Failed('signature', 'receipt.fail.noCheckpoint');
  const blank = note.lastIndexOf('\n\n');
  if (!note.endsWith('\n') || blank < 0) throw new Failed('signature', 'receipt.fail.note');
  const text = note.substring(0, blank + 1);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)) throw new Failed('signature', 'receipt.fail.note');
  const lines = note.substring(blank + 2).split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop(); // as Java's split drops them
  if (!lines.length) throw new Failed('signature', 'receipt.fail.note');
  let signed = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) throw new Failed('signature', 'receipt.fail.note');
    let blob;
    try { blob = fromBase64(m[2]); } catch (e) { throw new Failed('signature', 'receipt.fail.note'); }
    if (blob.length < 5) throw new Failed('signature', 'receipt.fail.note');
    const id = ((blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3]) >>> 0;
    if (m[1] !== key.name || id !== key.id) continue; // another signer's: a witness, or another key
    const signature = blob.subarray(4);
    if (signature.length !== 64 || !await ed25519(key.publicKey, signature, utf8(text))) {
      throw new Failed('signature', 'receipt.fail.badSignature', { name: m[1] });
    }
    signed = true;
  }
  if (!signed) throw new Failed('signature', 'receipt.fail.notSigned', { key: key.name + '+' + key.id.toString(16).padStart(8, '0') });
  return text;
}

/** Thrown where this browser's Web Crypto has no Ed25519: the receipt is then checked by the command. */
export class NoEd25519 extends Error {}

async function ed25519(publicKey, signature, message) {
  let k;
  try {
    k = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    if (e && e.name === 'NotSupportedError') throw new NoEd25519(e.message);
    return false; // not a point of the curve: it verifies nothing
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, k, signature, message);
}

/** The checkpoint's text: origin, size (decimal, no sign, no leading zeros) and base64 root, each on its line. */
function checkpointOf(text) {
  const lines = text.split('\n');
  if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new Failed('checkpoint', 'receipt.fail.checkpointForm');
  let root;
  try { root = fromBase64(lines[2]); } catch (e) { throw new Failed('checkpoint', 'receipt.fail.checkpointForm'); }
  if (root.length !== 32) throw new Failed('checkpoint', 'receipt.fail.checkpointForm');
  return { origin: lines[0], size: Number(lines[1]), root, root64: lines[2] };
}

/**
 * Checks the receipt's text for this edition with the log's verifier key (logKey) and origin, as served
 * by GET /api/public/editions/{e}/log-key. Resolves to { ok, step (the failed one), key and params (why),
 * passed (the steps that held), facts (what the proven entry says, and the checkpoint) }.
 */
export async function checkReceipt(text, { editionId, logKey, origin }) {
  const passed = [];
  const facts = {};
  try {
    const r = parse(text);
    passed.push('read');
    Object.assign(facts, { v: r.v, seq: r.seq, voteIndex: r.voteIndex, groupSize: r.groupSize, logSize: r.logSize,
      logDigest: r.logDigest, receiptEdition: r.editionId });
    if (r.editionId !== editionId) throw new Failed('edition', 'receipt.fail.edition', { edition: r.editionId });
    passed.push('edition');
    const entry = entryOf(r);
    passed.push('entry');
    const header = await headerOf(r);
    if (header !== r.header) throw new Failed('header', 'receipt.fail.header', { got: header, want: r.header });
    passed.push('header');
    const votesRoot = await rootFromInclusion(r.voteIndex, r.groupSize, await leafHash(utf8(canonical(entry))), r.votePath);
    if (votesRoot === null) throw new Failed('proof', 'receipt.fail.votePath');
    const root = await rootFromInclusion(r.seq - 1, r.logSize, await nodeHash(fromHex(header), votesRoot), r.linePath);
    if (root === null) throw new Failed('proof', 'receipt.fail.linePath');
    if (toHex(root) !== r.logDigest) throw new Failed('proof', 'receipt.fail.proof', { got: toHex(root), want: r.logDigest });
    passed.push('proof');
    const differ = claimsDiffer(r, entry);
    if (differ) throw new Failed('claims', 'receipt.fail.claims', differ);
    passed.push('claims');
    Object.assign(facts, { voteId: entry.voteId, workId: entry.workId, category: entry.category,
      decision: entry.decision, reason: entry.reason, castAt: entry.castAt });
    const key = await parseKey(logKey);
    const note = await openNote(r.checkpoint, key);
    passed.push('signature');
    const c = checkpointOf(note);
    Object.assign(facts, { origin: c.origin, size: c.size, root64: c.root64, rootHex: toHex(c.root), signer: key.name });
    if (c.origin !== origin) throw new Failed('checkpoint', 'receipt.fail.origin', { origin: c.origin, want: origin });
    if (c.size !== r.logSize) throw new Failed('checkpoint', 'receipt.fail.size', { size: c.size, want: r.logSize });
    if (!same(c.root, fromHex(r.logDigest))) {
      throw new Failed('checkpoint', 'receipt.fail.root', { got: toHex(c.root), want: r.logDigest });
    }
    passed.push('checkpoint');
    return { ok: true, passed, facts };
  } catch (e) {
    if (e instanceof Failed) return { ok: false, step: e.step, key: e.key, params: e.params, passed, facts };
    throw e;
  }
}
