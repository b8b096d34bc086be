import type { Actor } from '../../db/compliance/exception-records';
import type { ChainVerification } from '../../db/audit/audit-verifier';
import { openComplianceException, type ExceptionDeps } from './open-exception';

/** A failed verification opens one CRITICAL exception for the chain, however often it is re-run. */
export function openAuditChainException(
  deps: ExceptionDeps,
  verification: ChainVerification,
  actor: Actor = {},
) {
  const broken = verification.first_broken!;
  return openComplianceException(
    deps,
    {
      kind: 'AUDIT_CHAIN_BROKEN',
      severity: 'CRITICAL',
      title: `Audit chain broken at record ${broken.id}`,
      description: `Verification found ${broken.reason}: ${broken.detail}.`,
      evidence: { ...verification },
      dedupKey: 'audit-chain',
    },
    actor,
  );
}
