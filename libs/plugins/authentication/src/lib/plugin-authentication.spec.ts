import { pluginAuthentication } from './plugin-authentication';

describe('pluginAuthentication', () => {
  it('should work', () => {
    expect(pluginAuthentication()).toEqual('plugin-authentication');
  });
});
