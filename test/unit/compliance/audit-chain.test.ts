import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  auditRecordText,
  chainRecords,
  GENESIS_HASH,
  verifyChainSegment,
  type ChainedAuditRecord,
} from '../../../domain/compliance/audit-chain';
import { canonicalJson } from '../../../domain/compliance/canonical-json';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const start = { nextId: 1n, prevHash: GENESIS_HASH, checked: 0 };

const event = (action: string, details: Record<string, unknown> | null = null) => ({
  occurredAt: new Date('2026-11-24T04:30:00.123Z'),
  actorUserId: 7,
  actorParticipantId: 1,
  action,
  subjectType: 'user',
  subjectId: '42',
  requestId: 'req-1',
  details,
});

describe('canonical JSON', () => {
  test('when keys come in any order, then the text is the same, sorted and without spaces', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: 'é' } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":"é","z":1.5}}',
    );
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });

  test('when an object is rebuilt with its keys shuffled, then its canonical text does not change', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (o) => {
        const shuffled = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(shuffled)).toBe(canonicalJson(o));
      }),
    );
  });
});

describe('the audit hash chain', () => {
  test('when the first record is chained, then its hash is SHA-256 of its canonical JSON with the genesis prev_hash', () => {
    const [first] = chainRecords({ id: 0n, hash: GENESIS_HASH }, [event('LOGIN')], sha256);
    const text =
      '{"action":"LOGIN","actor_participant_id":1,"actor_user_id":7,"details":null,"id":"1",' +
      `"occurred_at":"2026-11-24T04:30:00.123Z","prev_hash":"${GENESIS_HASH}","request_id":"req-1",` +
      '"subject_id":"42","subject_type":"user"}';
    expect(auditRecordText(first!, GENESIS_HASH)).toBe(text);
    expect(first).toMatchObject({ id: '1', prevHash: GENESIS_HASH, recordHash: sha256(text) });
  });

  test('when records are chained onto a head, then ids follow on and each links to the one before', () => {
    const chain = chainRecords(
      { id: 41n, hash: 'a'.repeat(64) },
      [event('A'), event('B'), event('C')],
      sha256,
    );
    expect(chain.map((c) => c.id)).toEqual(['42', '43', '44']);
    expect(chain[0]!.prevHash).toBe('a'.repeat(64));
    expect(chain[1]!.prevHash).toBe(chain[0]!.recordHash);
    expect(chain[2]!.prevHash).toBe(chain[1]!.recordHash);
    expect(verifyChainSegment({ nextId: 42n, prevHash: 'a'.repeat(64), checked: 0 }, chain, sha256)).toEqual({
      cursor: { nextId: 45n, prevHash: chain[2]!.recordHash, checked: 3 },
    });
  });

  const chainOf = (n: number): ChainedAuditRecord[] =>
    chainRecords(
      { id: 0n, hash: GENESIS_HASH },
      Array.from({ length: n }, (_, i) => event(`E${i}`, { i })),
      sha256,
    );

  test('when a record content is changed, then verification names it as altered', () => {
    const chain = chainOf(5);
    chain[2] = { ...chain[2]!, details: { i: 99 } };
    expect(verifyChainSegment(start, chain, sha256)).toEqual({
      broken: {
        id: '3',
        reason: 'RECORD_ALTERED',
        expected: expect.any(String),
        actual: chain[2]!.recordHash,
      },
    });
  });

  test('when a record is changed and re-hashed, then the next record names the broken link', () => {
    const chain = chainOf(5);
    const forged = { ...chain[2]!, details: { i: 99 } };
    chain[2] = { ...forged, recordHash: sha256(auditRecordText(forged, forged.prevHash)) };
    expect(verifyChainSegment(start, chain, sha256)).toMatchObject({
      broken: { id: '4', reason: 'LINK_BROKEN' },
    });
  });

  test('when a record is deleted, then verification names the missing id', () => {
    const chain = chainOf(5);
    chain.splice(1, 1);
    expect(verifyChainSegment(start, chain, sha256)).toMatchObject({
      broken: { id: '2', reason: 'RECORD_MISSING', actual: '3' },
    });
  });

  test('when a chain is verified in pages, then the result is that of one pass, for any page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }), (n, size) => {
        const chain = chainOf(n);
        let cursor = start;
        for (let i = 0; i < n; i += size) {
          const r = verifyChainSegment(cursor, chain.slice(i, i + size), sha256);
          if (!('cursor' in r)) throw new Error('broken');
          cursor = r.cursor;
        }
        expect(cursor).toEqual({ nextId: BigInt(n + 1), prevHash: chain[n - 1]!.recordHash, checked: n });
      }),
    );
  });
});
