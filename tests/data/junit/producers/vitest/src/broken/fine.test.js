import { test, expect } from 'vitest';

test('fine', () => {
  expect(1).toBe(1);
});
