import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../platform/config';
import { fieldCipherFrom } from '../../platform/field-encryption';
import { createLogger } from '../../platform/logger';
import { ormConfig } from '../orm-config';
import { reencryptProfiles } from '../participants/participant-profile-codec';

// Run after making the new key BONDX_ENCRYPTION_KEY and listing the old one in
// BONDX_ENCRYPTION_OLD_KEYS; once it reports done, the old key can be dropped from the list.
async function main() {
  const config = loadConfig();
  const log = createLogger(config, 'rotate-encryption-key');
  const orm = await MikroORM.init(ormConfig({ clientUrl: config.databaseUrl, poolMax: 2 }));
  try {
    const result = await reencryptProfiles(orm.em, fieldCipherFrom(config.encryption));
    log.info({ ...result, keyId: config.encryption.current.id }, 'participant profiles re-encrypted');
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
