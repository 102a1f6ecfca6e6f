const assert = require('node:assert/strict');

const add = (a, b) => a + b;
let flakyAttempts = 0;

describe('Calculator', function () {
  it('adds', function () {
    assert.equal(add(2, 3), 5);
  });

  it('fails an assertion', function () {
    assert.equal(add(2, 2), 5, 'two plus two should be five');
  });

  it('throws an error', function () {
    throw new TypeError('cannot read config: undefined');
  });

  it('pending: no function body');

  it.skip('skipped with it.skip', function () {
    assert.fail('never runs');
  });

  it('skips itself at runtime', function () {
    this.skip();
  });

  it('with output & <xml> chars "quoted" ✓ café', function () {
    console.log('hello from stdout');
    assert.ok(true);
  });

  it('flaky: fails once then passes (retries 1)', function () {
    this.retries(1);
    flakyAttempts += 1;
    assert.ok(flakyAttempts >= 2, `attempt ${flakyAttempts} fails`);
  });

  it('times out', function (done) {
    this.timeout(50);
    setTimeout(done, 200);
  });

  describe('nested group', function () {
    it('deep pass', function () {
      assert.deepEqual({ a: 1 }, { a: 1 });
    });

    it('deep fail', function () {
      assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] });
    });

    describe('deeper group', function () {
      it('deepest pass', function () {
        assert.ok(true);
      });
    });
  });
});

describe('suite with failing beforeEach', function () {
  beforeEach(function () {
    throw new Error('beforeEach exploded');
  });

  it('first test under broken hook', function () {
    assert.ok(true);
  });

  it('second test under broken hook', function () {
    assert.ok(true);
  });
});

describe('suite with failing after hook', function () {
  after(function () {
    throw new Error('after hook exploded');
  });

  it('passes before the after hook fails', function () {
    assert.ok(true);
  });
});
