import { describe, expect, it } from 'vitest';
import { memoryKeeper } from './memory.ts';

// The batch jobs' memory keeper (platform/memory.ts): a full collection once `everyRows` rows are handled.

describe('memory keeper', () => {
  it('runs a full collection once the rows handled reach everyRows, freeing what was dropped', async () => {
    const keeper = memoryKeeper(1_000);
    const dropped = new WeakRef({ big: new Array(1_000).fill('x') });
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef's target is kept to the end of its turn
    keeper.handled(999);
    keeper.handled(1);
    expect(dropped.deref()).toBeUndefined();
  });
});
