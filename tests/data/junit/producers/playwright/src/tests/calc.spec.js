// No browser is used: plain test() with expect, no page fixture.
const { test, expect } = require('@playwright/test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const add = (a, b) => a + b;
const COUNTER = process.env.GATEKIT_PW_COUNTER || path.join(os.tmpdir(), 'gatekit_pw_flaky.count');

test('top-level pass', async () => {
  expect(add(2, 3)).toBe(5);
});

test('top-level fail', async () => {
  expect(add(2, 2), 'two plus two should be five').toBe(5);
});

test('throws an error', async () => {
  throw new TypeError('cannot read config: undefined');
});

test.skip('skipped test', async () => {});

test('skips at runtime', async () => {
  test.skip(true, 'feature flag off');
});

test.fixme('fixme test', async () => {});

test('expected to fail (test.fail) and does', async () => {
  test.fail();
  expect(1).toBe(2);
});

test('expected to fail (test.fail) but passes', async () => {
  test.fail();
  expect(1).toBe(1);
});

test('with output & <xml> chars "quoted" ✓ café', async () => {
  console.log('hello from stdout');
  console.error('warning from stderr');
  expect(true).toBe(true);
});

test.describe('Calculator', () => {
  test('adds', async () => {
    expect(add(1, 1)).toBe(2);
  });

  test.describe('nested group', () => {
    test('deep fail', async () => {
      expect({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 3] });
    });
  });
});

test.describe('retries', () => {
  test.describe.configure({ retries: 1 });

  test('flaky: fails first, passes on retry', async () => {
    let n = 0;
    if (fs.existsSync(COUNTER)) n = Number(fs.readFileSync(COUNTER, 'utf8')) || 0;
    n += 1;
    fs.writeFileSync(COUNTER, String(n));
    console.log(`attempt ${n}`);
    expect(n, `attempt ${n} fails`).toBeGreaterThanOrEqual(2);
  });

  test('always fails, even on retry', async () => {
    expect('a').toBe('b');
  });
});

test.describe('suite with failing beforeEach', () => {
  test.beforeEach(async () => {
    throw new Error('beforeEach exploded');
  });
  test('under broken hook', async () => {
    expect(true).toBe(true);
  });
});
