import { StatementBatcher } from '../../../platform/statement-batcher';

/** A statement runner whose calls stay open until released, recording each batch it was given. */
function heldRunner() {
  const batches: number[][] = [];
  const release: Array<() => void> = [];
  const run = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve, reject) =>
      release.push(() =>
        items.includes(-1) ? reject(new Error('statement failed')) : resolve(items.map((x) => x * 10)),
      ),
    );
  };
  return { batches, release, run };
}

describe('statement batcher', () => {
  test('when items arrive while statements run, then they wait and go together in the next one, each caller getting its own result', async () => {
    const r = heldRunner();
    const batcher = new StatementBatcher(r.run, 2, 500);
    const answers = [1, 2, 3, 4, 5].map((x) => batcher.submit(x));
    expect(r.batches).toEqual([[1], [2]]);
    r.release.shift()!();
    await answers[0];
    await new Promise((done) => setImmediate(done));
    expect(r.batches).toEqual([[1], [2], [3, 4, 5]]);
    r.release.shift()!();
    r.release.shift()!();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50]);
  });

  test('when a statement fails, then every caller of that statement gets the error and the others their results', async () => {
    const r = heldRunner();
    const batcher = new StatementBatcher(r.run, 1, 2);
    const answers = [7, -1, 8].map((x) => batcher.submit(x).catch((err: Error) => err.message));
    r.release.shift()!();
    await answers[0];
    await new Promise((done) => setImmediate(done));
    expect(r.batches).toEqual([[7], [-1, 8]]);
    r.release.shift()!();
    expect(await Promise.all(answers)).toEqual([70, 'statement failed', 'statement failed']);
  });
});
