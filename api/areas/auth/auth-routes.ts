import { z } from 'zod';
import { User } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../../platform/password-hashing';
import type { AppDeps } from '../../app-deps';
import { Problem, problems } from '../../http/problem';
import { auditActor, clientIp } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';
import { changePasswordBody, loginBody, refreshBody, tokenResponse } from './auth-schemas';

const invalidCredentials = () =>
  new Problem(401, '/errors/invalid-credentials', 'Invalid credentials', 'Username or password is wrong.');

function issueTokens(deps: AppDeps, user: User, refresh: { sessionId: string; refreshToken: string }) {
  const access = deps.tokens.sign({
    userId: user.id,
    username: user.username,
    participantId: user.participant.id,
    roles: user.roles,
    sessionId: refresh.sessionId,
  });
  return {
    access_token: access,
    token_type: 'bearer' as const,
    expires_in: deps.tokens.ttlSeconds,
    refresh_token: refresh.refreshToken,
  };
}

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/auth/login',
    summary: 'Exchange a username and password for an access token and a refresh token',
    tag: 'Auth',
    access: 'public',
    request: { body: loginBody },
    responses: {
      200: { description: 'Signed in', schema: tokenResponse },
      401: { description: 'Invalid credentials' },
      429: { description: 'Too many failed attempts: locked out until Retry-After' },
    },
    async handler({ body, req, deps }) {
      const username = body.username.toLowerCase();
      const ip = clientIp(req);
      const wait = await deps.loginThrottle.retryAfterSeconds(username, ip);
      if (wait > 0) {
        deps.metrics.logins.inc({ outcome: 'locked_out' });
        throw problems.tooManyRequests(wait, 'Too many failed logins; try again later.');
      }
      const em = deps.orm.em.fork();
      const user = await em.findOne(User, { username }, { populate: ['participant'] });
      // Always run one hash verification so response time does not reveal whether the user exists.
      const passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, body.password);
      const usable = user && user.status === 'ACTIVE' && user.participant.status === 'ACTIVE';
      if (!user || !passwordOk || !usable) {
        await deps.loginThrottle.recordFailure(username, ip);
        appendAudit(em, {
          action: 'LOGIN_FAILED',
          subjectType: 'user',
          subjectId: user?.id ?? null,
          requestId: String(req.id),
          details: {
            username,
            ip,
            reason: !user ? 'unknown-user' : !passwordOk ? 'bad-password' : 'disabled',
          },
        });
        await em.flush();
        deps.metrics.logins.inc({ outcome: 'failed' });
        throw invalidCredentials();
      }
      await deps.loginThrottle.recordSuccess(username, ip);
      const refresh = await deps.sessions.create(em, user, ip);
      appendAudit(em, {
        action: 'LOGIN',
        subjectType: 'user',
        subjectId: user.id,
        actorUserId: user.id,
        actorParticipantId: user.participant.id,
        requestId: String(req.id),
        details: { ip, session_id: refresh.sessionId },
      });
      await em.flush();
      deps.metrics.logins.inc({ outcome: 'success' });
      return { body: issueTokens(deps, user, refresh) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate a refresh token: the old one stops working, reusing it revokes the session',
    tag: 'Auth',
    access: 'public',
    request: { body: refreshBody },
    responses: {
      200: { description: 'New tokens', schema: tokenResponse },
      401: { description: 'Invalid refresh token' },
    },
    async handler({ body, deps }) {
      const em = deps.orm.em.fork();
      const outcome = await deps.sessions.rotate(em, body.refresh_token);
      if (!outcome.ok) throw problems.unauthorized(`Refresh token ${outcome.reason}.`);
      const { user } = outcome;
      if (user.status !== 'ACTIVE' || user.participant.status !== 'ACTIVE') {
        await deps.sessions.revoke(em, outcome.refresh.sessionId, 'USER_DISABLED');
        throw problems.unauthorized('The user is disabled.');
      }
      return { body: issueTokens(deps, user, outcome.refresh) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    summary: 'End this session: its access and refresh tokens stop working at once',
    tag: 'Auth',
    access: 'authenticated',
    rateLimited: false,
    responses: { 204: { description: 'Signed out' } },
    async handler({ principal, req, deps }) {
      const em = deps.orm.em.fork();
      await deps.sessions.revoke(em, principal.sessionId, 'LOGOUT');
      appendAudit(em, {
        action: 'LOGOUT',
        subjectType: 'user',
        subjectId: principal.userId,
        ...auditActor(req),
      });
      await em.flush();
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/password',
    summary: "Change one's own password; every other session is signed out",
    tag: 'Auth',
    access: 'authenticated',
    request: { body: changePasswordBody },
    responses: { 204: { description: 'Password changed' }, 401: { description: 'Current password wrong' } },
    async handler({ body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const user = await em.findOneOrFail(User, principal.userId);
      if (!(await verifyPassword(user.passwordHash, body.current_password))) {
        throw new Problem(
          401,
          '/errors/invalid-credentials',
          'Invalid credentials',
          'current_password is wrong.',
        );
      }
      user.passwordHash = await hashPassword(body.new_password);
      user.passwordChangedAt = new Date();
      user.mustChangePassword = false;
      appendAudit(em, {
        action: 'PASSWORD_CHANGED',
        subjectType: 'user',
        subjectId: user.id,
        ...auditActor(req),
      });
      await em.flush();
      await deps.sessions.revokeAllForUser(em, user.id, 'PASSWORD_CHANGED', principal.sessionId);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/me',
    summary: 'Who the token belongs to',
    tag: 'Auth',
    access: 'authenticated',
    responses: {
      200: {
        description: 'The caller',
        schema: z.object({
          user_id: z.number(),
          username: z.string(),
          participant_id: z.number(),
          roles: z.array(z.string()),
        }),
      },
    },
    async handler({ principal }) {
      return {
        body: {
          user_id: principal.userId,
          username: principal.username,
          participant_id: principal.participantId,
          roles: principal.roles,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys that verify our access tokens (empty when signing with a shared secret)',
    tag: 'Auth',
    access: 'public',
    responses: { 200: { description: 'JSON Web Key Set' } },
    async handler({ deps }) {
      return { body: deps.tokenKeys.jwks };
    },
  }),
];
