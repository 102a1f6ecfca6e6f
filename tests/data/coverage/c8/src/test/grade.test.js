'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { grade, average } = require('../lib/grade');

test('grade', () => {
  assert.strictEqual(grade(95), 'A');
  assert.strictEqual(grade(60), 'C');
});

test('average', () => {
  assert.strictEqual(average([2, 4]), 3);
  assert.strictEqual(average([]), 0);
});
