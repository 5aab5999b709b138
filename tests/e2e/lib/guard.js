// Fails a test on any uncaught page error or console error (a kiosk must never break silently).
function guardPage(page, { allow = [] } = {}) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (allow.some((re) => re.test(text))) return;
    problems.push(`console.error: ${text}`);
  });
  return {
    problems,
    assertClean() {
      if (problems.length) throw new Error(`page reported errors:\n${problems.join('\n')}`);
    },
  };
}
module.exports = { guardPage };
