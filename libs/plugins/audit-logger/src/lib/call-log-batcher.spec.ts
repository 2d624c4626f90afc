import { CallLogBatcher, type ToolCallLogRow } from './call-log-batcher';

function newRow(overrides: Partial<ToolCallLogRow> = {}): ToolCallLogRow {
  return {
    occurredAt: new Date(0),
    requestId: null,
    serverId: 's1',
    serverName: 'prod',
    toolName: 'search',
    userId: 'u1',
    userEmail: 'a@b.c',
    outcome: 'success',
    violationCode: null,
    durationMs: 1,
    level: 'INFO',
    arguments: null,
    result: null,
    ...overrides,
  };
}

const flushPromises = () => new Promise<void>((resolve) => jest.requireActual<typeof import('timers')>('timers').setImmediate(resolve));

describe('CallLogBatcher', () => {
  afterEach(() => jest.useRealTimers());

  it('writes queued rows once a second, not on add', async () => {
    jest.useFakeTimers();
    const sink = jest.fn().mockResolvedValue(undefined);
    const batcher = new CallLogBatcher(sink, { logger: { warn: jest.fn(), error: jest.fn() } });
    batcher.add(newRow({ toolName: 'a' }));
    batcher.add(newRow({ toolName: 'b' }));
    expect(sink).not.toHaveBeenCalled();
    jest.advanceTimersByTime(999);
    expect(sink).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await flushPromises();
    expect(sink).toHaveBeenCalledTimes(1);
    expect(sink.mock.calls[0]?.[0].map((r: ToolCallLogRow) => r.toolName)).toEqual(['a', 'b']);
    expect(batcher.pending).toBe(0);
  });

  it('flushes at 100 rows without waiting for the timer, in batches of 100', async () => {
    const sink = jest.fn().mockResolvedValue(undefined);
    const batcher = new CallLogBatcher(sink, { flushIntervalMs: 60_000 });
    for (let i = 0; i < 99; i++) batcher.add(newRow());
    await flushPromises();
    expect(sink).not.toHaveBeenCalled();
    batcher.add(newRow());
    await flushPromises();
    await batcher.flush();
    expect(sink).toHaveBeenCalledTimes(1);
    expect(sink.mock.calls[0]?.[0]).toHaveLength(100);
    for (let i = 0; i < 250; i++) batcher.add(newRow());
    await batcher.close();
    expect(sink.mock.calls.map((c) => (c[0] as unknown[]).length)).toEqual([100, 100, 100, 50]);
  });

  it('retries a failed write once, then logs and drops without throwing', async () => {
    const logger = { warn: jest.fn(), error: jest.fn() };
    const sink = jest.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValueOnce(undefined);
    const batcher = new CallLogBatcher(sink, { logger });
    batcher.add(newRow());
    await batcher.flush();
    expect(sink).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('db down'));
    expect(batcher.dropped).toBe(0);

    sink.mockRejectedValue(new Error('still down'));
    batcher.add(newRow());
    await expect(batcher.flush()).resolves.toBeUndefined();
    expect(sink).toHaveBeenCalledTimes(4);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('rows dropped'));
    expect(batcher.dropped).toBe(1);
    await batcher.close();
  });

  it('bounds the queue, dropping the oldest rows', async () => {
    const sink = jest.fn().mockResolvedValue(undefined);
    const batcher = new CallLogBatcher(sink, { maxQueuedRows: 3, batchSize: 10, flushIntervalMs: 60_000 });
    for (const name of ['a', 'b', 'c', 'd']) batcher.add(newRow({ toolName: name }));
    expect(batcher.dropped).toBe(1);
    await batcher.close();
    expect(sink.mock.calls[0]?.[0].map((r: ToolCallLogRow) => r.toolName)).toEqual(['b', 'c', 'd']);
  });
});
