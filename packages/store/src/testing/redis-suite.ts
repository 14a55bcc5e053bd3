import { describe, it } from 'vitest';
import { REDIS_SKIP_MESSAGE, redisServerAvailable } from './redis-server.js';

/**
 * `describe` for suites that need a real `redis-server`. Without the binary they are skipped with a
 * message, except under CI (`CI=true`), where the missing binary is a failing test: CI must not skip
 * the Redis suites silently.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisServerAvailable()) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs redis-server on PATH', () => {
        throw new Error(REDIS_SKIP_MESSAGE);
      });
    });
  } else {
    process.stderr.write(`${REDIS_SKIP_MESSAGE}\n`);
    describe.skip(name, body);
  }
}
