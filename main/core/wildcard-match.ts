/**
 * `*` matches any run of characters, `?` exactly one, everything else itself — OpenSSH's
 * match_pattern(), used for ssh_config Host lines, known_hosts names and conditions' pat(…).
 *
 * No regex and no backtracking: the pattern is cut at its stars, the first piece must start the
 * subject, the last must end it, and each piece between is found leftmost after the one before
 * (leftmost is always safe for globs). Pieces are found with indexOf, or with a bit-parallel scan
 * when they hold `?`, so a hostile 1 MiB body against a 500-character pattern costs one pass per
 * piece, not |body|·|pattern| steps (the earlier single-backtrack loop took 12 s for that).
 */
export function wildcardMatch(s: string, pattern: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0]!;
  if (pieces.length === 1) return s.length === first.length && matchesAt(s, 0, first);
  const last = pieces.at(-1)!;
  const end = s.length - last.length;
  if (first.length > end || !matchesAt(s, 0, first) || !matchesAt(s, end, last)) return false;
  let from = first.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const at = find(s, piece, from, end);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

function matchesAt(s: string, at: number, piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== s[at + i]) return false;
  }
  return true;
}

/** The leftmost start ≥ from where `piece` matches and ends by `end`, or -1. */
function find(s: string, piece: string, from: number, end: number): number {
  if (!piece.includes('?')) {
    const at = s.indexOf(piece, from);
    return at >= 0 && at + piece.length <= end ? at : -1;
  }
  return shiftAndFind(s, piece, from, end);
}

/**
 * Shift-And (Baeza-Yates–Gonnet): bit j of the state says "the last j+1 characters match the
 * piece's first j+1", one word per 32 pattern characters; `?` is set in every character's mask.
 */
function shiftAndFind(s: string, piece: string, from: number, end: number): number {
  const k = piece.length;
  const words = Math.ceil(k / 32);
  const any = new Uint32Array(words);
  for (let j = 0; j < k; j++) if (piece[j] === '?') any[j >> 5]! |= 1 << (j & 31);
  const masks = new Map<string, Uint32Array>();
  for (let j = 0; j < k; j++) {
    const c = piece[j]!;
    if (c === '?') continue;
    let m = masks.get(c);
    if (!m) masks.set(c, (m = Uint32Array.from(any)));
    m[j >> 5]! |= 1 << (j & 31);
  }
  const state = new Uint32Array(words);
  const top = k - 1;
  for (let i = from; i < end; i++) {
    const m = masks.get(s[i]!) ?? any;
    for (let w = words - 1; w >= 0; w--) {
      const carry = w === 0 ? 1 : state[w - 1]! >>> 31;
      state[w] = ((state[w]! << 1) | carry) & m[w]!;
    }
    if (state[top >> 5]! & (1 << (top & 31))) return i - top;
  }
  return -1;
}
