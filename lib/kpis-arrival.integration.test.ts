import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { EVENTS, shuffledWithDuplicates } from '@/test/scenario';
import { expectScenarioKpis } from '@/test/scenario-expectations';

// Its own file (and process): chDB binds one data directory per process.
let stack: Embedded;
afterAll(async () => stack?.stop());

describe('KPIs do not depend on arrival order', () => {
  beforeAll(async () => {
    stack = await startEmbedded();
  });

  it('events one at a time in reverse order, every third sent again at the end: same figures', async () => {
    for (const e of [...EVENTS].reverse()) expect((await stack.post(e)).rejected).toEqual([]);
    for (const e of EVENTS.filter((_, i) => i % 3 === 0)) await stack.post(e);
    await expectScenarioKpis(stack.store.reader);
  });

  it('and a different shuffle on top changes nothing (all duplicates)', async () => {
    await stack.post(shuffledWithDuplicates(12345));
    await expectScenarioKpis(stack.store.reader);
  });
});
