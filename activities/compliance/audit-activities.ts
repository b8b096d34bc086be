import { Gauge } from 'prom-client';
import { appendAudit } from '../../db/audit-log';
import { verifyAuditChain, type ChainVerification } from '../../db/audit/audit-verifier';
import { writeHeadAnchor } from '../../db/audit/write-anchor';
import { AuditAnchorStore, type AuditAnchor } from '../../platform/audit-anchor-store';
import type { ActivityDeps } from '../index';
import { openAuditChainException } from './audit-chain-exception';

/** The audit trail's scheduled work: the external anchor, and the verification (a break opens an exception). */
export function createAuditActivities({ orm, log, config, temporal, metrics }: ActivityDeps) {
  const anchors = new AuditAnchorStore(config.audit.anchorDir);
  const chainValid = new Gauge({
    name: 'bondx_audit_chain_valid',
    help: '1 when the last scheduled verification found the audit chain intact, 0 when broken',
    registers: [metrics],
  });
  const chainChecked = new Gauge({
    name: 'bondx_audit_chain_records_checked',
    help: 'Records the last scheduled verification checked',
    registers: [metrics],
  });
  return {
    async writeAuditAnchor(): Promise<AuditAnchor | null> {
      const anchor = await writeHeadAnchor(orm.em.fork(), anchors);
      log.info({ anchor, file: anchors.file }, 'audit chain head anchored');
      return anchor;
    },

    async verifyAuditTrail(): Promise<ChainVerification> {
      const em = orm.em.fork();
      const result = await verifyAuditChain(em, await anchors.latest());
      chainValid.set(result.valid ? 1 : 0);
      chainChecked.set(result.checked);
      if (result.valid)
        log.info({ checked: result.checked, head_id: result.head_id }, 'audit chain verified');
      else log.error({ first_broken: result.first_broken }, 'audit chain broken');
      appendAudit(em, {
        action: 'AUDIT_VERIFIED',
        subjectType: 'audit',
        details: {
          valid: result.valid,
          checked: result.checked,
          first_broken: result.first_broken,
          scheduled: true,
        },
      });
      await em.flush();
      if (!result.valid)
        await openAuditChainException({ orm, temporal, taskQueue: config.temporal.taskQueue }, result);
      return result;
    },
  };
}
