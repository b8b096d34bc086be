export { AuditEvent } from './audit-event';
export { AuthSession } from './auth-session';
export { Bond } from './bond';
export { Participant } from './participant';
export { User } from './user';
