/** Hand-written sources for behaviour tests (the real-file corpus lives in corpus.ts). */

/** The seed document's example, verbatim. */
export const SEED_EXAMPLE = `
import os
from typing import List

def process_items(items: List[str]) -> List[str]:
    """Process a list of items."""
    results = []
    for item in items:
        if not item:
            continue
        processed = item.strip().lower()
        results.append(processed)
    return results
`;

/** The seed function inside a module of realistic size (the snippet alone is 65 tokens). */
export const SEED_MODULE = `${SEED_EXAMPLE}

def load_items(path: str) -> List[str]:
    """Read one item per line from a UTF-8 file.

    Blank lines are kept so that callers can report line numbers.
    """
    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            items.append(line.rstrip("\\n"))
    if not items:
        raise ValueError(f"no items in {path}")
    return items


def save_items(path: str, items: List[str]) -> int:
    """Write items, one per line, and return how many were written."""
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(item + "\\n")
            count += 1
    return count
`;

export const PY_SERVICE = `"""Configuration loading for the ingest service."""

import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

log = logging.getLogger(__name__)

DEFAULT_PATH = "/etc/ingest/config.json"


@dataclass
class Config:
    """Runtime settings of the ingest service."""

    endpoint: str
    retries: int = 3
    timeout: float = 10.0
    tags: Dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for the startup log."""
        parts = [self.endpoint, f"retries={self.retries}", f"timeout={self.timeout}"]
        for key, value in sorted(self.tags.items()):
            parts.append(f"{key}={value}")
        text = " ".join(parts)
        if len(text) > 200:
            text = text[:197] + "..."
        return text

    def with_tags(self, **tags: str) -> "Config":
        merged = dict(self.tags)
        merged.update(tags)
        for key in list(merged):
            if not merged[key]:
                del merged[key]
        log.debug("tags now %s", merged)
        return Config(self.endpoint, self.retries, self.timeout, merged)


def parse_config(raw: str) -> Config:
    """Parse the JSON text of a config file.

    Raises ValueError with the offending key when a field has the wrong type.
    """
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("config must be an object")
    endpoint = data.get("endpoint")
    if not isinstance(endpoint, str):
        raise ValueError("endpoint must be a string")
    retries = data.get("retries", 3)
    timeout = data.get("timeout", 10.0)
    tags = data.get("tags", {})
    return Config(endpoint, int(retries), float(timeout), dict(tags))


def load_config(path: Optional[str] = None) -> Config:
    """Load the config from a path, the INGEST_CONFIG variable or the default."""
    candidate = path or os.environ.get("INGEST_CONFIG") or DEFAULT_PATH
    log.info("loading config from %s", candidate)
    attempts = 0
    while True:
        attempts += 1
        try:
            with open(candidate, encoding="utf-8") as handle:
                raw = handle.read()
            config = parse_config(raw)
            log.info("config: %s", config.describe())
            return config
        except FileNotFoundError:
            log.warning("no config at %s", candidate)
            raise
        except ValueError as error:
            log.error("bad config in %s: %s", candidate, error)
            if attempts >= 3:
                raise RuntimeError(f"giving up on {candidate}") from error


def _merge(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merge(result[key], value)
        else:
            result[key] = value
    log.debug("merged %d keys", len(result))
    return result


def _unused_helper(values):
    total = 0
    for value in values:
        if value is None:
            continue
        total += value
    average = total / max(1, len(values))
    log.debug("average %s", average)
    return average
`;

export const GO_SERVICE = `package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned when a user does not exist.
var ErrNotFound = errors.New("user not found")

// User is a row of the users table.
type User struct {
	ID        int64
	Email     string
	CreatedAt time.Time
}

// Store reads and writes users.
type Store struct {
	db      *sql.DB
	timeout time.Duration
}

// Get loads one user by id.
func (s *Store) Get(ctx context.Context, id int64) (*User, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	row := s.db.QueryRowContext(ctx, "SELECT id, email, created_at FROM users WHERE id = $1", id)
	var u User
	err := row.Scan(&u.ID, &u.Email, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get user %d: %w", id, err)
	}
	u.Email = normalize(u.Email)
	return &u, nil
}

// Create inserts a user and returns its id.
func (s *Store) Create(ctx context.Context, email string) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	email = normalize(email)
	var id int64
	err := s.db.QueryRowContext(ctx, "INSERT INTO users (email) VALUES ($1) RETURNING id", email).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("create user %q: %w", email, err)
	}
	s.audit(ctx, "create", id)
	return id, nil
}

func (s *Store) audit(ctx context.Context, action string, id int64) {
	_, err := s.db.ExecContext(ctx, "INSERT INTO audit (action, user_id) VALUES ($1, $2)", action, id)
	if err != nil {
		fmt.Println("audit failed:", err)
	}
	fmt.Println("audited", action, id)
	fmt.Println("done")
}

func normalize(email string) string {
	out := make([]rune, 0, len(email))
	for _, r := range email {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}
`;

export const JS_MODULE = `'use strict';

const fs = require('fs');
const path = require('path');

class ValidationError extends Error {
  constructor(field, message) {
    super(\`\${field}: \${message}\`);
    this.field = field;
  }
}

function validateUser(user) {
  if (!user) throw new ValidationError('user', 'missing');
  const errors = [];
  if (typeof user.name !== 'string' || user.name.length === 0) {
    errors.push('name');
  }
  if (!/^[^@]+@[^@]+$/.test(user.email)) {
    errors.push('email');
  }
  if (errors.length > 0) {
    throw new ValidationError(errors.join(','), 'invalid');
  }
  return true;
}

async function loadUsers(dir) {
  const files = await fs.promises.readdir(dir);
  const users = [];
  for (const file of files) {
    if (!file.endsWith('.json')) continue;
    const raw = await fs.promises.readFile(path.join(dir, file), 'utf8');
    const user = JSON.parse(raw);
    validateUser(user);
    users.push(user);
  }
  users.sort((a, b) => a.name.localeCompare(b.name));
  return users;
}

module.exports = { loadUsers, validateUser, ValidationError };
`;

export const TS_MODULE = `import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';

/** A job waiting in the queue. */
export interface Job<T = unknown> {
  id: string;
  payload: T;
  attempts: number;
  runAt: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export enum JobState {
  Waiting = 'waiting',
  Running = 'running',
  Failed = 'failed',
}

export class JobQueue<T> extends EventEmitter {
  private readonly jobs: Job<T>[] = [];
  private running = 0;

  constructor(
    private readonly handler: JobHandler<T>,
    private readonly concurrency = 2,
  ) {
    super();
  }

  push(payload: T, delayMs = 0): Job<T> {
    const job: Job<T> = { id: Math.random().toString(36).slice(2), payload, attempts: 0, runAt: Date.now() + delayMs };
    this.jobs.push(job);
    this.jobs.sort((a, b) => a.runAt - b.runAt);
    this.emit('queued', job);
    void this.drain();
    return job;
  }

  private async drain(): Promise<void> {
    if (this.running >= this.concurrency) return;
    const job = this.jobs.shift();
    if (!job) return;
    this.running++;
    try {
      job.attempts++;
      await this.handler(job);
      this.emit('done', job);
    } catch (error) {
      this.emit('failed', job, error);
      if (job.attempts < 3) this.jobs.push({ ...job, runAt: Date.now() + 1000 * job.attempts });
    } finally {
      this.running--;
      void this.drain();
    }
  }
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) {
    throw new Error('empty stream');
  }
  return text;
}
`;

/** A licence header of `n` comment lines, with the language's line comment. */
export function licenceHeader(n: number, comment = '#'): string {
  const words = ['Licensed', 'under', 'the', 'Apache', 'License,', 'Version', '2.0', 'see', 'LICENSE'];
  return Array.from(
    { length: n },
    (_, i) => `${comment} ${words.slice(0, (i % words.length) + 1).join(' ')}`,
  ).join('\n');
}
