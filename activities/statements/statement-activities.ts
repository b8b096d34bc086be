import type { EntityManager } from '@mikro-orm/postgresql';
import { istDate } from '../../domain/auctions/settlement-date';
import { Participant } from '../../db/entities';
import { participantStatement } from '../../db/statements/statement-data';
import type { StatementActivities } from '../../workflows/statements/statement-workflows';
import type { ActivityDeps } from '../index';

export function createStatementActivities(deps: ActivityDeps): StatementActivities {
  return {
    async statementDate() {
      return istDate(Date.now());
    },
    async statementParticipants() {
      const rows = await deps.orm.em
        .fork()
        .find(Participant, { isVenueOperator: false }, { orderBy: { id: 'asc' } });
      return rows.map((p) => p.id);
    },
    async storeDailyStatement(participantId: number, date: string) {
      const em = deps.orm.em.fork() as EntityManager;
      const statement = await participantStatement(em, participantId, date, date);
      const rows = await em.execute<{ id: number }[]>(
        `insert into statements (participant_id, statement_date, from_date, to_date, body) values (?, ?, ?, ?, ?)
         on conflict (participant_id, statement_date) do nothing returning id`,
        [participantId, date, date, date, JSON.stringify(statement)],
      );
      return rows.length > 0;
    },
  };
}
