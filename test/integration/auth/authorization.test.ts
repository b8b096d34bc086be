import { ROLES, type Role } from '../../../domain/access/roles';
import { routeTable } from '../../../api/route-table';
import { startTestApi, type TestApi } from '../../support/api-harness';

// One demo user per role: the table says who may call what, and every other role must get 403.
const USER_OF_ROLE: Record<Role, string> = {
  ADMIN: 'admin@bondx.local',
  AUCTION_ADMIN: 'auctionadmin@bondx.local',
  TRADER: 'trader1@bondx.local',
  MARKET_MAKER: 'mm@bondx.local',
  RISK_OFFICER: 'risk@bondx.local',
  COMPLIANCE_OFFICER: 'compliance@bondx.local',
  OPERATIONS: 'ops@bondx.local',
};

const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'bond_id' ? 'BOND_001' : '999999'));

// An empty JSON body where a method carries one: role checks must come before body validation.
const withBody = (method: string, opts: { token?: string }) =>
  method === 'GET' ? opts : { ...opts, body: {} };

let api: TestApi;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  api = await startTestApi();
  for (const role of ROLES) tokens[role] = await api.login(USER_OF_ROLE[role]);
});
afterAll(() => api.stop());

const protectedRoutes = routeTable.filter((r) => r.access !== 'public');
const roleRoutes = routeTable.filter((r): r is typeof r & { access: readonly Role[] } =>
  Array.isArray(r.access),
);

describe('the route-by-role table', () => {
  test.each(protectedRoutes.map((r) => [r.method.toUpperCase(), r.path]))(
    'when %s %s is called without a token, then 401',
    async (method, path) => {
      const res = await api.call(method, concretePath(path), withBody(method, {}));
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    },
  );

  const denied = roleRoutes.flatMap((r) =>
    ROLES.filter((role) => !r.access.includes(role)).map(
      (role) => [r.method.toUpperCase(), r.path, role] as const,
    ),
  );
  test.each(denied)('when %s %s is called by %s, then 403', async (method, path, role) => {
    const res = await api.call(method, concretePath(path), withBody(method, { token: tokens[role] }));
    expect(res.status).toBe(403);
  });

  const allowed = roleRoutes.flatMap((r) =>
    r.access.map((role) => [r.method.toUpperCase(), r.path, role] as const),
  );
  test.each(allowed)(
    'when %s %s is called by %s, then it is not refused for its role',
    async (method, path, role) => {
      const res = await api.call(method, concretePath(path), withBody(method, { token: tokens[role] }));
      expect([401, 403]).not.toContain(res.status);
    },
  );

  test('when a member reads another participant, then 404 (its existence is not revealed)', async () => {
    const res = await api.call('GET', '/api/v1/participants/3', { token: tokens.TRADER });
    expect(res.status).toBe(404);
  });
});
