import type { VariantResult } from './harness/group.js';
import type { SessionMemoryResult } from './harness/sessions.js';
import type { StartupResult } from './harness/startup.js';

/** Everything one run measured, as written to the JSON file. */
export interface RunResults {
  variants: VariantResult[];
  startups: StartupResult[];
  sessions: SessionMemoryResult[];
}

/** A ratio or figure the issue sets a target for (or that explains one). */
export interface Ratio {
  name: string;
  value: number;
  unit: string;
  /** min–max of the same ratio computed pass by pass, when it comes from interleaved passes. */
  passRange?: [number, number];
  target?: string;
  met?: boolean;
}

const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const kb = (bytes: number): string => `${fixed(bytes / 1024, 1)} KB`;
const mb = (bytes: number): string => `${fixed(bytes / 1024 / 1024, 1)} MB`;

/** A Markdown table (it reads as well in a terminal as in docs/benchmarks.md). */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

export function renderTables(results: RunResults): string {
  const load = table(
    ['case', 'what', 'c', 'req/s', 'CPU ms/req', 'p50 ms', 'p99 ms', 'response', 'heap after GC', 'failed'],
    results.variants.map((v) => [
      v.group,
      v.label,
      String(v.connections),
      fixed(v.reqPerSec, 0),
      fixed(v.cpuMsPerReq, 3),
      fixed(v.p50Ms),
      fixed(v.p99Ms),
      v.bytesPerResponse >= 10_240 ? kb(v.bytesPerResponse) : `${fixed(v.bytesPerResponse, 0)} B`,
      mb(v.heapAfterLoad),
      String(v.failed),
    ]),
  );
  const startups = table(
    ['start-up (express)', 'routes', 'spawn → listening ms', 'spawn → first answer ms (median)'],
    results.startups.map((s) => [
      s.server.kind,
      String(s.server.routes),
      fixed(s.listenMs, 0),
      fixed(s.firstAnswerMs, 0),
    ]),
  );
  const sessions = table(
    ['idle stateful sessions (express)', 'sessions', 'heap per session', 'RSS per session'],
    results.sessions.map((s) => [
      s.server.kind,
      String(s.sessions),
      kb(s.bytesPerSession),
      kb(s.rssBytesPerSession),
    ]),
  );
  return [load, startups, sessions].join('\n\n');
}

export function renderRatios(ratios: Ratio[]): string {
  return table(
    ['ratio', 'value', 'passes', 'target', 'met'],
    ratios.map((r) => [
      r.name,
      `${fixed(r.value)}${r.unit}`,
      r.passRange ? `${fixed(r.passRange[0])}–${fixed(r.passRange[1])}` : '',
      r.target ?? '',
      r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    ]),
  );
}
