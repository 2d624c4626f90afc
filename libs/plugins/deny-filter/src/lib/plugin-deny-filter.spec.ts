import { pluginDenyFilter } from './plugin-deny-filter';

describe('pluginDenyFilter', () => {
  it('should work', () => {
    expect(pluginDenyFilter()).toEqual('plugin-deny-filter');
  });
});
