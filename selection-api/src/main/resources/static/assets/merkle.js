// RFC 9162 §2.1.4.2 in the reader's browser: does the tree of n lines (rootN, a signed checkpoint's)
// extend the tree of m lines (rootM, a published list's logDigest)? And §2.1.3.2: the root an
// inclusion proof leads to (a voter's receipt). SHA-256 comes from Web Crypto, which a browser gives
// only to a page served over HTTPS or from the machine itself.

export const canCheck = () => !!(globalThis.crypto && globalThis.crypto.subtle);

export const fromBase64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
export const fromHex = s => Uint8Array.from(s.match(/../g) || [], h => parseInt(h, 16));
export const toHex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const half = x => Math.floor(x / 2); // sizes beyond 2^31 lines stay exact, unlike >>
const odd = x => x % 2 === 1;

async function node(left, right) {
  const bytes = new Uint8Array(65);
  bytes[0] = 1;
  bytes.set(left, 1);
  bytes.set(right, 33);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** m, n: tree sizes; rootM, rootN and each proof hash: Uint8Array(32). True when the proof holds. */
export async function verifyConsistency(m, n, rootM, rootN, proof) {
  if (m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && same(rootM, rootN);
  if (proof.length === 0) return false;
  const path = Number.isInteger(Math.log2(m)) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) { fn = half(fn); sn = half(sn); }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      sr = await node(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && same(fr, rootM) && same(sr, rootN);
}

/** SHA-256 of the byte arrays given, one after another. */
export async function sha256(...parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** RFC 9162 §2.1.1: a leaf's hash, SHA-256(0x00 ‖ entry); and an inner node's, SHA-256(0x01 ‖ left ‖ right). */
export const leafHash = entry => sha256(Uint8Array.of(0), entry);
export const nodeHash = node;
export { same };

/**
 * RFC 9162 §2.1.3.2 in the reader's browser: the root an inclusion proof leads to from the leaf hash at
 * index (from 0) in a tree of size leaves; null when the index is outside the tree or the proof has the
 * wrong length for them. The proof holds if that root is the tree's published one.
 */
export async function rootFromInclusion(index, size, leaf, proof) {
  if (!(index >= 0 && index < size)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = await node(p, r);
      while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
    } else {
      r = await node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}
