#!/usr/bin/env node
// Count test outcomes with xml2js, the parser popular JavaScript JUnit
// reporters/readers use.  Prints one line:
//     tests=N failures=N errors=N skipped=N
'use strict';

const fs = require('fs');
const xml2js = require('xml2js');

if (process.argv.length !== 3) {
  console.error('usage: xml2js_count.js REPORT.xml');
  process.exit(2);
}

const text = fs.readFileSync(process.argv[2], 'utf8');
// Default options (explicitArray: true): every child element is an array.
xml2js.parseString(text, (err, doc) => {
  if (err) {
    console.error(`xml2js: ${err.message}`);
    process.exit(2);
  }
  // Accept both a <testsuites> root and a bare <testsuite> root.
  const suites = doc.testsuites ? (doc.testsuites.testsuite || []) : [doc.testsuite];
  let tests = 0, failures = 0, errors = 0, skipped = 0;
  const walk = (suite) => {
    for (const tc of suite.testcase || []) {
      tests++;
      // One outcome per case; precedence error > failure > skipped.
      if (tc.error) errors++;
      else if (tc.failure) failures++;
      else if (tc.skipped) skipped++;
    }
    for (const nested of suite.testsuite || []) walk(nested);
  };
  suites.forEach(walk);
  console.log(`tests=${tests} failures=${failures} errors=${errors} skipped=${skipped}`);
});
