describe('Other file', () => {
  test('passes', () => {
    expect([1, 2, 3]).toContain(2);
  });
  test.skip('skipped in other file', () => {});
});
