/** Audit rows as the sentences of the usage report: "alice@example.com enabled DenyFilterPlugin on server 'prod_tools' 2 hours ago". */

export interface ChangeRecord {
  at: Date;
  actorEmail: string | null;
  action: string;
  pluginName: string | null;
  level: string;
  entityType: string;
  entityName: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
}

const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'} ago`;

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function timeAgo(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

function where(change: ChangeRecord): string {
  const name = change.entityName ?? '';
  switch (change.entityType) {
    case 'server':
      return ` on server '${name}'`;
    case 'team':
      return ` for team '${name}'`;
    case 'user':
      return ` for user ${name}`;
    default:
      return '';
  }
}

function verb(change: ChangeRecord): string {
  const plugin = change.pluginName ?? 'a plugin';
  const enabledAfter = change.newValue?.['enabled'];
  const enabledBefore = change.oldValue?.['enabled'];
  switch (change.action) {
    case 'setting.created':
      return `${enabledAfter === false ? 'disabled' : 'enabled'} ${plugin}`;
    case 'setting.auto_enabled':
      return `enabled ${plugin} (required by another plugin)`;
    case 'setting.updated':
      if (typeof enabledAfter === 'boolean' && enabledAfter !== enabledBefore) return `${enabledAfter ? 'enabled' : 'disabled'} ${plugin}`;
      return `changed the config of ${plugin}`;
    case 'setting.deleted':
      return `removed the ${change.level} setting of ${plugin}`;
    case 'registry.created':
      return `added ${plugin} to the registry`;
    case 'registry.removed':
      return `removed ${plugin} from the registry`;
    case 'registry.updated':
    case 'registry.synced': {
      const fields = Object.keys(change.newValue ?? {});
      return `changed the registry entry of ${plugin}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`;
    }
    case 'plugin.promoted':
      return `made ${plugin} mandatory`;
    case 'plugin.demoted':
      return `made ${plugin} optional`;
    case 'policy.restored':
      return `restored the plugin policy of ${change.entityName ?? 'a snapshot'}`;
    default:
      return `${change.action} ${plugin}`;
  }
}

export function describeChange(change: ChangeRecord, now: Date): string {
  return `${change.actorEmail ?? 'system'} ${verb(change)}${where(change)} ${timeAgo(change.at, now)}`;
}
