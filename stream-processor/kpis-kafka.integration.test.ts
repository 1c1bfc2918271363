import { afterAll, describe, it } from 'vitest';
import { distributedStack } from '@/test/distributed';
import { sleep, waitFor } from '@/test/processes';
import { EVENTS, shuffledWithDuplicates } from '@/test/scenario';
import { expectScenarioKpis } from '@/test/scenario-expectations';

let stack: Awaited<ReturnType<typeof distributedStack>> | undefined;
afterAll(async () => stack?.close());

describe('KPIs through Kafka → processor service → ClickHouse endpoint', () => {
  it('match the hand-computed scenario, sent shuffled with duplicates', async () => {
    stack = await distributedStack();
    await stack.startProcessor();
    await stack.publish(shuffledWithDuplicates(3));
    await stack.waitForRows(EVENTS.length);
    // The raw rows are appended before a batch's derivation, which a busy machine can make slow
    // (seen: the exception figures read before the last batch was derived). Freshness is written
    // after it: wait for every event there.
    const fresh = async () => Number((await stack!.rows<{ n: number }>('SELECT sum(events) AS n FROM freshness'))[0].n);
    await waitFor('freshness for every event', async () => (await fresh()) >= EVENTS.length || undefined, 90_000, 250);
    await sleep(1000);
    await expectScenarioKpis(stack.store.client);
  });
});
