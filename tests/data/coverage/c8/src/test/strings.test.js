'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { slug, pad } = require('../lib/strings');

test('slug', () => {
  assert.strictEqual(slug('Hello, World!'), 'hello-world');
});

test('pad', () => {
  assert.strictEqual(pad(7, 3, '0'), '007');
});
