import os from 'node:os';
import path from 'node:path';

const DEFAULT_PORT = 3210;
const port = Number(process.env.E2E_PORT ?? DEFAULT_PORT);
const idpPort = Number(process.env.E2E_IDP_PORT ?? port + 1);

/** Shared by the e2e setup and specs: where the server runs and who signs in. */
export const E2E = {
  port,
  baseURL: `http://127.0.0.1:${port}`,
  /** The development OIDC provider (scripts/oidc-dev-provider.ts) the server trusts for single sign-on. */
  idpPort,
  adminToken: 'e2e-admin-token-0123456789abcdef',
  password: 'e2e-password-0123456789',
  /** Per port: `npm test` runs two servers' suites side by side (scripts/test.sh). */
  authDir: path.resolve('e2e/.auth', String(port)),
  /** Playwright empties its output folder when a run starts: one per port, for the same reason. */
  outputDir: port === DEFAULT_PORT ? 'test-results' : `test-results-${port}`,
  pidFile: path.join(os.tmpdir(), `ops-pulse-e2e-${port}.pid`),
  /** Mail the server sends lands here, one .eml file each (the setup's SMTP server). */
  mailDir: path.join(os.tmpdir(), `ops-pulse-e2e-mail-${port}`),
  /** Where alerts go in the e2e stack: critical cutoff risks at DC-EAST by mail, escalating after 30 s. */
  notify: {
    channels: [
      { kind: 'email', id: 'east-leads', to: ['walt@example.com'], timeZone: 'America/New_York' },
      { kind: 'email', id: 'director', to: ['director@example.com'] },
    ],
    routes: [{ types: ['cutoff_risk'], severities: ['critical'], warehouses: ['DC-EAST'], channels: ['east-leads'] }],
    escalation: {
      afterMinutes: 0.5,
      levels: [
        { name: 'shift lead', channels: ['east-leads'] },
        { name: 'operations director', channels: ['director'] },
      ],
    },
  },
  /**
   * The instant the server's clock starts at (OPS_CLOCK_START): a weekday afternoon by default, so
   * no figure depends on the day the suite runs. `npm test` also runs the board at a Monday 06:00
   * and a Sunday noon (E2E_NOW), when carriers have collected nothing for a day.
   */
  now: process.env.E2E_NOW ?? '2026-11-18T15:00:00.000Z',
  /**
   * The simulator's back-fill before the specs start: two weeks by default (the returns drill reads
   * 30 days). The runs at the other clocks read a day or two, and take 4 days at the same density.
   */
  backfill: { days: process.env.E2E_BACKFILL_DAYS ?? '14', events: process.env.E2E_BACKFILL_EVENTS ?? '100000' },
  users: [
    { username: 'erin', role: 'executive', warehouses: [] as string[] },
    { username: 'walt', role: 'warehouse_manager', warehouses: ['DC-EAST', 'DC-WEST', 'DC-EU'] },
    { username: 'petra', role: 'planner', warehouses: [] as string[] },
    { username: 'sam', role: 'support', warehouses: [] as string[] },
  ],
};

export const stateOf = (username: string) => path.join(E2E.authDir, `${username}.json`);
