import { Client } from 'pg';
import { reencryptProfiles } from '../../../db/participants/participant-profile-codec';
import { FieldCipher } from '../../../platform/field-encryption';
import { startTestApi, type TestApi } from '../../support/api-harness';
import { chainPendingAudit } from '../../support/audit-trail';

let api: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi();
  for (const user of ['admin', 'trader1', 'trader2', 'compliance']) {
    tokens[user] = await api.login(`${user}@bondx.local`);
  }
});
afterAll(() => api.stop());

const PROFILE = {
  pan: 'AAACS8577K',
  bank_account: { number: '30012345678901', ifsc: 'SBIN0000300' },
  contact: { email: 'treasury.ops@sbin.example', phone: '+912222740000' },
};

async function rawProfile(participantId: number) {
  await chainPendingAudit(api.deps.orm);
  const db = new Client({ connectionString: process.env.BONDX_DATABASE_ADMIN_URL });
  await db.connect();
  try {
    const profile = await db.query('select * from participant_profiles where participant_id = $1', [
      participantId,
    ]);
    const audit = await db.query(
      "select details::text from audit_events where action like 'PARTICIPANT_PROFILE%'",
    );
    return { row: profile.rows[0], audit: audit.rows.map((r) => r.details as string).join('\n') };
  } finally {
    await db.end();
  }
}

describe('participant profiles (encrypted at rest)', () => {
  test('when an admin stores a profile, then the database and the audit trail hold no plaintext', async () => {
    const put = await api.call('PUT', '/api/v1/participants/2/profile', {
      token: tokens.admin,
      body: PROFILE,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject(PROFILE);
    const { row, audit } = await rawProfile(2);
    const stored = JSON.stringify(row);
    for (const secret of ['AAACS8577K', '30012345678901', 'treasury.ops', '+912222740000']) {
      expect(stored).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(row.pan_ciphertext).toMatch(/^enc:v1:dev-1:/);
    expect(audit).toContain('******577K');
  });

  test('when members read profiles, then they see only their own; compliance sees any', async () => {
    const own = await api.call('GET', '/api/v1/participants/2/profile', { token: tokens.trader1 });
    expect(own.status).toBe(200);
    expect((await own.json()).pan).toBe('AAACS8577K');
    expect((await api.call('GET', '/api/v1/participants/2/profile', { token: tokens.trader2 })).status).toBe(
      404,
    );
    expect(
      (await api.call('GET', '/api/v1/participants/2/profile', { token: tokens.compliance })).status,
    ).toBe(200);
    const put = await api.call('PUT', '/api/v1/participants/3/profile', {
      token: tokens.trader2,
      body: PROFILE,
    });
    expect(put.status).toBe(403);
  });

  test('when the PAN or account is malformed, then 422 names the field and nothing changes', async () => {
    const before = (await rawProfile(2)).row;
    const res = await api.call('PUT', '/api/v1/participants/2/profile', {
      token: tokens.admin,
      body: { ...PROFILE, pan: 'ABCXE1234F', bank_account: { number: '12', ifsc: 'SBIN0000300' } },
    });
    expect(res.status).toBe(422);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['pan', 'bank_account.number']));
    expect((await rawProfile(2)).row).toEqual(before);
  });

  test('when the key rotates, then every value is re-encrypted once under the new key and still reads back', async () => {
    const oldKey = api.deps.config.encryption.current;
    const newKey = { id: 'k2', key: Buffer.alloc(32, 9) };
    const rotated = new FieldCipher(newKey, [oldKey]);
    // Every profile in the shared database, this file's and those other suites onboarded before it.
    const profiles = (await api.deps.pg.query('select count(*)::int as n from participant_profiles')).rows[0]
      .n;
    expect(profiles).toBeGreaterThanOrEqual(1);
    expect(await reencryptProfiles(api.deps.orm.em, rotated)).toEqual({
      checked: profiles,
      reencrypted: profiles,
    });
    expect(await reencryptProfiles(api.deps.orm.em, rotated)).toEqual({ checked: profiles, reencrypted: 0 });
    expect((await rawProfile(2)).row.bank_account_number_ciphertext).toMatch(/^enc:v1:k2:/);
    const next = await startTestApi({ encryption: { current: newKey, old: [] } });
    try {
      const token = await next.login('trader1@bondx.local');
      expect(
        await (await next.call('GET', '/api/v1/participants/2/profile', { token })).json(),
      ).toMatchObject(PROFILE);
    } finally {
      await next.stop();
      // Back under the suite's key, so later suites read the profiles they onboarded.
      await reencryptProfiles(api.deps.orm.em, new FieldCipher(oldKey, [newKey]));
    }
  });
});
