import { pluginRegexFilter } from './plugin-regex-filter';

describe('pluginRegexFilter', () => {
  it('should work', () => {
    expect(pluginRegexFilter()).toEqual('plugin-regex-filter');
  });
});
