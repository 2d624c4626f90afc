/** Buffers tool-call log rows and writes them in batches, off the request path. */
import { Logger } from '@nestjs/common';

export type AuditLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type ToolCallOutcome = 'success' | 'blocked' | 'error';

/** One row of `tool_call_log` (the runtime maps it to its entity). */
export interface ToolCallLogRow {
  occurredAt: Date;
  requestId: string | null;
  serverId: string;
  serverName: string;
  toolName: string;
  userId: string | null;
  userEmail: string | null;
  outcome: ToolCallOutcome;
  /** The violation code when `outcome` is `blocked` (or the error code on `error`). */
  violationCode: string | null;
  durationMs: number;
  level: AuditLogLevel;
  /** Only when `log_all_payloads` is on. */
  arguments: unknown;
  result: unknown;
}

export type CallLogSink = (rows: readonly ToolCallLogRow[]) => Promise<void>;

export interface CallLogBatcherOptions {
  flushIntervalMs?: number;
  batchSize?: number;
  /** Rows kept while the sink is slow or down; the oldest are dropped beyond it. */
  maxQueuedRows?: number;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

export class CallLogBatcher {
  private queue: ToolCallLogRow[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> | null = null;
  private droppedRows = 0;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxQueuedRows: number;
  private readonly logger: Pick<Logger, 'warn' | 'error'>;

  constructor(
    private readonly sink: CallLogSink,
    options: CallLogBatcherOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 100;
    this.maxQueuedRows = options.maxQueuedRows ?? 10_000;
    this.logger = options.logger ?? new Logger('AuditLoggerPlugin');
  }

  get pending(): number {
    return this.queue.length;
  }

  get dropped(): number {
    return this.droppedRows;
  }

  /** Queues a row; never throws and never waits for the sink. */
  add(row: ToolCallLogRow): void {
    this.queue.push(row);
    if (this.queue.length > this.maxQueuedRows) {
      this.queue.shift();
      this.droppedRows++;
    }
    if (this.queue.length >= this.batchSize) {
      this.clearTimer();
      // setImmediate: the write starts after the current request's work, not inside it.
      setImmediate(() => void this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.flushIntervalMs);
      this.timer.unref?.();
    }
  }

  /** Writes everything queued, in batches; resolves when done. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left (for shutdown). */
  async close(): Promise<void> {
    this.clearTimer();
    await this.flush();
    if (this.queue.length > 0) await this.flush();
  }

  private async drain(): Promise<void> {
    this.clearTimer();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchSize);
      await this.write(batch);
    }
  }

  private async write(batch: ToolCallLogRow[]): Promise<void> {
    try {
      await this.sink(batch);
    } catch (first) {
      this.logger.warn(`tool_call_log write of ${batch.length} rows failed, retrying once: ${message(first)}`);
      try {
        await this.sink(batch);
      } catch (second) {
        this.droppedRows += batch.length;
        this.logger.error(`tool_call_log write of ${batch.length} rows failed again; rows dropped: ${message(second)}`);
      }
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
