import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { seedDemoData } from './seed-demo';
import { seedFpiLimits } from './seed-fpi-limits';
import { seedHolidays } from './seed-holidays';
import { seedYieldCurves } from './seed-yield-curves';

/** Every seed, each idempotent: `npm start` and `npm run db:seed` both run exactly this. */
export async function seedAll(orm: MikroORM, demoPassword: string, log: Logger): Promise<void> {
  log.info(await seedDemoData(orm.em.fork(), demoPassword), 'demo data present');
  await seedYieldCurves(orm.em.fork(), log);
  log.info({ loaded: await seedHolidays(orm.em.fork(), new Date()) }, 'holiday calendars present');
  log.info(
    { loaded: await seedFpiLimits(orm.em.fork()) },
    'FPI national limits present (stand-in until uploaded)',
  );
}
