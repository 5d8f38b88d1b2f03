import type { SessionRecord, SessionStore } from './session-store.js';

/** Session records in this process's memory: right for one replica (or sticky routing to each). */
export class InMemorySessionStore implements SessionStore {
  private readonly records = new Map<string, SessionRecord>();

  create(record: SessionRecord): Promise<void> {
    this.records.set(record.id, record);
    return Promise.resolve();
  }

  get(id: string): Promise<SessionRecord | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  touch(id: string, now: number): Promise<void> {
    const record = this.records.get(id);
    if (record) this.records.set(id, { ...record, lastSeenAt: now });
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }

  count(): Promise<number> {
    return Promise.resolve(this.records.size);
  }
}
