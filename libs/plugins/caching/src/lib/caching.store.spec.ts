import { MemoryCachingStore } from './caching.store';

describe('MemoryCachingStore', () => {
  it('expires entries after their ttl', () => {
    let now = 0;
    const store = new MemoryCachingStore({ now: () => now });
    store.set('k', { value: 1 }, 10);
    now = 9_999;
    expect(store.get('k')).toEqual({ value: 1 });
    now = 10_000;
    expect(store.get('k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const store = new MemoryCachingStore({ maxEntries: 2 });
    store.set('a', { value: 'a' }, 60);
    store.set('b', { value: 'b' }, 60);
    store.get('a');
    store.set('c', { value: 'c' }, 60);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toEqual({ value: 'a' });
    expect(store.get('c')).toEqual({ value: 'c' });
    expect(store.size).toBe(2);
  });

  it('does not keep entries with a non-positive ttl', () => {
    const store = new MemoryCachingStore();
    store.set('k', { value: 1 }, 0);
    expect(store.get('k')).toBeUndefined();
  });
});
