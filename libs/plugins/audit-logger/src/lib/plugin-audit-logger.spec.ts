import { pluginAuditLogger } from './plugin-audit-logger';

describe('pluginAuditLogger', () => {
  it('should work', () => {
    expect(pluginAuditLogger()).toEqual('plugin-audit-logger');
  });
});
