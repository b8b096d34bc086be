import type { Request } from 'express';

/** Who did it and under which request id: what every audit entry records. */
export function auditActor(req: Request) {
  return {
    actorUserId: req.principal?.userId ?? null,
    actorParticipantId: req.principal?.participantId ?? null,
    requestId: String(req.id ?? ''),
  };
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
