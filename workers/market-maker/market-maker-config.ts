import { z } from 'zod';
import type { Config } from '../../platform/config';

// The market maker's own settings: it is a client of the API, so it needs where the API is and
// whom to log in as. Validated at start like every other setting.
const schema = z.object({
  BONDX_MM_API_URL: z.url().optional(),
  BONDX_MM_USERNAME: z.string().min(3).default('mm@bondx.local'),
  BONDX_MM_PASSWORD: z.string().min(1).optional(),
  BONDX_MM_CYCLE_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
});

export interface MarketMakerSettings {
  apiUrl: string;
  username: string;
  password: string;
  /** How often every bond is re-checked when nothing (a fill) triggers it sooner. */
  cycleMs: number;
}

export function loadMarketMakerSettings(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): MarketMakerSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid configuration: ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    apiUrl: (e.BONDX_MM_API_URL ?? `${config.tls ? 'https' : 'http'}://127.0.0.1:${config.port}`).replace(
      /\/$/,
      '',
    ),
    username: e.BONDX_MM_USERNAME,
    password: e.BONDX_MM_PASSWORD ?? config.demoPassword,
    cycleMs: e.BONDX_MM_CYCLE_MS,
  };
}
