import { newPage, newServerSummary } from '../../../testing/factories';
import { pageInfo, toServerListView } from './server-list-query.util';

describe('toServerListView', () => {
  it('turns ?q=&page= into limit and offset', () => {
    expect(toServerListView(' prod ', '3', 20)).toEqual({
      q: 'prod',
      page: 3,
      limit: 20,
      offset: 40,
    });
  });

  it.each([undefined, '', '0', '-1', '1.5', 'two'])(
    'starts at page 1 for %p',
    (page) => {
      expect(toServerListView(undefined, page, 10)).toEqual({
        q: '',
        page: 1,
        limit: 10,
        offset: 0,
      });
    },
  );
});

describe('pageInfo', () => {
  it('describes a middle page', () => {
    const items = [newServerSummary(), newServerSummary()];

    expect(pageInfo(newPage(items, { total: 6, limit: 2, offset: 2 }))).toEqual(
      {
        first: 3,
        last: 4,
        total: 6,
        hasPrevious: true,
        hasNext: true,
      },
    );
  });

  it('describes the last page', () => {
    expect(
      pageInfo(
        newPage([newServerSummary()], { total: 5, limit: 2, offset: 4 }),
      ),
    ).toMatchObject({ first: 5, last: 5, hasNext: false });
  });

  it('describes an empty result', () => {
    expect(pageInfo(newPage([], { total: 0 }))).toEqual({
      first: 0,
      last: 0,
      total: 0,
      hasPrevious: false,
      hasNext: false,
    });
  });
});
