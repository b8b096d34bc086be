import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Participant, User } from '../../../db/entities';
import { appendAudit } from '../../../db/audit-log';
import { ROLES, rolesAllowedFor } from '../../../domain/access/roles';
import { hashPassword } from '../../../platform/password-hashing';
import { password } from '../auth/auth-schemas';
import { Problem, problems } from '../../http/problem';
import { cursorFilter, page, pageQuery } from '../../http/pagination';
import { auditActor } from '../../http/request-context';
import { defineRoute } from '../../http/route-spec';

const userJson = (u: User) => ({
  user_id: u.id,
  username: u.username,
  display_name: u.displayName,
  participant_id: u.participant.id,
  roles: u.roles,
  status: u.status,
  must_change_password: u.mustChangePassword,
  created_at: u.createdAt.toISOString(),
});

const userSchema = z
  .object({
    user_id: z.number().int(),
    username: z.string(),
    display_name: z.string(),
    participant_id: z.number().int(),
    roles: z.array(z.enum(ROLES)),
    status: z.enum(['ACTIVE', 'DISABLED']),
    must_change_password: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'User' });

const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .refine((r) => new Set(r).size === r.length, 'roles must not repeat');

const createBody = z.object({
  username: z
    .email()
    .max(254)
    .transform((s) => s.toLowerCase()),
  display_name: z.string().trim().min(1).max(200),
  password,
  participant_id: z.number().int().positive(),
  roles,
});

const updateBody = z
  .object({ display_name: z.string().trim().min(1).max(200), status: z.enum(['ACTIVE', 'DISABLED']), roles })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one of display_name, status, roles');

const idParams = z.object({ user_id: z.coerce.number().int().positive() });

function assertRolesFit(participant: Participant, wanted: readonly string[]) {
  const allowed = rolesAllowedFor(participant.isVenueOperator);
  const misfit = wanted.filter((r) => !allowed.includes(r as never));
  if (misfit.length) {
    throw problems.validation([
      {
        field: 'roles',
        message: `${misfit.join(', ')} not allowed for a ${participant.isVenueOperator ? 'venue operator' : 'member'} user`,
      },
    ]);
  }
}

export const userRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/users',
    summary: 'Create a user of a participant',
    tag: 'Users',
    access: ['ADMIN'],
    request: { body: createBody },
    responses: {
      201: { description: 'Created', schema: userSchema },
      409: { description: 'Username taken' },
    },
    async handler({ body, req, deps }) {
      const em = deps.orm.em.fork();
      const participant = await em.findOne(Participant, body.participant_id);
      if (!participant)
        throw problems.validation([{ field: 'participant_id', message: 'no such participant' }]);
      assertRolesFit(participant, body.roles);
      const user = em.create(User, {
        username: body.username,
        displayName: body.display_name,
        passwordHash: await hashPassword(body.password),
        roles: body.roles,
        participant,
      });
      await em.flush();
      appendAudit(em, {
        action: 'USER_CREATED',
        subjectType: 'user',
        subjectId: user.id,
        ...auditActor(req),
        details: { roles: body.roles },
      });
      await em.flush();
      return { status: 201, body: userJson(user), headers: { Location: `/api/v1/users/${user.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/users',
    summary: 'List users',
    tag: 'Users',
    access: ['ADMIN'],
    request: { query: pageQuery.extend({ participant_id: z.coerce.number().int().positive().optional() }) },
    responses: {
      200: {
        description: 'A page',
        schema: z.object({ items: z.array(userSchema), next_cursor: z.string().nullable() }),
      },
    },
    async handler({ query, deps }) {
      const rows = await deps.orm.em.fork().find(
        User,
        {
          ...cursorFilter(query.cursor),
          ...(query.participant_id ? { participant: query.participant_id } : {}),
        },
        { orderBy: { id: 'desc' }, limit: query.limit + 1 },
      );
      return { body: page(rows, query.limit, userJson) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/users/{user_id}',
    summary: 'One user',
    tag: 'Users',
    access: ['ADMIN'],
    request: { params: idParams },
    responses: { 200: { description: 'The user', schema: userSchema }, 404: { description: 'Not found' } },
    async handler({ params, deps }) {
      const user = await deps.orm.em.fork().findOne(User, params.user_id);
      if (!user) throw problems.notFound('User');
      return { body: userJson(user) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/users/{user_id}',
    summary: "Change a user's name, roles or status; disabling signs the user out everywhere",
    tag: 'Users',
    access: ['ADMIN'],
    request: { params: idParams, body: updateBody },
    responses: { 200: { description: 'Updated', schema: userSchema }, 404: { description: 'Not found' } },
    async handler({ params, body, principal, req, deps }) {
      const em = deps.orm.em.fork();
      const user = await em.findOne(User, params.user_id, { populate: ['participant'] });
      if (!user) throw problems.notFound('User');
      if (user.id === principal.userId && body.status === 'DISABLED') {
        throw new Problem(
          409,
          '/errors/self-disable',
          'Conflict',
          'An admin cannot disable their own account.',
        );
      }
      const changed = () => ({ display_name: user.displayName, status: user.status, roles: [...user.roles] });
      const before = changed();
      if (body.roles) {
        assertRolesFit(user.participant, body.roles);
        user.roles = body.roles;
      }
      if (body.display_name) user.displayName = body.display_name;
      if (body.status) user.status = body.status;
      appendAudit(em, {
        action: 'USER_UPDATED',
        subjectType: 'user',
        subjectId: user.id,
        ...auditActor(req),
        details: { before, after: changed() },
      });
      await em.flush();
      // New roles or a disabled account must not wait for the old tokens to expire.
      if (body.status === 'DISABLED' || body.roles)
        await deps.sessions.revokeAllForUser(em, user.id, 'USER_CHANGED');
      return { body: userJson(user) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/users/{user_id}/password-reset',
    summary: 'Admin reset: sets a temporary password (returned once) and signs the user out everywhere',
    tag: 'Users',
    access: ['ADMIN'],
    request: { params: idParams },
    responses: {
      200: {
        description: 'Temporary password',
        schema: z.object({ user_id: z.number(), temporary_password: z.string() }),
      },
      404: { description: 'Not found' },
    },
    async handler({ params, req, deps }) {
      const em = deps.orm.em.fork();
      const user = await em.findOne(User, params.user_id);
      if (!user) throw problems.notFound('User');
      const temporary = randomBytes(12).toString('base64url');
      user.passwordHash = await hashPassword(temporary);
      user.passwordChangedAt = new Date();
      user.mustChangePassword = true;
      appendAudit(em, {
        action: 'PASSWORD_RESET',
        subjectType: 'user',
        subjectId: user.id,
        ...auditActor(req),
      });
      await em.flush();
      await deps.sessions.revokeAllForUser(em, user.id, 'PASSWORD_RESET');
      return { body: { user_id: user.id, temporary_password: temporary } };
    },
  }),
];
