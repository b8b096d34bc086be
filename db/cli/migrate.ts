import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { setUpDatabase } from '../setup';

const config = loadConfig();
const log = createLogger(config, 'migrate');
setUpDatabase(config, log).then(
  () => log.info('database ready'),
  (err) => {
    log.fatal({ err }, 'database setup failed');
    process.exit(1);
  },
);
