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
    expect(c.batch).toEqual({ maxEvents: 20_000, waitMs: 250, duty: 0.5 });
  });

  it('switches to Kafka and turns the simulator off by default when brokers are set', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'a:9092, b:9092', CLICKHOUSE_URL: 'http://ch:8123' });
    expect(c.mode).toBe('distributed');
    expect(c.kafka?.brokers).toEqual(['a:9092', 'b:9092']);
    expect(c.simulator.enabled).toBe(false);
    expect(c.clickhouse?.url).toBe('http://ch:8123');
  });

  it('reads alert delivery settings, and names the variable when they are wrong', () => {
    const c = loadConfig({
      OPS_NOTIFY_CONFIG: JSON.stringify({
        channels: [{ kind: 'slack', id: 'floor', url: 'https://hooks.example/x' }],
        routes: [{ severities: ['critical'], channels: ['floor'] }],
      }),
      OPS_NOTIFY_SMTP_URL: 'smtp://mail.example:587',
    });
    expect(c.notify.settings.routes[0]).toMatchObject({ severities: ['critical'], mode: 'immediate' });
    expect(c.notify.smtpUrl).toBe('smtp://mail.example:587');
    expect(c.publicUrl).toBe('http://localhost:3000');
    const problem = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return null;
      } catch (err) {
        return (err as ConfigError).problems[0];
      }
    };
    expect(problem({ OPS_NOTIFY_CONFIG: '{channels' })).toMatchObject({ variable: 'OPS_NOTIFY_CONFIG' });
    expect(problem({ OPS_NOTIFY_CONFIG: JSON.stringify({ routes: [{ channels: ['nowhere'] }] }) })).toEqual({
      variable: 'OPS_NOTIFY_CONFIG',
      message: 'no channel "nowhere"',
    });
    expect(problem({ OPS_NOTIFY_SMTP_URL: 'http://mail.example' })).toEqual({
      variable: 'OPS_NOTIFY_SMTP_URL',
      message: 'must be smtp:// or smtps://',
    });
  });

  it('parses API tokens and SLA overrides', () => {
    const c = loadConfig({ OPS_API_TOKENS: 'etl:admin:0123456789abcdef0123', OPS_SLA_MINUTES: 'short_pick=30' });
    expect(c.apiTokens).toEqual([{ name: 'etl', role: 'admin', token: '0123456789abcdef0123', warehouses: [] }]);
    expect(
      loadConfig({ OPS_API_TOKENS: 'ops:warehouse_manager:0123456789abcdef0123:DC-EAST|DC-EU' }).apiTokens[0]
        .warehouses,
    ).toEqual(['DC-EAST', 'DC-EU']);
    expect(c.slaMinutes.short_pick).toBe(30);
    expect(c.slaMinutes.order_hold).toBe(240);
  });

  it('a bad API token says which entry, what is wrong and what is allowed, never its secret', () => {
    const problems = (value: string) => {
      try {
        loadConfig({ OPS_API_TOKENS: value });
      } catch (err) {
        return (err as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
      }
      return [];
    };
    expect(problems('ok:admin:0123456789abcdef0123,etl:wizard:0123456789abcdef9999')).toEqual([
      'OPS_API_TOKENS: entry 2 ("etl"): role "wizard" is not one of executive, warehouse_manager, planner, support, admin, integration',
    ]);
    expect(problems('a:integration:0123456789abcdef0123,b:admin:0123456789abcdef0123')).toEqual([
      'OPS_API_TOKENS: entry 2 ("b"): has the same token as "a": give each client its own',
    ]);
    expect(problems('a:admin:0123456789abcdef0123,a:admin:0123456789abcdef4567')).toEqual([
      'OPS_API_TOKENS: entry 2 ("a"): this name is used twice',
    ]);
    expect(problems('wm:warehouse_manager:0123456789abcdef0123')[0]).toMatch(
      /entry 1 \("wm"\): a warehouse_manager token needs its warehouses/,
    );
    expect(problems('x:admin:0123456789abcdef0123,just-a-bare-secret-token')).toEqual([
      'OPS_API_TOKENS: entry 2: expected name:role:token or name:role:token:WH1|WH2',
    ]);
    expect(problems('etl:admin:short')[0]).toMatch(/at least 16 characters/);
    expect(problems('etl:wizard:0123456789abcdef9999').join()).not.toContain('0123456789abcdef9999');
  });

  it('single sign-on is off unless an issuer is set, and an issuer needs its client and callback, named', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OPS_OIDC_ISSUER: 'https://idp.example.com' })).toThrow(
      /OPS_OIDC_CLIENT_ID: required.*OPS_OIDC_CLIENT_SECRET: required.*OPS_OIDC_REDIRECT_URL: required/,
    );
    const c = loadConfig({
      OPS_OIDC_ISSUER: 'https://idp.example.com',
      OPS_OIDC_CLIENT_ID: 'ops',
      OPS_OIDC_CLIENT_SECRET: 's3cret',
      OPS_OIDC_REDIRECT_URL: 'https://ops.example.com/api/session/oidc/callback',
    });
    expect(c.oidc).toMatchObject({
      issuer: 'https://idp.example.com',
      clientId: 'ops',
      scopes: 'openid email profile',
      claims: { username: 'email', role: 'ops_role', warehouses: 'ops_warehouses' },
    });
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
