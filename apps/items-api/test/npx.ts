import { execFile } from 'node:child_process';

/**
 * The Inspector CLI and the conformance suite need Node 22 and this machine runs Node 20: `npx` brings a
 * Node 22 binary from the npm registry (the `node` package) next to them.
 */
export const NODE_22 = 'node@22.23.3';

/** Time for one `npx` run, a cold npm cache included. */
export const NPX_TIMEOUT = 240_000;

export interface NpxRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` (a shell line) with `packages` installed by `npx`; never rejects, the exit code says. */
export function npx(packages: readonly string[], command: string): Promise<NpxRun> {
  const args = ['--yes', ...packages.flatMap((name) => ['--package', name]), '--call', command];
  return new Promise((resolve) => {
    execFile(
      'npx',
      args,
      { timeout: NPX_TIMEOUT - 10_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
