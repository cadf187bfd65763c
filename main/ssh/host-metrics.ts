import { shellQuote } from './shell-quote.ts';

/*
 * One remote script gathers load, memory, uptime, disk use and unit states, so a check costs a
 * single channel. It is assembled only from the fixed strings below and shellQuote()d unit names.
 * Its output is a sequence of sections, each opened by a marker line; parseHostReport reads it.
 */

export const SECTION_MARK = '@@photon:';
// Deliberately not a section marker: it is a line inside a unit's section.
export const NO_SYSTEMCTL = 'photon:no-systemctl';

const section = (name: string) => `printf '%s\\n' ${shellQuote(SECTION_MARK + name)}`;

const METRIC_LINES = [
  `${section('loadavg')}; cat /proc/loadavg 2>/dev/null`,
  `${section('cpus')}; getconf _NPROCESSORS_ONLN 2>/dev/null`,
  `${section('meminfo')}; cat /proc/meminfo 2>/dev/null`,
  `${section('uptime')}; cat /proc/uptime 2>/dev/null`,
  // fs types, so pseudo filesystems can be told from disks; df -P alone does not show them.
  `${section('mounts')}; cat /proc/mounts 2>/dev/null`,
  // A hung network mount stalls df until the run's deadline; timeout(1) bounds it where it exists.
  `${section('df')}; if command -v timeout >/dev/null 2>&1; then timeout 10 df -P -k 2>/dev/null; else df -P -k 2>/dev/null; fi`,
];

export function hostReportScript(options: { metrics: boolean; units: readonly string[] }): string {
  const lines = ['exec </dev/null'];
  if (options.metrics) lines.push(...METRIC_LINES);
  for (const unit of options.units) {
    const q = shellQuote(unit);
    lines.push(
      `printf '%s\\n' ${shellQuote(`${SECTION_MARK}unit`)} ${q}; ` +
        `if command -v systemctl >/dev/null 2>&1; then systemctl is-active -- ${q} 2>&1 | head -n 3; ` +
        `else printf '%s\\n' ${shellQuote(NO_SYSTEMCTL)}; fi`,
    );
  }
  lines.push(section('end'));
  return lines.join('\n');
}
