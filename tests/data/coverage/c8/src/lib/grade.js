'use strict';

function grade(score) {
  if (typeof score !== 'number') {
    throw new TypeError('score must be a number');
  }
  if (score >= 90) return 'A';
  else if (score >= 75) return 'B';
  return score >= 50 ? 'C' : 'F';
}

function average(values, { ignoreZero = false } = {}) {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (ignoreZero && v === 0) continue;
    sum += v;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

function neverCalled(x) {
  const y = x || 1;
  if (y > 2) {
    return y * 2;
  }
  return y;
}

module.exports = { grade, average, neverCalled };
