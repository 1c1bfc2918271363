import fs from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * docker-compose.yml against the Compose Specification schema (test/compose-spec.json, from
 * compose-spec/compose-go v2.9.1, the schema `docker compose config` validates with). No Docker
 * engine or compose plugin is needed; `docker compose config` itself was also run (docs).
 */
describe('docker-compose.yml', () => {
  const doc = parse(fs.readFileSync('docker-compose.yml', 'utf8'), { merge: true });

  it('is valid against the Compose Specification', () => {
    // The schema names draft-07 by a URL Ajv does not preload; the schema itself is trusted.
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync('test/compose-spec.json', 'utf8')));
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // …and the schema does reject what compose would: a typo'd key, a wrong type.
    expect(validate({ services: { web: { imagee: 'x' } } })).toBe(false);
    expect(validate({ services: { web: { image: 'x', depends_on: 5 } } })).toBe(false);
  });

  it('runs Kafka, ClickHouse, two processor replicas and the web app, each with a health check', () => {
    expect(Object.keys(doc.services).sort()).toEqual(['clickhouse', 'kafka', 'processor', 'web']);
    expect(doc.services.processor.deploy.replicas).toBe(2);
    for (const s of Object.values(doc.services) as { healthcheck?: unknown }[]) expect(s.healthcheck).toBeDefined();
    expect(doc.services.processor.environment.KAFKA_BROKERS).toBe('kafka:9092');
    expect(doc.services.web.environment.CLICKHOUSE_URL).toBe('http://clickhouse:8123');
  });
});
