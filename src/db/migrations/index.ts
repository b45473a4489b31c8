import type { Migration } from 'kysely';
import * as m0001 from './20261122T000000-create-platform.ts';

// Every migration, in order. Never edit one that has landed on main; add a new file instead.
export const migrations: Record<string, Migration> = {
  '20261122T000000-create-platform': m0001,
};
