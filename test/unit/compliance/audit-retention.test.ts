import { planPurge, retentionCutoff, type PurgeCandidate } from '../../../domain/compliance/audit-retention';

const at = (iso: string) => new Date(iso);
const record = (id: number, occurred: string, subjectId: string | null = null): PurgeCandidate => ({
  id: String(id),
  occurredAt: at(occurred),
  subjectType: 'user',
  subjectId,
  recordHash: `h${id}`,
});

describe('audit retention', () => {
  test('when the retention is 10 years, then the cutoff is the same instant 10 calendar years back', () => {
    expect(retentionCutoff(at('2026-11-24T01:00:00.000Z'), 10)).toEqual(at('2016-11-24T01:00:00.000Z'));
    expect(() => retentionCutoff(new Date(), 0)).toThrow(RangeError);
  });

  const cutoff = at('2016-11-24T00:00:00.000Z');
  const chain = [
    record(1, '2015-01-01T00:00:00Z'),
    record(2, '2016-11-23T23:59:59.999Z'),
    record(3, '2016-11-24T00:00:00.000Z'),
    record(4, '2015-06-01T00:00:00Z'),
  ];

  test('when records reach the cutoff, then the purge stops at the first within retention, even if older ones follow', () => {
    const plan = planPurge(chain, cutoff, [], '4');
    expect(plan.remove.map((r) => r.id)).toEqual(['1', '2']);
    expect(plan.stoppedAt).toEqual({ id: '3', reason: 'WITHIN_RETENTION' });
  });

  test('when a legal hold covers a record, then the purge stops before it', () => {
    const held = [
      record(1, '2015-01-01T00:00:00Z'),
      record(2, '2015-02-01T00:00:00Z', 'case-7'),
      record(3, '2015-03-01T00:00:00Z'),
    ];
    const hold = { id: 9, subjectType: 'user', subjectId: 'case-7', occurredFrom: null, occurredTo: null };
    expect(planPurge(held, cutoff, [hold], '10')).toEqual({
      remove: [held[0]],
      stoppedAt: { id: '2', reason: 'LEGAL_HOLD', holdId: 9 },
    });
    const window = {
      id: 3,
      subjectType: null,
      subjectId: null,
      occurredFrom: at('2015-01-01T00:00:00Z'),
      occurredTo: at('2015-01-01T00:00:00.001Z'),
    };
    expect(planPurge(held, cutoff, [window], '10').stoppedAt).toEqual({
      id: '1',
      reason: 'LEGAL_HOLD',
      holdId: 3,
    });
  });

  test('when every record is past retention, then the chain head still stays', () => {
    const old = [record(1, '2001-01-01T00:00:00Z'), record(2, '2001-01-02T00:00:00Z')];
    expect(planPurge(old, cutoff, [], '2')).toEqual({
      remove: [old[0]],
      stoppedAt: { id: '2', reason: 'CHAIN_HEAD' },
    });
  });
});
