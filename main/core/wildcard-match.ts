/**
 * `*` matches any run of characters, `?` exactly one, everything else itself — OpenSSH's
 * match_pattern(), used for ssh_config Host lines, known_hosts names and conditions' pat(…). No
 * regex: greedy with a single backtrack point, so a hostile 1 MiB body or pattern costs
 * O(|s|·|pattern|) at worst, never minutes of backtracking.
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
