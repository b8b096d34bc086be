import type { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/** A read query with `?` placeholders, so the same SQL runs on a pg pool (the API) and MikroORM (workers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sql = (sql: string, params?: unknown[]) => Promise<any[]>;

export function poolSql(pool: Pick<Pool, 'query'>): Sql {
  return async (sql, params = []) => {
    let n = 0;
    return (
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  };
}

export function ormSql(orm: MikroORM): Sql {
  // knex expands an array binding into a list, so arrays travel as Postgres array literals ('{1,2}').
  return (sql, params = []) =>
    orm.em
      .fork()
      .getConnection()
      .execute(
        sql,
        params.map((p) => (Array.isArray(p) ? `{${p.join(',')}}` : p)),
      );
}
