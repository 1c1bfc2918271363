import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Integration suites run against a real Kafka broker: the one in KAFKA_BROKERS, or a single KRaft
 * node this setup starts from the project's cached jars (scripts/kafka.sh) and stops afterwards.
 */
export default function setup(project: TestProject) {
  let dir: string | undefined;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-kafka-'));
    brokers = execFileSync('bash', ['scripts/kafka.sh', 'start', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  }
  project.provide('kafkaBrokers', brokers);
  project.provide('kafkaDir', dir ?? '');
  return () => {
    if (dir) {
      execFileSync('bash', ['scripts/kafka.sh', 'stop', dir], { stdio: 'inherit' });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    /** State directory of the broker this setup started ('' when KAFKA_BROKERS was given). */
    kafkaDir: string;
  }
}
