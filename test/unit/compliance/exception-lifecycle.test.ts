import {
  applyExceptionAction,
  DEFAULT_ACK_SLA_SECONDS,
  ExceptionStateError,
} from '../../../domain/compliance/exception-lifecycle';

describe('the compliance exception lifecycle', () => {
  test('when worked in order, then it goes OPEN -> ACKNOWLEDGED -> RESOLVED, taking comments on the way', () => {
    expect(applyExceptionAction('OPEN', 'COMMENT')).toBe('OPEN');
    expect(applyExceptionAction('OPEN', 'ESCALATE')).toBe('OPEN');
    expect(applyExceptionAction('OPEN', 'ACKNOWLEDGE')).toBe('ACKNOWLEDGED');
    expect(applyExceptionAction('ACKNOWLEDGED', 'COMMENT')).toBe('ACKNOWLEDGED');
    expect(applyExceptionAction('ACKNOWLEDGED', 'RESOLVE')).toBe('RESOLVED');
  });

  test('when a step comes out of order, then it is refused with the reason', () => {
    expect(() => applyExceptionAction('OPEN', 'RESOLVE')).toThrow(/acknowledge it first/);
    expect(() => applyExceptionAction('ACKNOWLEDGED', 'ACKNOWLEDGE')).toThrow(ExceptionStateError);
    expect(() => applyExceptionAction('ACKNOWLEDGED', 'ESCALATE')).toThrow(/does not escalate/);
    expect(() => applyExceptionAction('RESOLVED', 'COMMENT')).toThrow(/no comments/);
    expect(() => applyExceptionAction('RESOLVED', 'RESOLVE')).toThrow(ExceptionStateError);
  });

  test('when severity rises, then the acknowledgement SLA shortens', () => {
    const { LOW, MEDIUM, HIGH, CRITICAL } = DEFAULT_ACK_SLA_SECONDS;
    expect([CRITICAL, HIGH, MEDIUM, LOW]).toEqual([900, 3600, 14400, 86400]);
  });
});
