'use strict';

// No test requires this file: it shows up only because of `all: true`.
function lonely(flag) {
  if (flag) {
    return 'yes';
  }
  return 'no';
}

module.exports = { lonely };
