/**
 * Onboarding a member through the API as an admin does it: the participant (with its HOUSE
 * portfolio), one user of given roles, and that user's login. Shared by the integration tests
 * (test/support/member-fixtures.ts) and the load benchmarks (test/bench), hence in the build.
 */

/** The part of a fetch response onboarding reads. */
export interface ApiAnswer {
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** How onboarding reaches the API: one authenticated call, and a login answering an access token. */
export interface OnboardingApi {
  call(method: string, path: string, opts: { token: string; body?: unknown }): Promise<ApiAnswer>;
  login(username: string, password: string): Promise<string>;
}

export interface MemberSpec {
  code: string;
  roles: string[];
  password: string;
  kind?: string;
  domicile?: string;
}

export interface OnboardedMember {
  participantId: number;
  username: string;
  token: string;
}

export const memberUsername = (code: string) => `${code.toLowerCase()}@test.bondx.local`;

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every item of a paged list, following its cursors. */
async function allItems<T>(api: OnboardingApi, admin: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.call('GET', `${path}${sep}limit=1000${cursor ? `&cursor=${cursor}` : ''}`, {
      token: admin,
    });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as Page<T>;
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/**
 * The member `spec.code` with its user `memberUsername(code)`, logged in. Idempotent: a participant
 * or user that exists already (409) is looked up and reused, so a rerun against the same database
 * answers the same member; a username held by another participant is an error.
 */
export async function onboardMember(
  api: OnboardingApi,
  admin: string,
  spec: MemberSpec,
): Promise<OnboardedMember> {
  const { code, roles, password } = spec;
  const p = await api.call('POST', '/api/v1/participants', {
    token: admin,
    body: {
      code,
      name: `${code} test member`,
      kind: spec.kind ?? 'BROKER',
      domicile: spec.domicile ?? 'DOMESTIC',
    },
  });
  let participantId: number;
  if (p.status === 201) {
    participantId = ((await p.json()) as { participant_id: number }).participant_id;
  } else if (p.status === 409) {
    const all = await allItems<{ participant_id: number; code: string }>(api, admin, '/api/v1/participants');
    const found = all.find((x) => x.code === code);
    if (!found) throw new Error(`participant ${code}: 409 but not listed`);
    participantId = found.participant_id;
  } else {
    throw new Error(`participant ${code}: ${p.status} ${await p.text()}`);
  }
  const username = memberUsername(code);
  const u = await api.call('POST', '/api/v1/users', {
    token: admin,
    body: { username, display_name: code, password, participant_id: participantId, roles },
  });
  if (u.status === 409) {
    const users = await allItems<{ username: string }>(
      api,
      admin,
      `/api/v1/users?participant_id=${participantId}`,
    );
    if (!users.some((x) => x.username === username))
      throw new Error(`user ${username} exists for another participant than ${code}`);
  } else if (u.status !== 201) {
    throw new Error(`user ${username}: ${u.status} ${await u.text()}`);
  }
  return { participantId, username, token: await api.login(username, password) };
}
