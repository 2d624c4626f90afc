import { governance } from './governance';

describe('governance', () => {
  it('should work', () => {
    expect(governance()).toEqual('governance');
  });
});
