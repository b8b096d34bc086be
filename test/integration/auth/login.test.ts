import { startTestApi, type TestApi } from '../../support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('login', () => {
  test('when the password is right, then an access and a refresh token come back and the token works', async () => {
    const res = await api.call('POST', '/auth/login', {
      body: { username: 'trader1@bondx.local', password: 'bondx-demo' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(typeof body.refresh_token).toBe('string');
    const me = await api.call('GET', '/auth/me', { token: body.access_token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'trader1@bondx.local', roles: ['TRADER'] });
  });

  test('when the username differs only in case, then it still signs in', async () => {
    expect(await api.login('Trader2@BondX.local')).toEqual(expect.any(String));
  });

  test('when the password is wrong, then 401 problem+json and no hint whether the user exists', async () => {
    const wrong = await api.call('POST', '/auth/login', {
      body: { username: 'risk@bondx.local', password: 'nope-nope-nope' },
    });
    const unknown = await api.call('POST', '/auth/login', {
      body: { username: 'ghost@bondx.local', password: 'nope-nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await wrong.json()).detail).toEqual((await unknown.json()).detail);
  });

  test('when an account fails too often from one address, then it is locked out with 429 and Retry-After, even with the right password', async () => {
    // An account of its own: a demo user locked out here would stay locked for the suites after it.
    const username = 'lockout.trader@bondx.local';
    const created = await api.call('POST', '/api/v1/users', {
      token: await api.login('admin@bondx.local'),
      body: {
        username,
        display_name: 'Lockout',
        password: 'lockout-pass-1',
        participant_id: 7,
        roles: ['TRADER'],
      },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const r = await api.call('POST', '/auth/login', {
        body: { username, password: `wrong-${i}-password` },
      });
      expect(r.status).toBe(401);
    }
    const locked = await api.call('POST', '/auth/login', { body: { username, password: 'lockout-pass-1' } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await locked.json()).type).toBe('/errors/rate-limited');
  });
});

describe('sessions', () => {
  test('when a refresh token is used, then it rotates and reusing the old one revokes the session', async () => {
    const first = await api.loginFull('fund1@bondx.local');
    const r1 = await api.call('POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(r1.status).toBe(200);
    const second = await r1.json();
    expect(second.refresh_token).not.toEqual(first.refresh_token);

    const replay = await api.call('POST', '/auth/refresh', { body: { refresh_token: first.refresh_token } });
    expect(replay.status).toBe(401);
    // Theft detected: the whole session ends, including the tokens the thief's victim holds.
    expect((await api.call('GET', '/auth/me', { token: second.access_token })).status).toBe(401);
    expect(
      (await api.call('POST', '/auth/refresh', { body: { refresh_token: second.refresh_token } })).status,
    ).toBe(401);
  });

  test('when a user logs out, then that access token stops working at once', async () => {
    const token = await api.login('broker1@bondx.local');
    expect((await api.call('POST', '/auth/logout', { token })).status).toBe(204);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(401);
  });

  test("when an admin disables a user, then the user's live token stops working and login fails", async () => {
    const admin = await api.login('admin@bondx.local');
    const created = await api.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'temp.trader@bondx.local',
        display_name: 'Temp',
        password: 'temporary-pass-1',
        participant_id: 2,
        roles: ['TRADER'],
      },
    });
    expect(created.status).toBe(201);
    const user = await created.json();
    const token = await api.login('temp.trader@bondx.local', 'temporary-pass-1');
    const disabled = await api.call('PATCH', `/api/v1/users/${user.user_id}`, {
      token: admin,
      body: { status: 'DISABLED' },
    });
    expect(disabled.status).toBe(200);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(401);
    const again = await api.call('POST', '/auth/login', {
      body: { username: 'temp.trader@bondx.local', password: 'temporary-pass-1' },
    });
    expect(again.status).toBe(401);
  });

  test('when a user changes the password, then other sessions end, this one lives, and the new password works', async () => {
    const admin = await api.login('admin@bondx.local');
    const created = await api.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'pw.changer@bondx.local',
        display_name: 'PW',
        password: 'original-pass-1',
        participant_id: 3,
        roles: ['TRADER'],
      },
    });
    expect(created.status).toBe(201);
    const other = await api.login('pw.changer@bondx.local', 'original-pass-1');
    const mine = await api.login('pw.changer@bondx.local', 'original-pass-1');
    const change = await api.call('POST', '/auth/password', {
      token: mine,
      body: { current_password: 'original-pass-1', new_password: 'brand-new-pass-2' },
    });
    expect(change.status).toBe(204);
    expect((await api.call('GET', '/auth/me', { token: other })).status).toBe(401);
    expect((await api.call('GET', '/auth/me', { token: mine })).status).toBe(200);
    expect(await api.login('pw.changer@bondx.local', 'brand-new-pass-2')).toEqual(expect.any(String));
  });

  test('when an admin resets a password, then the temporary one works and old sessions end', async () => {
    const admin = await api.login('admin@bondx.local');
    const created = await api.call('POST', '/api/v1/users', {
      token: admin,
      body: {
        username: 'forgetful@bondx.local',
        display_name: 'F',
        password: 'forgotten-pass-1',
        participant_id: 4,
        roles: ['TRADER'],
      },
    });
    const { user_id } = await created.json();
    const old = await api.login('forgetful@bondx.local', 'forgotten-pass-1');
    const reset = await api.call('POST', `/api/v1/users/${user_id}/password-reset`, { token: admin });
    expect(reset.status).toBe(200);
    const { temporary_password } = await reset.json();
    expect((await api.call('GET', '/auth/me', { token: old })).status).toBe(401);
    expect(await api.login('forgetful@bondx.local', temporary_password)).toEqual(expect.any(String));
  });
});
