// This test file cannot load: a whole-file (suite) error.
import './module-that-does-not-exist.js';
import { test, expect } from 'vitest';

test('never collected', () => {
  expect(1).toBe(1);
});
