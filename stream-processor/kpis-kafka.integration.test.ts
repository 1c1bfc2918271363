import { afterAll, describe, it } from 'vitest';
import { distributedStack } from '@/test/distributed';
import { sleep } from '@/test/processes';
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
    await stack.waitForDerived(EVENTS.length);
    await sleep(1000);
    await expectScenarioKpis(stack.store.client);
  });
});
