/** What is known about one stateful MCP session, apart from its live server and transport. */
export interface SessionRecord {
  /** The `Mcp-Session-Id`. */
  readonly id: string;
  /** A hash of the credentials that created the session (endpoints with `auth`); never the raw token. */
  readonly owner?: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds of the session's last request. */
  readonly lastSeenAt: number;
}

/**
 * Where session records live. The in-memory store serves one process; a shared store (Redis, a database)
 * implements the same five operations so several replicas can agree on which sessions exist. The live
 * server and transport of a session always stay in the process that holds its streams.
 */
export interface SessionStore {
  create(record: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /** Marks the session as used at `now` (epoch milliseconds). */
  touch(id: string, now: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** How many sessions exist. */
  count(): Promise<number>;
}
