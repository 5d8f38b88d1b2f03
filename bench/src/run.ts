/**
 * `npm run bench [-- --smoke] [-- --seconds N] [-- --out FILE]`: measures nestjs-mcp against a plain app
 * and @rekog/mcp-nest, prints one table and the ratios, writes the results as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { FULL, groups, type Plan, SESSION_SERVERS, SMOKE, startups } from './cases.js';
import { runGroup } from './harness/group.js';
import { measureSessionMemory } from './harness/sessions.js';
import { measureStartups } from './harness/startup.js';
import { computeRatios } from './ratios.js';
import { renderRatios, renderTables, type RunResults } from './report.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    out: { type: 'string' },
  },
});
const base: Plan = values.smoke ? SMOKE : FULL;
const plan: Plan = values.seconds ? { ...base, secondsPerVariant: Number(values.seconds) } : base;
const defaultOut = values.smoke ? 'results/smoke.json' : 'results/latest.json';
const out = resolve(process.cwd(), values.out ?? defaultOut);
const log = (line: string) => process.stderr.write(`${line}\n`);

const started = performance.now();
// Other work on the machine skews every figure; the load averages say how busy it was.
const loadBefore = loadavg();
const results: RunResults = { variants: [], startups: [], sessions: [] };
const timing = {
  secondsPerVariant: plan.secondsPerVariant,
  passes: plan.passes,
  warmupSeconds: plan.warmupSeconds,
};
for (const group of groups(plan)) {
  log(
    `${group.name}: ${group.variants.length} servers, ${plan.secondsPerVariant} s each in ${plan.passes} passes`,
  );
  results.variants.push(...(await runGroup(group, timing, log)));
}
const startupConfigs = startups(plan.sizes);
log(`start-up: ${startupConfigs.length} configurations × ${plan.startupRepeats}`);
results.startups = await measureStartups(startupConfigs, plan.startupRepeats, log);
for (const { key, server } of SESSION_SERVERS) {
  log(`idle sessions: ${key}, ${plan.sessions} sessions`);
  results.sessions.push(await measureSessionMemory(key, server, plan.sessions));
}
// The smoke's apps are smaller than the targets' and its slices too short to judge: no met/missed there.
const ratios = computeRatios(results, plan.sizes).map((ratio) =>
  values.smoke ? { ...ratio, target: undefined, met: undefined } : ratio,
);
const seconds = (performance.now() - started) / 1000;
const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage1mBefore: loadBefore[0],
  loadAverage1mAfter: loadavg()[0],
};

console.log(
  `\nnestjs-mcp bench (${values.smoke ? 'smoke' : 'full'}), ${machine.cpus} CPUs, Node ${machine.node}, ${seconds.toFixed(0)} s, load average ${machine.loadAverage1mBefore.toFixed(1)} → ${machine.loadAverage1mAfter.toFixed(1)}\n`,
);
console.log(renderTables(results));
console.log(`\n${renderRatios(ratios)}`);

mkdirSync(dirname(out), { recursive: true });
const report = {
  date: new Date().toISOString(),
  mode: values.smoke ? 'smoke' : 'full',
  plan,
  machine,
  seconds,
  ratios,
  ...results,
};
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
log(`\nwrote ${out}`);

const failed = results.variants.reduce((sum, v) => sum + v.failed, 0);
if (failed > 0) {
  log(`${failed} requests failed: the numbers above are not to be trusted`);
  process.exitCode = 1;
}
