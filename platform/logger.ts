import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel' | 'environment'>, service: string): Logger {
  return pino({
    level: config.logLevel,
    base: { service, env: config.environment, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.new_password'],
      censor: '[redacted]',
    },
  });
}
