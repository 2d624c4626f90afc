import { pluginCustomMetrics } from './plugin-custom-metrics';

describe('pluginCustomMetrics', () => {
  it('should work', () => {
    expect(pluginCustomMetrics()).toEqual('plugin-custom-metrics');
  });
});
