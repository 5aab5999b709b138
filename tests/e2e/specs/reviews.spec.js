// 好差评 end to end against the real reference server: good and bad reviews with receipts, the
// reason rule, exactly-once delivery (double tap, lost response, a 20-review outage), the status
// look-up after the hall advances a review, and the statistics.
const { test, expect } = require('@playwright/test');
const { startServer, ADMIN_TOKEN } = require('../lib/server');

const OUTBOX_KEY = 'ek.outbox.v1';
const REFUSED = /^Failed to load resource: net::ERR_CONNECTION_REFUSED$/;
/** A request that failed without an answer (a test's route aborted it). */
const FAILED = /^Failed to load resource: net::ERR_FAILED$/;
const NOT_FOUND = /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/;

/** Fails the test on page errors and console errors; `allowed()` lists what may pass right now. */
function guard(page) {
  const problems = [];
  let allowed = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (allowed.some((re) => re.test(text))) return;
    problems.push(`console.error: ${text}`);
  });
  return {
    allow(list) { allowed = list; },
    assertClean() {
      if (problems.length) throw new Error(`page reported errors:\n${problems.join('\n')}`);
    },
  };
}

function baseOf(testInfo) {
  return testInfo.project.use.baseURL;
}

async function api(base, path, init = {}) {
  const r = await fetch(`${base}${path}`, init);
  const body = await r.text();
  return { status: r.status, json: body ? JSON.parse(body) : null };
}

async function total(base) {
  const r = await api(base, '/api/v1/reviews/stats?group_by=month');
  expect(r.status).toBe(200);
  return r.json.overall.total;
}

async function adminList(base) {
  const r = await api(base, '/api/v1/admin/reviews?limit=500', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(r.status).toBe(200);
  return r.json;
}

/** From /reviews: pick a window and open the form. */
async function openWindowForm(page, windowId) {
  await page.getByTestId('review-window').selectOption(windowId);
  await page.getByTestId('review-window-go').click();
  await expect(page).toHaveURL(new RegExp(`/reviews/new\\?window=${windowId}$`));
}

const level = (page, rating) => page.locator(`[data-testid=review-rating][data-rating=${rating}]`);
const reason = (page, code) => page.locator(`[data-testid=review-reason][data-code="${code}"]`);

test('a good review: window, level, receipt with a number and a check code', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  await page.goto('/reviews');
  await openWindowForm(page, 'A03');
  await expect(page.getByTestId('review-target')).toContainText('综合受理窗口 A03');
  // Five levels, text and stars, none preselected.
  await expect(page.getByTestId('review-rating')).toHaveCount(5);
  await expect(page.locator('[data-testid=review-rating][aria-pressed=true]')).toHaveCount(0);
  await expect(level(page, 'very_satisfied')).toHaveAttribute('aria-label', '非常满意 5星');
  await expect(level(page, 'very_dissatisfied')).toContainText('★☆☆☆☆');
  await level(page, 'very_satisfied').click();
  await expect(level(page, 'very_satisfied')).toHaveAttribute('aria-pressed', 'true');
  await reason(page, '501').click();
  await expect(reason(page, '501')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('review-comment').fill('窗口工作人员很耐心');
  await expect(page.getByTestId('review-comment-counter')).toHaveText('9/500');
  await expect(page.getByTestId('review-comment')).toHaveAttribute('maxlength', '500');
  await page.getByTestId('review-submit').click();

  const receipt = page.getByTestId('review-receipt');
  await expect(receipt).toHaveAttribute('data-review-no', /^HC\d{14,}$/);
  await expect(receipt).toHaveAttribute('data-queued', 'false');
  const no = await receipt.getAttribute('data-review-no');
  await expect(page.getByTestId('receipt-no')).toHaveText(no);
  await expect(page.getByTestId('receipt-check')).toHaveText(/^[2-9A-HJ-NP-Z]{6}$/);
  await expect(page.getByTestId('receipt-level')).toContainText('非常满意');
  await expect(page.getByTestId('receipt-next')).toContainText('感谢');
  await expect(page.getByTestId('receipt-due')).toHaveCount(0);
  const check = (await page.getByTestId('receipt-check').textContent()).trim();
  const qr = await page.getByTestId('qr-code').getAttribute('data-qr');
  expect(qr).toBe(`${new URL(base).origin}/reviews/status/${no}`);
  expect(qr).not.toContain(check);
  expect(await total(base)).toBe(before + 1);
  const stored = (await adminList(base)).find((r) => r.review_no === no);
  expect(stored.rating).toBe('very_satisfied');
  expect(stored.state).toBe('submitted');
  g.assertClean();
});

test('a bad review with a reason: masked phone, receipt with the deadline, tracked as the hall handles it', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  await page.goto('/reviews');
  await page.getByTestId('review-service').selectOption('S06');
  await page.getByTestId('review-service-go').click();
  await expect(page).toHaveURL(/\/reviews\/new\?service=S06$/);
  await level(page, 'dissatisfied').click();
  // The rule is said plainly next to the reasons.
  await expect(page.locator('#review-reasons legend')).toContainText('至少选择一项原因');
  await expect(page.getByTestId('review-reason').first()).toHaveAttribute('data-code', /^2\d\d$/);
  await reason(page, '201').click();
  // Switching to 非常不满意 keeps the same reason under that level's code.
  await level(page, 'very_dissatisfied').click();
  await expect(reason(page, '101')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-testid=review-reason][aria-pressed=true]')).toHaveCount(1);
  await page.getByTestId('review-phone').fill('138 1234 5678');
  await expect(page.getByTestId('review-phone')).toHaveAttribute('inputmode', 'tel');
  await page.getByTestId('review-comment').focus();
  await expect(page.getByTestId('review-phone-masked')).toHaveText('138****5678');
  await expect(page.getByTestId('review-phone')).toHaveCount(0);
  await expect(page.getByTestId('review-privacy')).toContainText('回访');
  await page.getByTestId('review-submit').click();

  const receipt = page.getByTestId('review-receipt');
  await expect(receipt).toHaveAttribute('data-review-no', /^HC\d{14,}$/);
  const no = await receipt.getAttribute('data-review-no');
  await expect(page.getByTestId('receipt-due')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  const due = (await page.getByTestId('receipt-due').textContent()).trim();
  await expect(page.getByTestId('receipt-next')).toContainText('整改');
  await expect(page.getByTestId('receipt-level')).toContainText('非常不满意');
  const check = (await page.getByTestId('receipt-check').textContent()).trim();
  // Nothing on screen shows the full phone number.
  await expect(page.locator('body')).not.toContainText('13812345678');
  expect(await total(base)).toBe(before + 1);

  // Look it up with the last 4 digits of the phone: 待核实.
  await page.goto(`/reviews/status/${no}`);
  await expect(page.getByTestId('review-lookup-no')).toHaveValue(no);
  await page.getByTestId('review-lookup-check').fill('5678');
  await page.getByTestId('review-lookup-submit').click();
  await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'pending_verification');
  await expect(page.getByTestId('review-state')).toHaveText('待核实');
  await expect(page.getByTestId('review-due')).toHaveText(due);

  // The hall starts verifying; the look-up with the receipt's check code shows it with the note.
  const adv = await api(base, `/api/v1/admin/reviews/${no}/advance`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ to: 'verifying', note: '已联系窗口负责人核实' }),
  });
  expect(adv.status).toBe(200);
  await page.goto('/reviews/status');
  await page.getByTestId('review-lookup-no').fill(no.toLowerCase());
  await page.getByTestId('review-lookup-check').fill(check.toLowerCase());
  await page.getByTestId('review-lookup-submit').click();
  await expect(page.getByTestId('review-status')).toHaveAttribute('data-state', 'verifying');
  await expect(page.getByTestId('review-state')).toHaveText('核实中');
  await expect(page.getByTestId('review-history-item')).toHaveCount(2);
  await expect(page.getByTestId('review-history-item').last()).toContainText('已联系窗口负责人核实');
  await expect(page.getByTestId('review-history-item').first()).toContainText('待核实');

  // A wrong check value: one message that does not say which part was wrong.
  g.allow([NOT_FOUND]);
  await page.getByTestId('review-lookup-check').fill('ABCDEF');
  await page.getByTestId('review-lookup-submit').click();
  await expect(page.getByTestId('review-not-found')).toHaveText('未找到该评价，或查询码不正确。请核对后重试。');
  await expect(page.getByTestId('review-status')).toHaveCount(0);
  g.assertClean();
});

test('a bad review without a reason is refused with a message and nothing is stored; a text reason is enough', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/v1/reviews')) posts.push(r.url()); });
  await page.goto('/reviews/new?window=B02');
  // Nothing chosen at all: the level is asked for.
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('error-summary')).toContainText('请选择满意程度');
  await level(page, 'very_dissatisfied').click();
  await page.getByTestId('review-phone').fill('12345');
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await expect(page.getByTestId('error-summary')).toContainText('差评请至少选择一项原因');
  await expect(page.locator('#review-reasons [data-testid=field-error]')).toHaveText('差评请至少选择一项原因，或在“意见和建议”中写明情况。');
  await expect(page.locator('#review-rating-group + [data-testid=field-error]')).toHaveCount(0);
  await expect(page.locator('.phone-field [data-testid=field-error]')).toContainText('11位手机号码');
  // The answers are kept.
  await expect(level(page, 'very_dissatisfied')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('review-phone')).toHaveValue('12345');
  expect(posts).toEqual([]);
  expect(await total(base)).toBe(before);
  // The summary links to the field; text alone is a reason, and the phone may stay empty.
  await page.getByTestId('error-summary').locator('button', { hasText: '11位手机号码' }).click();
  await expect(page.getByTestId('review-phone')).toBeFocused();
  await page.getByTestId('review-phone').fill('');
  await page.getByTestId('review-comment').fill('材料被退回三次');
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
  await expect(page.getByTestId('receipt-due')).toBeVisible();
  expect(posts.length).toBe(1);
  expect(await total(base)).toBe(before + 1);
  g.assertClean();
});

test('a double tap on submit stores one review', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  const keys = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/reviews')) keys.push(r.headers()['idempotency-key']); });
  // Two taps in the same task, before the page can re-render.
  await page.goto('/reviews/new?window=C01');
  await level(page, 'satisfied').click();
  await page.getByTestId('review-submit').evaluate((b) => { b.click(); b.click(); });
  await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
  expect(await total(base)).toBe(before + 1);
  expect(keys.length).toBe(1);
  expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // A real double tap with the pointer on a new form (a new form has a new key).
  await page.getByTestId('receipt-again').click();
  await openWindowForm(page, 'C02');
  await level(page, 'very_satisfied').click();
  await page.getByTestId('review-submit').dblclick();
  await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
  expect(await total(base)).toBe(before + 2);
  expect(keys.length).toBe(2);
  expect(keys[1]).not.toBe(keys[0]);
  g.assertClean();
});

test('a lost response is retried with the same key and stores one review', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  const keys = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/reviews')) keys.push(r.headers()['idempotency-key']); });
  await page.goto('/reviews/new?service=S10');
  await level(page, 'basically_satisfied').click();
  // The request reaches the real server, which stores the review; the answer is lost.
  g.allow([FAILED]);
  await page.route('**/api/v1/reviews', async (route) => {
    await route.fetch();
    await route.abort('failed');
  }, { times: 1 });
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-queued', 'true');
  expect(await total(base)).toBe(before + 1);
  // The outbox sends it again with the same key: the server replays, nothing new is stored.
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), OUTBOX_KEY), { timeout: 20_000 }).toBeNull();
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(1);
  expect(await total(base)).toBe(before + 1);
  g.assertClean();
});

test('an unknown case number is refused; a known one opens the form; a third review of a case is refused', async ({ page }) => {
  // Its own server: the per-case limit needs a case nobody has reviewed yet.
  const server = await startServer();
  const base = server.url;
  const g = guard(page);
  try {
    await page.goto(`${base}/reviews`);
    await page.getByTestId('review-case').fill('not a case');
    await page.getByTestId('review-case-submit').click();
    await expect(page.getByTestId('field-error')).toContainText('格式不正确');
    g.allow([NOT_FOUND]);
    await page.getByTestId('review-case').fill('32050820269999000001');
    await page.getByTestId('review-case-submit').click();
    await expect(page.getByTestId('field-error')).toContainText('没有找到这个办件');
    g.allow([]);
    await page.getByTestId('review-case').fill('32050820260924000073');
    await page.getByTestId('review-case-submit').click();
    await expect(page).toHaveURL(/\/reviews\/new\?case=32050820260924000073$/);
    await expect(page.getByTestId('review-target')).toContainText('32050820260924000073');
    await expect(page.getByTestId('review-target')).toContainText('个体工商户设立登记');
    await expect(page.getByTestId('review-target')).toContainText('A05');
    await level(page, 'very_satisfied').click();
    await page.getByTestId('review-submit').click();
    await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
    const no = await page.getByTestId('review-receipt').getAttribute('data-review-no');
    expect((await adminList(base)).some((r) => r.review_no === no)).toBe(true);
    // A case takes two reviews; the third is refused by the server with a clear message.
    await page.goto(`${base}/reviews/new?case=32050820260924000073`);
    await level(page, 'satisfied').click();
    await page.getByTestId('review-submit').click();
    await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
    expect(await total(base)).toBe(2);
    g.allow([/^Failed to load resource: the server responded with a status of 409 \(Conflict\)$/]);
    await page.goto(`${base}/reviews/new?case=32050820260924000073`);
    await level(page, 'basically_satisfied').click();
    await page.getByTestId('review-submit').click();
    await expect(page.locator('#review-target [data-testid=field-error]')).toHaveText('这个办件已经评价过2次，不能再评价。您可以改为评价窗口或事项。');
    await expect(page.getByTestId('error-summary')).toContainText('已经评价过2次');
    await expect(page.getByTestId('review-receipt')).toHaveCount(0);
    expect(await total(base)).toBe(2);
    g.assertClean();
  } finally {
    await server.stop();
  }
});

test('a case slip scanned with the hardware scanner opens its form; the keypad types a phone number', async ({ page }) => {
  const g = guard(page);
  await page.goto('/reviews');
  await expect(page.getByTestId('review-window')).toBeVisible();
  // A keyboard-wedge scanner types the QR payload (the case number) fast and ends with Enter.
  await page.keyboard.type('32050820260923000055', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reviews\/new\?case=32050820260923000055$/);
  await expect(page.getByTestId('review-target')).toContainText('C01');
  // The kiosk keypad: open it for the phone, key in the number, done → shown masked.
  await page.locator('[data-testid=keypad-toggle][data-field=review-phone]').click();
  for (const d of '13812345678') await page.locator(`[data-testid=keypad-key][data-key="${d}"]`).click();
  await expect(page.getByTestId('review-phone')).toHaveValue('13812345678');
  await page.getByTestId('keypad-done').click();
  await expect(page.getByTestId('review-phone-masked')).toHaveText('138****5678');
  await expect(page.getByTestId('keypad')).toHaveCount(0);
  await page.getByTestId('review-phone-edit').click();
  await expect(page.getByTestId('review-phone')).toBeFocused();
  await expect(page.getByTestId('review-phone')).toHaveValue('13812345678');
  g.assertClean();
});

test('a target the server does not know: its 422 field problem is shown on the form', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  const before = await total(base);
  await page.goto('/reviews/new?window=Z99');
  // Without the hall's name for it, the identifier itself is shown.
  await expect(page.getByTestId('review-target')).toContainText('Z99');
  await level(page, 'satisfied').click();
  g.allow([/^Failed to load resource: the server responded with a status of 422 \(Unprocessable Entity\)$/]);
  await page.getByTestId('review-submit').click();
  await expect(page.locator('#review-target [data-testid=field-error]')).toContainText('不在评价范围内');
  await expect(page.getByTestId('error-summary')).toContainText('不在评价范围内');
  await expect(level(page, 'satisfied')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('review-submit')).toBeEnabled();
  expect(await total(base)).toBe(before);
  g.assertClean();
});

test('statistics: headline figures, grouping chips and a chart that follow the submissions', async ({ page }, testInfo) => {
  const g = guard(page);
  const base = baseOf(testInfo);
  await page.goto('/reviews/stats');
  await expect(page.getByTestId('review-stats')).toHaveAttribute('data-group-by', 'month');
  const shown = Number(await page.getByTestId('stats-total').textContent());
  expect(shown).toBe(await total(base));
  for (const id of ['stats-good-rate', 'stats-bad', 'stats-rectify-rate', 'stats-average']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId('stats-formulas')).toContainText('好评率 = 好评数');
  // One more review (a 差评 with a reason) through the form.
  await page.goto('/reviews/new?window=D01');
  await level(page, 'dissatisfied').click();
  await reason(page, '207').click();
  await page.getByTestId('review-submit').click();
  await expect(page.getByTestId('review-receipt')).toHaveAttribute('data-review-no', /^HC/);
  await page.goto('/reviews/stats');
  await expect(page.getByTestId('stats-total')).toHaveText(String(shown + 1));
  const stats = (await api(base, '/api/v1/reviews/stats?group_by=window')).json;
  await expect(page.getByTestId('stats-bad')).toHaveText(String(stats.overall.bad));
  await expect(page.getByTestId('bar-chart-row').first()).toBeVisible();
  await page.locator('[data-testid=stats-group][data-group=window]').click();
  await expect(page).toHaveURL(/group_by=window$/);
  await expect(page.getByTestId('review-stats')).toHaveAttribute('data-group-by', 'window');
  await expect(page.locator('[data-testid=stats-group][data-group=window]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('bar-chart-row')).toHaveCount(Math.min(stats.groups.length, 20));
  await expect(page.getByTestId('bar-chart')).toContainText('D01');
  g.assertClean();
});

test('statistics worth looking at: a monthly trend with 好评率 and 差评按时处理率, drawn and tabled, over the marked demo history', async ({ page }) => {
  const server = await startServer({ env: { DEMO_HISTORY: '1' } });
  const g = guard(page);
  try {
    const stats = (await api(server.url, '/api/v1/reviews/stats?group_by=month')).json;
    expect(stats.demo_reviews).toBeGreaterThanOrEqual(150);
    expect(stats.months.length).toBeGreaterThanOrEqual(6);
    await page.goto(`${server.url}/reviews/stats`);
    // Marked as demo data, with how many reviews it is.
    await expect(page.getByTestId('stats-demo')).toContainText('演示数据');
    await expect(page.getByTestId('stats-demo')).toHaveAttribute('data-count', String(stats.demo_reviews));
    await expect(page.getByTestId('stats-total')).toHaveText(String(stats.overall.total));
    const pct = (r) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
    await expect(page.getByTestId('stats-on-time-rate')).toHaveText(pct(stats.overall.on_time_rate));
    // One column per month, as tall as its count relative to the others; both lines drawn.
    const bars = page.getByTestId('trend-bar');
    await expect(bars).toHaveCount(stats.months.length);
    const heights = await bars.evaluateAll((els) => els.map((e) => [e.dataset.month, Number(e.dataset.count), Number(e.getAttribute('height'))]));
    expect(heights.map(([m, n]) => [m, n])).toEqual(stats.months.map((m) => [m.key, m.figures.total]));
    const [, nMax, hMax] = heights.reduce((a, b) => (b[1] > a[1] ? b : a));
    for (const [, n, h] of heights) expect(h).toBeCloseTo((hMax * n) / nMax, 3);
    // A point per month that has the rate (gaps where it has none).
    for (const [id, key] of [['trend-good', 'good_rate'], ['trend-on-time', 'on_time_rate']]) {
      const d = await page.getByTestId(id).getAttribute('d');
      expect((d.match(/[ML]/g) || []).length).toBe(stats.months.filter((m) => m.figures[key] != null).length);
    }
    // The text alternative: the chart is named, the table has every month's numbers.
    await expect(page.getByTestId('stats-trend').locator('svg')).toHaveAttribute('aria-label', /好评率/);
    const rows = page.getByTestId('stats-trend-row');
    await expect(rows).toHaveCount(stats.months.length);
    const last = stats.months[stats.months.length - 1];
    await expect(rows.last()).toContainText(last.key);
    await expect(rows.last()).toContainText(pct(last.figures.good_rate));
    await expect(rows.last()).toContainText(pct(last.figures.on_time_rate));
    // Per window: the bars of the grouping, the same trend (one request per screen).
    const requests = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/reviews/stats')) requests.push(r.url()); });
    await page.locator('[data-testid=stats-group][data-group=window]').click();
    await expect(page.getByTestId('review-stats')).toHaveAttribute('data-group-by', 'window');
    await expect(page.getByTestId('bar-chart-row').first()).toBeVisible();
    await expect(page.getByTestId('trend-bar')).toHaveCount(stats.months.length);
    expect(requests).toHaveLength(1);
  } finally {
    await server.stop();
  }
  g.assertClean();
});

test('the offline demo carries the marked demo history too', async ({ page }) => {
  const g = guard(page);
  await page.goto('/reviews/stats?demo=1');
  await expect(page.getByTestId('stats-demo')).toContainText('演示数据');
  expect(await page.getByTestId('trend-bar').count()).toBeGreaterThanOrEqual(6);
  await page.locator('[data-testid=stats-group][data-group=service]').click();
  await expect(page.getByTestId('review-stats')).toHaveAttribute('data-group-by', 'service');
  await expect(page.getByTestId('bar-chart-row').first()).toBeVisible();
  g.assertClean();
});

test('outage: 20 reviews taken while the server is down arrive exactly once when it is back', async ({ page }) => {
  test.setTimeout(300_000);
  let server = await startServer();
  const { port } = server; // the page keeps this origin: come back on the same port
  const g = guard(page);
  try {
    await page.goto(`${server.url}/reviews`);
    await expect(page.getByTestId('review-window')).toBeVisible();
    // A booted kiosk: the service worker controls the page and holds the catalog. Stopping the
    // server before that raced the worker's first install and its catalog warm-up: a catalog
    // request the worker could not answer failed as ERR_FAILED, which this guard does not allow.
    await expect.poll(() => page.evaluate(async () => !!navigator.serviceWorker.controller
      && !!(await caches.match('/api/v1/lenient/catalog'))), { timeout: 30_000 }).toBe(true);
    const before = await total(server.url);
    await server.stop();
    g.allow([REFUSED]);
    const windows = ['A01', 'A02', 'B01', 'C02', 'E01'];
    const localNos = [];
    for (let i = 0; i < 20; i += 1) {
      await openWindowForm(page, windows[i % windows.length]);
      if (i % 4 === 3) {
        await level(page, 'dissatisfied').click();
        await reason(page, '201').click();
      } else {
        await level(page, ['very_satisfied', 'satisfied', 'basically_satisfied'][i % 3]).click();
      }
      await page.getByTestId('review-comment').fill(`离线评价 ${i + 1}`);
      await page.getByTestId('review-submit').click();
      const receipt = page.getByTestId('review-receipt');
      await expect(receipt).toHaveAttribute('data-queued', 'true');
      await expect(page.getByTestId('review-queued')).toHaveText('您的评价已保存，网络恢复后将自动提交');
      await expect(page.getByTestId('receipt-check')).toHaveCount(0);
      localNos.push(await receipt.getAttribute('data-review-no'));
      await page.getByTestId('receipt-again').click();
    }
    expect(new Set(localNos).size).toBe(20);
    const queued = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).items.length, OUTBOX_KEY);
    expect(queued).toBe(20);

    server = await startServer({ port, dataDir: server.dataDir });
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), OUTBOX_KEY), { timeout: 200_000, intervals: [1000] }).toBeNull();
    g.allow([]);
    expect(await total(server.url)).toBe(before + 20);
    const list = await adminList(server.url);
    expect(list.length).toBe(before + 20);
    expect(new Set(list.map((r) => r.review_no)).size).toBe(list.length);
    expect(list.filter((r) => r.rating === 'dissatisfied').length).toBe(5);
    // Idle a little longer: nothing more arrives.
    await page.waitForTimeout(3000);
    expect(await total(server.url)).toBe(before + 20);
    g.assertClean();
  } finally {
    await server.stop();
  }
});
