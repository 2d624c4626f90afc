import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

const GOVERNANCE_LOCK_KEY = 74210;

/**
 * Governance writes run one at a time: the check (is every affected chain still valid?) and
 * the write commit together or not at all, so two concurrent writes can never both commit a
 * combination that breaks a chain. In-process a promise queue orders them; on PostgreSQL a
 * transaction-scoped advisory lock extends that across instances. Writes are rare next to
 * reads, which never take the lock.
 */
@Injectable()
export class GovernanceLockService {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = this.tail.then(() =>
      this.db.transaction(async (em) => {
        if (this.db.options.type === 'postgres') {
          await em.query('SELECT pg_advisory_xact_lock($1)', [GOVERNANCE_LOCK_KEY]);
        }
        return work(em);
      }),
    );
    this.tail = result.catch(() => undefined);
    return result;
  }
}
