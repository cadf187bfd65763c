/**
 * OpenSSH's match_pattern(), shared by ssh_config Host lines and known_hosts host names: `*` matches
 * any run of characters, `?` exactly one, everything else itself. Greedy with a single backtrack
 * point, so a hostile pattern costs O(|s|·|pattern|) at worst, never exponential time.
 */
export function wildcardMatch(s: string, pattern: string): boolean {
  let si = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const pc = pattern[pi];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === s[si])) {
      si++;
      pi++;
    } else if (pc === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pattern[pi] === '*') pi++;
  return pi === pattern.length;
}
