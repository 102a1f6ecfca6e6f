'use strict';

function slug(s) {
  if (!s) return '';
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function pad(s, width, ch = ' ') {
  let out = String(s);
  while (out.length < width) {
    out = ch + out;
  }
  return out;
}

function unusedFormat(n) {
  return n > 0 ? `+${n}` : `${n}`;
}

module.exports = { slug, pad, unusedFormat };
