import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreUrl, redactStoreUrl, resolveStoreUrl } from './url.js';

const bad = (url: string) => {
  try {
    parseStoreUrl(url);
  } catch (error) {
    expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
    return (error as Error).message;
  }
  throw new Error(`${url} parsed`);
};

describe('store URLs', () => {
  it('parses memory, sqlite paths and redis URLs', () => {
    expect(parseStoreUrl('memory')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite:/var/lib/headroom/s.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/headroom/s.db',
    });
    expect(parseStoreUrl('sqlite:~/x/s.db')).toEqual({ kind: 'sqlite', path: join(homedir(), 'x/s.db') });
    expect(parseStoreUrl('sqlite:rel/s.db')).toEqual({ kind: 'sqlite', path: resolve('rel/s.db') });
    expect(parseStoreUrl('redis://cache.internal:6380/2')).toEqual({
      kind: 'redis',
      host: 'cache.internal',
      port: 6380,
      db: 2,
      tls: false,
    });
    expect(parseStoreUrl('rediss://u%40x:p%3Ass@[::1]')).toEqual({
      kind: 'redis',
      host: '::1',
      port: 6379,
      db: 0,
      tls: true,
      username: 'u@x',
      password: 'p:ss',
    });
    expect(parseStoreUrl('redis://:secret@h:1/')).toMatchObject({ password: 'secret', db: 0 });
  });

  it('names the bad part of a URL', () => {
    expect(bad('postgres://h/db')).toMatch(/unknown scheme "postgres:"/);
    expect(bad('/tmp/store.db')).toMatch(/expected memory, sqlite:PATH, redis:\/\//);
    expect(bad('redis://h:99999/0')).toMatch(/port "99999" is not a number from 1 to 65535/);
    expect(bad('redis://h:abc')).toMatch(/port "abc"/);
    expect(bad('redis://h:6379/x')).toMatch(/database "\/x"/);
    expect(bad('redis://:6379/0')).toMatch(/missing host/);
    expect(bad('redis://h/0?tls=1')).toMatch(/unexpected "\?tls=1"/);
    expect(bad('sqlite://tmp/s.db')).toMatch(/path "\/\/tmp\/s.db"/);
    expect(bad('redis://user:hunter2@h:0/0')).not.toContain('hunter2');
  });

  it('shows passwords as ***', () => {
    expect(redactStoreUrl('redis://user:hunter2@h:6379/0')).toBe('redis://user:***@h:6379/0');
    expect(redactStoreUrl('rediss://:hunter2@h')).toBe('rediss://:***@h');
    expect(redactStoreUrl('redis://h:6379/0')).toBe('redis://h:6379/0');
    expect(redactStoreUrl('sqlite:/a:b@c')).toBe('sqlite:/a:b@c');
  });

  it('resolves --store > HEADROOM_STORE > config > sqlite under HEADROOM_HOME', () => {
    const env = { HEADROOM_STORE: 'redis://env:1/0', HEADROOM_HOME: '/srv/hr' };
    expect(resolveStoreUrl({ flag: 'memory', config: 'sqlite:/c.db' }, env)).toBe('memory');
    expect(resolveStoreUrl({ flag: ' ', config: 'sqlite:/c.db' }, env)).toBe('redis://env:1/0');
    expect(resolveStoreUrl({ config: 'sqlite:/c.db' }, { HEADROOM_STORE: '' })).toBe('sqlite:/c.db');
    expect(resolveStoreUrl({}, { HEADROOM_HOME: '/srv/hr' })).toBe('sqlite:/srv/hr/store.db');
  });
});
