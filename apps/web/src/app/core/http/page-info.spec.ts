import { newPage } from '../../../testing/factories';
import { pageInfo, pageWindow } from './page-info';

describe('pageWindow', () => {
  it('turns ?page= into limit and offset', () => {
    expect(pageWindow('3', 20)).toEqual({ page: 3, limit: 20, offset: 40 });
  });

  it.each([undefined, '', '0', '-1', '1.5', 'two'])(
    'falls back to page 1 for %p',
    (page) => {
      expect(pageWindow(page, 10)).toEqual({ page: 1, limit: 10, offset: 0 });
    },
  );
});

describe('pageInfo', () => {
  it('says which items are shown and whether there is more', () => {
    expect(pageInfo(newPage(['a', 'b'], { offset: 20, total: 23 }))).toEqual({
      first: 21,
      last: 22,
      total: 23,
      hasPrevious: true,
      hasNext: true,
    });
  });
});
