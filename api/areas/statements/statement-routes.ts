import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Role } from '../../../domain/access/roles';
import { statementCsv } from '../../../domain/statements/statement';
import { Participant } from '../../../db/entities';
import { participantStatement } from '../../../db/statements/statement-data';
import { problems } from '../../http/problem';
import { defineRoute } from '../../http/route-spec';
import { statementPdf } from './statement-pdf';

/** Staff who may read any participant's statement. */
const STAFF: readonly Role[] = ['ADMIN', 'OPERATIONS', 'COMPLIANCE_OFFICER', 'RISK_OFFICER'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');

export const statementRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/statements/{participant_id}',
    summary:
      'A participant statement for [from, to] (India days): holdings with clean and dirty values, cash, trades, settlements, coupons and redemptions, fees, P&L',
    tag: 'Statements',
    access: 'authenticated',
    request: {
      params: z.object({ participant_id: z.coerce.number().int().positive() }),
      query: z.object({
        from: isoDate,
        to: isoDate,
        format: z.enum(['json', 'csv', 'pdf']).default('json'),
      }),
    },
    responses: {
      200: { description: 'The statement (JSON, or text/csv, or application/pdf with format)' },
    },
    async handler({ params, query, principal, deps, res }) {
      const staff = principal.roles.some((r) => STAFF.includes(r));
      if (!staff && principal.participantId !== params.participant_id) {
        throw problems.notFound(`Participant ${params.participant_id}`);
      }
      if (query.from > query.to)
        throw problems.validation([{ field: 'from', message: 'must not be after to' }]);
      const em = deps.orm.em.fork() as EntityManager;
      if (!(await em.findOne(Participant, params.participant_id))) {
        throw problems.notFound(`Participant ${params.participant_id}`);
      }
      const statement = await participantStatement(em, params.participant_id, query.from, query.to);
      const name = `statement-${params.participant_id}-${query.from}-${query.to}`;
      if (query.format === 'json') return { body: statement };
      const [type, body] =
        query.format === 'csv'
          ? ['text/csv; charset=utf-8', statementCsv(statement)]
          : ['application/pdf', await statementPdf(statement)];
      res
        .status(200)
        .type(type)
        .setHeader('content-disposition', `attachment; filename="${name}.${query.format}"`)
        .send(body);
    },
  }),
];
