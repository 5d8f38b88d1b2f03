import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { NODE_22, npx } from '../npx.js';

/** The conformance release whose frozen requirement sets (2025-11-25, 2026-07-28) the example is held to. */
export const CONFORMANCE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';

export type Revision = '2025-11-25' | '2026-07-28';

/** The checked-in baseline of what the example app is expected to fail at `revision`. */
export function expectedFailuresFile(revision: Revision): string {
  return join(dirname(fileURLToPath(import.meta.url)), `expected-failures-${revision}.yml`);
}

/** The entries of a baseline file's `server:` list, as written (`scenario` or `scenario:check-id`). */
export async function baselineEntries(file: string): Promise<string[]> {
  const entries: string[] = [];
  let inServer = false;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('#')) inServer = line.trim() === 'server:';
    const entry = /^\s+-\s+([^\s#]+)/.exec(line);
    if (inServer && entry) entries.push(entry[1]);
  }
  return entries;
}

/** What the suite reported for one `--requirements` run judged against a baseline. */
export interface RequirementsReport {
  readonly exitCode: number;
  /** Baseline entries that failed, as expected. */
  readonly expected: string[];
  /** Baseline entries that passed: the baseline is stale (an unexpected pass). */
  readonly stale: string[];
  /** Failures not in the baseline, each with the failing checks' messages. */
  readonly unexpected: string[];
}

const SECTIONS: Record<string, keyof Pick<RequirementsReport, 'expected' | 'stale' | 'unexpected'>> = {
  'Expected failures (in baseline):': 'expected',
  'Stale baseline entries (now passing - remove from baseline):': 'stale',
  'Unexpected failures (not in baseline):': 'unexpected',
};

/**
 * Runs every server scenario of the `revision` requirement set, at that revision's wire, against `url` in
 * one process, judged against the checked-in baseline: the suite exits non-zero on a failure not in the
 * baseline and on a baseline entry that passes.
 */
export async function runRequirements(url: string, revision: Revision): Promise<RequirementsReport> {
  const output = await mkdtemp(join(tmpdir(), `conformance-${revision}-`));
  try {
    const run = await npx(
      [NODE_22, CONFORMANCE],
      `conformance server --url '${url}' --requirements ${revision} ` +
        `--expected-failures '${expectedFailuresFile(revision)}' --output-dir '${output}'`,
    );
    // The suite colours its report even when piped.
    const lines = stripVTControlCharacters(run.stdout).split('\n');
    const report = { expected: [] as string[], stale: [] as string[], unexpected: [] as string[] };
    let section: keyof typeof report | undefined;
    for (const line of lines) {
      const item = /^ {2}[~✓✗] (\S+)$/.exec(line);
      if (section && item) report[section].push(item[1]);
      else section = SECTIONS[line.trim()];
    }
    if (!/^Running requirements /m.test(run.stdout)) {
      throw new Error(`conformance did not run:\n${run.stdout}\n${run.stderr}`);
    }
    const failures = await failingChecks(output);
    return {
      exitCode: run.code,
      ...report,
      unexpected: report.unexpected.map((entry) => explain(entry, failures)),
    };
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}

interface Check {
  readonly id: string;
  readonly status: string;
  readonly errorMessage?: string;
}

/** Failing checks (FAILURE or WARNING, as the baseline counts them) per scenario, from the results folder. */
async function failingChecks(output: string): Promise<Map<string, Check[]>> {
  const failures = new Map<string, Check[]>();
  for (const folder of await readdir(output)) {
    const scenario = folder.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
    const checks = await readFile(join(output, folder, 'checks.json'), 'utf8')
      .then((text) => JSON.parse(text) as Check[])
      .catch(() => [
        { id: scenario, status: 'FAILURE', errorMessage: 'no checks.json (the scenario crashed)' },
      ]);
    failures.set(
      scenario,
      checks.filter((check) => check.status === 'FAILURE' || check.status === 'WARNING'),
    );
  }
  return failures;
}

/** `scenario[:check]` followed by what the failing check(s) said, so a red test explains itself. */
function explain(entry: string, failures: Map<string, Check[]>): string {
  const [scenario, checkId] = entry.split(':');
  const messages = (failures.get(scenario) ?? [])
    .filter((check) => !checkId || check.id === checkId)
    .map((check) => `${check.id}: ${check.errorMessage ?? check.status}`);
  return [entry, ...new Set(messages)].join(' | ');
}
