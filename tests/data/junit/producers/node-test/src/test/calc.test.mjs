import { describe, it, test, before } from 'node:test';
import assert from 'node:assert/strict';

const add = (a, b) => a + b;

test('top-level pass', () => {
  assert.equal(add(2, 3), 5);
});

test('top-level fail', () => {
  assert.equal(add(2, 2), 5, 'two plus two should be five');
});

test('throws an error', () => {
  throw new TypeError('cannot read config: undefined');
});

test('skipped test', { skip: 'not on CI' }, () => {});

test('todo test', { todo: 'write me later' }, () => {});

test('todo test that fails', { todo: true }, () => {
  assert.fail('todo failures do not count');
});

test('runtime skip', (t) => {
  t.skip('feature flag off');
});

test('with output & <xml> chars "quoted" ✓ café', () => {
  console.log('hello from stdout');
  console.error('warning from stderr');
  assert.ok(true);
});

describe('Calculator', () => {
  it('adds', () => {
    assert.equal(add(1, 1), 2);
  });

  describe('nested group', () => {
    it('deep pass', () => {
      assert.deepEqual({ a: 1 }, { a: 1 });
    });
    it('deep fail', () => {
      assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] });
    });
    it.skip('deep skip', () => {});
  });
});

describe('suite with failing hook', () => {
  before(() => {
    throw new Error('before hook exploded');
  });
  it('never runs because of hook', () => {
    assert.ok(true);
  });
});

test('parent with subtests', async (t) => {
  await t.test('subtest pass', () => {});
  await t.test('subtest fail', () => {
    assert.strictEqual('a', 'b');
  });
});
