import { pluginPiiFilter } from './plugin-pii-filter';

describe('pluginPiiFilter', () => {
  it('should work', () => {
    expect(pluginPiiFilter()).toEqual('plugin-pii-filter');
  });
});
