const add = (a, b) => a + b;

test('top-level pass', () => {
  expect(add(2, 3)).toBe(5);
});

test('top-level fail', () => {
  expect(add(2, 2)).toBe(5);
});

test('throws an error', () => {
  throw new TypeError('cannot read config: undefined');
});

test.skip('skipped test', () => {
  expect(true).toBe(false);
});

test.todo('todo: write the overflow test');

test('with output & <xml> chars "quoted" ✓ café', () => {
  console.log('hello from stdout');
  expect(true).toBe(true);
});

describe('Calculator', () => {
  it('adds', () => {
    expect(add(1, 1)).toBe(2);
  });

  describe('nested group', () => {
    it('deep pass', () => {
      expect({ a: 1 }).toEqual({ a: 1 });
    });
    it('deep fail', () => {
      expect({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 3] });
    });
    xit('deep skip (xit)', () => {});
  });

  it.each([
    [1, 1, 2],
    [2, 3, 5],
    [10, -1, 8],
  ])('add(%i, %i) = %i', (a, b, expected) => {
    expect(add(a, b)).toBe(expected);
  });
});

describe('suite with failing beforeEach', () => {
  beforeEach(() => {
    throw new Error('beforeEach exploded');
  });
  it('first test under broken hook', () => {
    expect(true).toBe(true);
  });
  it('second test under broken hook', () => {
    expect(true).toBe(true);
  });
});
