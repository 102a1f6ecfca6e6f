import { describe, it, test, expect, beforeEach } from 'vitest';

const add = (a, b) => a + b;
let flakyAttempts = 0;

test('top-level pass', () => {
  expect(add(2, 3)).toBe(5);
});

test('top-level fail', () => {
  expect(add(2, 2), 'two plus two should be five').toBe(5);
});

test('throws an error', () => {
  throw new TypeError('cannot read config: undefined');
});

test.skip('skipped test', () => {});

test.todo('todo: write the overflow test');

test('skips at runtime', (ctx) => {
  ctx.skip('feature flag off');
});

test.fails('expected to fail (test.fails) and does', () => {
  expect(1).toBe(2);
});

test.fails('expected to fail (test.fails) but passes', () => {
  expect(1).toBe(1);
});

test('with output & <xml> chars "quoted" ✓ café', () => {
  console.log('hello from stdout');
  console.error('warning from stderr');
  expect(true).toBe(true);
});

test('flaky: fails first, passes on retry', { retry: 1 }, () => {
  flakyAttempts += 1;
  expect(flakyAttempts, `attempt ${flakyAttempts} fails`).toBeGreaterThanOrEqual(2);
});

describe('Calculator', () => {
  it('adds', () => {
    expect(add(1, 1)).toBe(2);
  });

  describe('nested group', () => {
    it('deep fail', () => {
      expect({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 3] });
    });
    it.each([
      [1, 1, 2],
      [10, -1, 8],
    ])('add(%i, %i) = %i', (a, b, expected) => {
      expect(add(a, b)).toBe(expected);
    });
  });
});

describe('suite with failing beforeEach', () => {
  beforeEach(() => {
    throw new Error('beforeEach exploded');
  });
  it('under broken hook', () => {
    expect(true).toBe(true);
  });
});
