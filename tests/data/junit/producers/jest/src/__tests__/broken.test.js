// This test file cannot even load: a whole-suite failure.
require('./module-that-does-not-exist');

test('never collected', () => {
  expect(1).toBe(1);
});
