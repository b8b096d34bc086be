import { memberUsername, onboardMember } from '../../../infra/onboarding/onboard-member';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { FIXTURE_PASSWORD } from '../../support/member-fixtures';

// The shared onboarding (tests and load benchmarks) is idempotent: a rerun reuses what exists.
let api: TestApi;
let admin: string;
const code = `ONBOARD_${process.pid}`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('admin@bondx.local');
});
afterAll(async () => api.stop());

const whoAmI = async (token: string) =>
  (await (await api.call('GET', '/auth/me', { token })).json()) as { participant_id: number };

test('onboarding the same member twice answers the same participant and user, logged in', async () => {
  const first = await onboardMember(api, admin, { code, roles: ['TRADER'], password: FIXTURE_PASSWORD });
  const again = await onboardMember(api, admin, { code, roles: ['TRADER'], password: FIXTURE_PASSWORD });
  expect(again.participantId).toBe(first.participantId);
  expect(again.username).toBe(first.username);
  expect((await whoAmI(again.token)).participant_id).toBe(first.participantId);
  const users = await api.call('GET', `/api/v1/users?participant_id=${first.participantId}`, {
    token: admin,
  });
  expect((await users.json()).items).toHaveLength(1);
});

test('a username held by another participant is refused, not reused', async () => {
  const owner = await onboardMember(api, admin, {
    code: `${code}_X`,
    roles: ['TRADER'],
    password: FIXTURE_PASSWORD,
  });
  const other = `${code}_Y`;
  const p = await api.call('POST', '/api/v1/participants', {
    token: admin,
    body: { code: other, name: `${other} test member`, kind: 'BROKER', domicile: 'DOMESTIC' },
  });
  expect(p.status).toBe(201);
  // The username onboarding would give `other`, taken by a user of the first member.
  const u = await api.call('POST', '/api/v1/users', {
    token: admin,
    body: {
      username: memberUsername(other),
      display_name: other,
      password: FIXTURE_PASSWORD,
      participant_id: owner.participantId,
      roles: ['TRADER'],
    },
  });
  expect(u.status).toBe(201);
  await expect(
    onboardMember(api, admin, { code: other, roles: ['TRADER'], password: FIXTURE_PASSWORD }),
  ).rejects.toThrow(/exists for another participant/);
});
