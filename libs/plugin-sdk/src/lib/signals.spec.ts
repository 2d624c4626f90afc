import { SignalBus, SignalName, SignalPayloads } from './signals';
import type { SdkLogger } from './time-limit';

const newLogger = (): SdkLogger & { warn: jest.Mock; error: jest.Mock } => ({ warn: jest.fn(), error: jest.fn() });
const newServerCreated = (): SignalPayloads['server.created'] => ({
  server: { id: 's-1', name: 'echo', teamId: 't-1', ownerId: 'u-1' },
  actorId: 'u-1',
});

describe('SignalBus', () => {
  it('delivers the payload to every receiver, after emit returned', async () => {
    const bus = new SignalBus({ logger: newLogger() });
    const order: string[] = [];
    bus.on('server.created', (payload) => { order.push(`a:${payload.server.id}`); });
    bus.on('server.created', async (payload) => { order.push(`b:${payload.server.id}`); });
    bus.emit('server.created', newServerCreated());
    order.push('emitted');
    await bus.idle();
    expect(order).toEqual(['emitted', 'a:s-1', 'b:s-1']);
  });

  it('isolates a throwing receiver: emit does not throw, others still run, it is logged', async () => {
    const logger = newLogger();
    const bus = new SignalBus({ logger });
    const after = jest.fn();
    bus.on('plugin.promoted', () => { throw new Error('receiver bug'); }, 'BuggyPlugin');
    bus.on('plugin.promoted', () => Promise.reject(new Error('async bug')), 'AsyncBuggyPlugin');
    bus.on('plugin.promoted', after);
    expect(() => bus.emit('plugin.promoted', { pluginName: 'PIIFilterPlugin', actorId: 'u-1' })).not.toThrow();
    await bus.idle();
    expect(after).toHaveBeenCalledWith({ pluginName: 'PIIFilterPlugin', actorId: 'u-1' }, expect.any(AbortSignal));
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[0]?.[0]).toMatch(/plugin.promoted \(BuggyPlugin\) threw/);
  });

  it('a hanging receiver does not delay emit and is abandoned at the limit', async () => {
    const logger = newLogger();
    const bus = new SignalBus({ logger, timeoutMs: 25 });
    let aborted = false;
    bus.on('tool.invoked', (_payload, signal) => new Promise<void>(() => { signal.addEventListener('abort', () => { aborted = true; }); }), 'HangingPlugin');
    const fast = jest.fn();
    bus.on('tool.invoked', fast);
    const started = performance.now();
    bus.emit('tool.invoked', { serverId: 's-1', toolName: 'echo', userId: null, outcome: 'ok', durationMs: 3 });
    expect(performance.now() - started).toBeLessThan(20);
    await bus.idle();
    expect(fast).toHaveBeenCalled();
    expect(aborted).toBe(true);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/tool.invoked \(HangingPlugin\) exceeded 25 ms/));
  });

  it('a slow synchronous receiver never runs inside emit, and is reported', async () => {
    const logger = newLogger();
    const bus = new SignalBus({ logger, timeoutMs: 10 });
    bus.on('server.deleted', () => {
      const until = performance.now() + 30;
      while (performance.now() < until) { /* busy */ }
    }, 'SlowPlugin');
    const started = performance.now();
    bus.emit('server.deleted', newServerCreated());
    expect(performance.now() - started).toBeLessThan(10);
    await bus.idle();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/server.deleted \(SlowPlugin\) took \d+ ms/));
  });

  it('emits nothing to unsubscribed receivers or other signals', async () => {
    const bus = new SignalBus({ logger: newLogger() });
    const receiver = jest.fn();
    const off = bus.on('server.updated', receiver);
    bus.emit('server.created', newServerCreated());
    off();
    bus.emit('server.updated', newServerCreated());
    await bus.idle();
    expect(receiver).not.toHaveBeenCalled();
  });

  it('refuses unknown signal names', () => {
    const bus = new SignalBus({ logger: newLogger() });
    expect(() => bus.on('server.exploded' as SignalName, () => undefined)).toThrow(/Unknown signal/);
    expect(() => bus.emit('nope' as SignalName, {} as never)).toThrow(/Unknown signal/);
  });
});
