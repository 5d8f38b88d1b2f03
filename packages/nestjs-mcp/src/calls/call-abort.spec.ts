import { jest } from '@jest/globals';
import { CallAbort } from './call-abort.js';

describe('CallAbort', () => {
  afterEach(() => jest.useRealTimers());

  it('aborts when the time is up, and says it timed out', () => {
    jest.useFakeTimers();
    const abort = new CallAbort(100);
    jest.advanceTimersByTime(99);
    expect(abort.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(abort.aborted).toBe(true);
    expect(abort.timedOut).toBe(true);
    abort.release();
  });

  it('aborts when the client cancels, without calling it a timeout', () => {
    const client = new AbortController();
    const abort = new CallAbort(60_000, client.signal);
    client.abort(new Error('cancelled by the client'));
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toEqual(new Error('cancelled by the client'));
    expect(abort.timedOut).toBe(false);
    abort.release();
  });

  it('starts aborted when the client had already cancelled', () => {
    const client = new AbortController();
    client.abort();
    const abort = new CallAbort(60_000, client.signal);
    expect(abort.aborted).toBe(true);
    abort.release();
  });

  it('lets go of the timer and the client signal once released', () => {
    jest.useFakeTimers();
    const client = new AbortController();
    const abort = new CallAbort(100, client.signal);
    abort.release();
    client.abort();
    jest.advanceTimersByTime(1_000);
    expect(abort.aborted).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });
});
