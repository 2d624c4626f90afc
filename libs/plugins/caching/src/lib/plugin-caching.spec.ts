import { pluginCaching } from './plugin-caching';

describe('pluginCaching', () => {
  it('should work', () => {
    expect(pluginCaching()).toEqual('plugin-caching');
  });
});
