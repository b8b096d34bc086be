import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { seedDemoData } from './seed-demo';
import { seedFeeSchedule } from './seed-fee-schedule';
import { seedFpiLimits } from './seed-fpi-limits';
import { seedHolidays } from './seed-holidays';
import { seedYieldCurves } from './seed-yield-curves';

/**
 * Every seed, each idempotent: `npm start` and `npm run db:seed` both run exactly this. The demo fee
 * schedule is left out of the test environment: the integration suite shares one database, and each
 * test that needs fees adds its own entries, dated so they price only its trades.
 */
export async function seedAll(
  orm: MikroORM,
  demoPassword: string,
  log: Logger,
  environment: string,
): Promise<void> {
  log.info(await seedDemoData(orm.em.fork(), demoPassword), 'demo data present');
  await seedYieldCurves(orm.em.fork(), log);
  log.info({ loaded: await seedHolidays(orm.em.fork(), new Date()) }, 'holiday calendars present');
  log.info(
    { loaded: await seedFpiLimits(orm.em.fork()) },
    'FPI national limits present (stand-in until uploaded)',
  );
  if (environment !== 'test') {
    log.info({ added: await seedFeeSchedule(orm.em.fork()) }, 'venue fee schedule present');
  }
}
