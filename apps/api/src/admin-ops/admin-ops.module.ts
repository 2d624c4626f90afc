import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PolicyRestoreService } from './policy-restore.service';
import { PolicySnapshotService } from './policy-snapshot.service';
import { PolicySnapshotsController } from './policy-snapshots.controller';
import { PromotionController } from './promotion.controller';
import { PromotionService } from './promotion.service';

/**
 * Platform admin operations on the policy as a whole: promote and demote with their impact, policy
 * snapshots and rollback. Builds on GovernanceCoreModule (lock, audit, chain cache).
 * `PolicySnapshotService.take(em, trigger, actor, reason)` is exported for other governance writes (the YAML sync).
 */
@Module({
  imports: [NotificationsModule],
  controllers: [PromotionController, PolicySnapshotsController],
  providers: [PromotionService, PolicySnapshotService, PolicyRestoreService],
  exports: [PolicySnapshotService],
})
export class AdminOpsModule {}
