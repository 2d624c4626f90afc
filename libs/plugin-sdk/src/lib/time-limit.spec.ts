import { settleWithin } from './time-limit';

describe('settleWithin', () => {
  it('returns the value of a sync or async callback', async () => {
    await expect(settleWithin(() => 1, 100)).resolves.toMatchObject({ kind: 'value', value: 1 });
    await expect(settleWithin(async () => 'x', 100)).resolves.toMatchObject({ kind: 'value', value: 'x' });
  });

  it('captures a throw and a rejection without rejecting', async () => {
    const boom = new Error('boom');
    await expect(settleWithin(() => { throw boom; }, 100)).resolves.toMatchObject({ kind: 'error', error: boom });
    await expect(settleWithin(() => Promise.reject(boom), 100)).resolves.toMatchObject({ kind: 'error', error: boom });
  });

  it('gives up on a hanging callback at the limit and aborts its signal', async () => {
    let seen: AbortSignal | undefined;
    const started = Date.now();
    const outcome = await settleWithin((signal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    }, 30);
    expect(outcome.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(seen?.aborted).toBe(true);
  });
});
