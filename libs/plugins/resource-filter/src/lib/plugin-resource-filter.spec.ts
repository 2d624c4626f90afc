import { pluginResourceFilter } from './plugin-resource-filter';

describe('pluginResourceFilter', () => {
  it('should work', () => {
    expect(pluginResourceFilter()).toEqual('plugin-resource-filter');
  });
});
