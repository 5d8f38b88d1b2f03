import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { ServerConfig, ServerReady, ServerReply, ServerRequest } from '../app/server-config.js';

const SERVER_SCRIPT = fileURLToPath(new URL('../server.js', import.meta.url));

/** A running bench server child and the way to question it. */
export class ServerChild {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: ServerReply) => void>();

  private constructor(
    readonly config: ServerConfig,
    readonly process: ChildProcess,
    readonly port: number,
    /** Milliseconds from spawning the child to its listening socket. */
    readonly listenMs: number,
  ) {
    process.on('message', (reply: ServerReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns a server (with `--expose-gc`) and resolves once it listens. */
  static async start(config: ServerConfig): Promise<ServerChild> {
    const started = performance.now();
    const child = fork(SERVER_SCRIPT, [], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, BENCH_SERVER: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: ServerReady) => resolve(message.port));
      child.once('exit', (code) =>
        reject(new Error(`bench server ${JSON.stringify(config)} exited (${code})`)),
      );
      child.once('error', reject);
    });
    child.removeAllListeners('exit');
    return new ServerChild(config, child, port, performance.now() - started);
  }

  /** The child's own CPU time (user + system) so far, in microseconds. */
  async cpuMicros(): Promise<number> {
    return (await this.ask('cpu')).cpuMicros!;
  }

  /** The child's memory after forced garbage collections. */
  async memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
    return (await this.ask('heap')).memory!;
  }

  /** Disconnects (the child closes its app and exits); kills it if it has not gone within 5 s. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    if (this.process.connected) this.process.disconnect();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  private ask(op: ServerRequest['op']): Promise<ServerReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.process.send({ id, op } satisfies ServerRequest);
    });
  }
}
