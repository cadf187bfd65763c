// `npm run bench`: every benchmark, in turn. Figures are printed, never asserted.
import { spawnSync } from 'node:child_process';

const run = (label: string, args: string[]) => {
  console.log(`\n=== ${label}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
};

run('spine: core start, dispatch, HTTP', ['bench/run.ts']);
run('monitoring engine on photon serve', ['bench/monitoring.ts']);
for (const interval of ['30', '60']) {
  const label = `storage after rollups: 1,000 monitors × 30 days @ ${interval} s (target ≤ 50 MB)`;
  run(label, ['bench/storage-projection.ts', interval]);
}
run('scorecard: photon assess on a generated 10,000-file repository (target ≤ 2 s)', ['bench/scorecard.ts']);
