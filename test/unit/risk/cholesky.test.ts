import { cholesky, NotPositiveSemiDefiniteError, InvalidRiskInputError } from '../../../domain/risk';

const reconstruct = (l: number[][]): number[][] =>
  l.map((row, i) =>
    l
      .map((_, j) => row.reduce((sum, v, k) => sum + v * ((l[j] as number[])[k] as number), 0))
      .slice(0, i + 1),
  );

describe('cholesky', () => {
  it('when the matrix is positive definite, then L is the known factor', () => {
    // 4 = 2^2; 12 = 2 x 6; 37 = 36 + 1; -16 = 2 x -8; -43 = 6 x -8 + 1 x 5; 98 = 64 + 25 + 9.
    expect(
      cholesky([
        [4, 12, -16],
        [12, 37, -43],
        [-16, -43, 98],
      ]),
    ).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it('when the matrix is singular but PSD (perfect correlation), then a tiny jitter factors it', () => {
    const l = cholesky([
      [4, 4],
      [4, 4],
    ]);
    const back = reconstruct(l);
    expect(back[0]?.[0]).toBeCloseTo(4, 6);
    expect(back[1]?.[0]).toBeCloseTo(4, 6);
    expect(back[1]?.[1]).toBeCloseTo(4, 6);
  });

  it('when a factor never moves (zero row), then its column is zero and no jitter is needed', () => {
    expect(
      cholesky([
        [9, 0],
        [0, 0],
      ]),
    ).toEqual([
      [3, 0],
      [0, 0],
    ]);
  });

  it('when the matrix has a negative eigenvalue, then NotPositiveSemiDefiniteError says so', () => {
    // Eigenvalues of [[1, 2], [2, 1]] are 3 and -1.
    const attempt = (): unknown =>
      cholesky([
        [1, 2],
        [2, 1],
      ]);
    expect(attempt).toThrow(NotPositiveSemiDefiniteError);
    expect(attempt).toThrow(/not positive semi-definite/);
  });

  it('when the matrix is not symmetric or not square, then the input is rejected', () => {
    expect(() =>
      cholesky([
        [1, 0.5],
        [0.4, 1],
      ]),
    ).toThrow(InvalidRiskInputError);
    expect(() => cholesky([[1, 0]])).toThrow(InvalidRiskInputError);
  });
});
