import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';

describe('config', () => {
  it('defaults to the embedded mode of SPEC section 2', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('embedded');
    expect(c.port).toBe(3000);
    expect(c.simulator).toMatchObject({ enabled: true, rate: 50 });
    expect(c.kafka).toBeNull();
    expect(c.slaMinutes.short_pick).toBe(120);
    expect(c.batch.snapshotCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ OPS_SNAPSHOT_CACHE_MB: '16' }).batch.snapshotCacheBytes).toBe(16 * 1024 * 1024);
  });

  it('switches to Kafka and turns the simulator off by default when brokers are set', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'a:9092, b:9092', CLICKHOUSE_URL: 'http://ch:8123' });
    expect(c.mode).toBe('distributed');
    expect(c.kafka?.brokers).toEqual(['a:9092', 'b:9092']);
    expect(c.simulator.enabled).toBe(false);
    expect(c.clickhouse?.url).toBe('http://ch:8123');
  });

  it('parses API tokens and SLA overrides', () => {
    const c = loadConfig({ OPS_API_TOKENS: 'etl:admin:0123456789abcdef0123', OPS_SLA_MINUTES: 'short_pick=30' });
    expect(c.apiTokens).toEqual([{ name: 'etl', role: 'admin', token: '0123456789abcdef0123', warehouses: [] }]);
    expect(loadConfig({ OPS_API_TOKENS: 'ops:warehouse_manager:0123456789abcdef0123:DC-EAST|DC-EU' }).apiTokens[0].warehouses).toEqual(['DC-EAST', 'DC-EU']);
    expect(c.slaMinutes.short_pick).toBe(30);
    expect(c.slaMinutes.order_hold).toBe(240);
  });

  it('single sign-on is off unless an issuer is set, and an issuer needs its client and callback, named', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OPS_OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/OPS_OIDC_CLIENT_ID: required.*OPS_OIDC_CLIENT_SECRET: required.*OPS_OIDC_REDIRECT_URL: required/);
    const c = loadConfig({ OPS_OIDC_ISSUER: 'https://idp.example.com', OPS_OIDC_CLIENT_ID: 'ops', OPS_OIDC_CLIENT_SECRET: 's3cret', OPS_OIDC_REDIRECT_URL: 'https://ops.example.com/api/session/oidc/callback' });
    expect(c.oidc).toMatchObject({ issuer: 'https://idp.example.com', clientId: 'ops', scopes: 'openid email profile', claims: { username: 'email', role: 'ops_role', warehouses: 'ops_warehouses' } });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['OPS_SIMULATOR', 'maybe'],
    ['OPS_SIMULATOR_RATE', '-5'],
    ['OPS_API_TOKENS', 'etl:wizard:0123456789abcdef0123'],
    ['OPS_API_TOKENS', 'etl:admin:short'],
    ['CLICKHOUSE_URL', 'not a url'],
    ['OPS_SLA_MINUTES', 'nonsense=5'],
  ])('a bad %s stops start-up naming the variable', (variable, value) => {
    try {
      loadConfig({ [variable]: value });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable)).toContain(variable);
    }
  });
});
