import { abortSignalOf, Canceller } from './cancellation.js';

describe('Canceller', () => {
  it('runs each listener once, on the first abort, with the reason set', () => {
    const canceller = new Canceller();
    const heard: unknown[] = [];
    canceller.addEventListener('abort', () => heard.push(canceller.reason));
    canceller.addEventListener('abort', () => heard.push('second'));
    const reason = new Error('gone');
    canceller.abort(reason);
    canceller.abort(new Error('again'));
    expect(heard).toEqual([reason, 'second']);
    expect(canceller.aborted).toBe(true);
    expect(canceller.reason).toBe(reason);
  });

  it('aborts with an AbortError by default, as AbortController does', () => {
    const canceller = new Canceller();
    canceller.abort();
    expect(canceller.reason).toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    controller.abort();
    expect((canceller.reason as Error).name).toBe((controller.signal.reason as Error).name);
  });

  it('does not run a removed listener, nor one added after the abort', () => {
    const canceller = new Canceller();
    const heard: string[] = [];
    const removed = () => heard.push('removed');
    canceller.addEventListener('abort', removed);
    canceller.addEventListener('abort', () => heard.push('kept'));
    canceller.removeEventListener('abort', removed);
    const neverAdded = () => heard.push('never added');
    canceller.removeEventListener('abort', neverAdded);
    canceller.abort();
    canceller.addEventListener('abort', () => heard.push('late'));
    expect(heard).toEqual(['kept']);
  });

  it('gives a real AbortSignal that follows it, made before or after the abort', () => {
    const before = new Canceller();
    const signal = before.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    expect(before.signal).toBe(signal);
    before.abort('stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('stop');

    const after = new Canceller();
    after.abort('already');
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe('already');
  });
});

describe('abortSignalOf', () => {
  it('is the signal itself for an AbortSignal, and follows any other cancellation', () => {
    const controller = new AbortController();
    expect(abortSignalOf(controller.signal)).toBe(controller.signal);

    const listeners: (() => void)[] = [];
    const other = {
      aborted: false,
      reason: undefined as unknown,
      addEventListener: (_type: 'abort', listener: () => void) => void listeners.push(listener),
      removeEventListener: () => undefined,
    };
    const signal = abortSignalOf(other);
    expect(signal.aborted).toBe(false);
    other.aborted = true;
    other.reason = 'done';
    for (const listener of listeners) listener();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('done');
  });
});
