// Issue 16: the self-check answers as the law and the entry say. Each entry's own conditions are
// asked (and ticked off on screen), an exclusion does not end the check, 不予强制 has its own
// outcome, and a 首违 entry that requires 未造成危害后果 never waives for minor harm.
const { test, expect } = require('@playwright/test');
const { guardPage } = require('../lib/guard');

/** Answers from a map fact → yes/no (a function for `condition` by index) until the result. */
async function answerUntilDone(page, answers) {
  const asked = [];
  for (let i = 0; i < 24; i += 1) {
    const q = page.getByTestId('eligibility-question');
    const result = page.getByTestId('eligibility-result');
    await expect(q.or(result)).toBeVisible();
    if (await result.isVisible()) return asked;
    const fact = await q.getAttribute('data-question');
    const cond = await q.getAttribute('data-condition');
    if (!(fact in answers)) throw new Error(`unexpected question ${fact} after ${asked.join(',')}`);
    const yes = typeof answers[fact] === 'function' ? answers[fact](Number(cond)) : answers[fact];
    asked.push(cond === null ? fact : `${fact}:${cond}`);
    await page.getByTestId(yes ? 'eligibility-yes' : 'eligibility-no').click();
    const sel = cond === null
      ? `[data-testid="eligibility-question"][data-question="${fact}"]`
      : `[data-testid="eligibility-question"][data-question="${fact}"][data-condition="${cond}"]`;
    await expect(page.locator(sel)).toHaveCount(0);
  }
  throw new Error(`self-check did not end: ${asked.join(',')}`);
}

const condition = (page, i) => page.locator(`[data-testid="eligibility-condition"][data-condition="${i}"]`);

test('a 首违 entry requiring 未造成危害后果, answered with minor harm, does not reach may_waive', async ({ page }) => {
  const g = guardPage(page);
  // agriculture-001: 属于初次违反 · 违法情节轻微 · 未造成危害后果
  await page.goto('/lenient/item/agriculture-001/check');
  const asked = await answerUntilDone(page, {
    decided: false, first_time: true, condition: true, no_harm: false, minor_harm: true,
    limitation: true, age: false, incapacity: false, no_fault: false, mitigating: false,
  });
  expect(asked).not.toContain('minor_harm'); // minor harm is not what the entry allows
  expect(asked).toContain('condition:1');
  const r = page.getByTestId('eligibility-result');
  await expect(r).not.toHaveAttribute('data-outcome', 'may_waive');
  await expect(r).toHaveAttribute('data-outcome', 'penalty');
  await expect(r).toHaveAttribute('data-by-list', 'false');
  await expect(condition(page, 2)).toHaveAttribute('data-state', 'unmet');
  await expect(condition(page, 0)).toHaveAttribute('data-state', 'met');
  g.assertClean();
});

test('a 轻微 entry requiring 首次被发现 asks it, and ticks off its conditions', async ({ page }) => {
  const g = guardPage(page);
  // culture-001: 首次被发现 · 能够当场按规定悬挂
  await page.goto('/lenient/item/culture-001/check');
  await expect(page.getByTestId('eligibility-condition')).toHaveCount(2);
  await expect(condition(page, 0)).toContainText('首次被发现');
  await expect(condition(page, 0)).toHaveAttribute('data-state', 'open');
  await page.getByTestId('eligibility-no').click(); // decided
  const q = page.getByTestId('eligibility-question');
  await expect(q).toHaveAttribute('data-question', 'first_time');
  await page.getByTestId('eligibility-yes').click();
  await expect(condition(page, 0)).toHaveAttribute('data-state', 'met');
  await expect(q).toHaveAttribute('data-question', 'condition');
  await expect(q).toHaveAttribute('data-condition', '1');
  await expect(q).toContainText('能够当场按规定悬挂');
  await page.getByTestId('lang-toggle').click();
  await expect(q).toContainText('Can you put it up as required on the spot?');
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('eligibility-yes').click();
  const r = page.getByTestId('eligibility-result');
  await expect(r).toHaveAttribute('data-outcome', 'no_penalty');
  await expect(r).toHaveAttribute('data-by-list', 'true');
  await expect(r).toContainText('应当不予处罚');
  await expect(condition(page, 1)).toHaveAttribute('data-state', 'met');

  // Not the first time: no 应当不予处罚 from the general law either (the entry requires more).
  await page.getByTestId('eligibility-restart').click();
  await answerUntilDone(page, {
    decided: false, first_time: false, limitation: true, age: false, incapacity: false,
    no_fault: false, mitigating: false,
  });
  await expect(r).toHaveAttribute('data-outcome', 'penalty');
  g.assertClean();
});

test('a 不予强制 entry starts with a measure already taken and ends in no_coercion', async ({ page }) => {
  const g = guardPage(page);
  // market-002: 自有经营场所或互联网自媒体上发布 · 及时改正 · 未造成明显社会危害或者不良社会影响
  await page.goto('/lenient/item/market-002/check');
  const q = page.getByTestId('eligibility-question');
  await expect(q).toHaveAttribute('data-question', 'measure_taken');
  await expect(q).toContainText('行政强制措施');
  const asked = await answerUntilDone(page, { measure_taken: false, condition: true, corrected: true });
  expect(asked).not.toContain('decided');
  const r = page.getByTestId('eligibility-result');
  await expect(r).toHaveAttribute('data-outcome', 'no_coercion');
  await expect(r).toContainText('可以不采取行政强制措施');
  await expect(r).toContainText('不采取行政强制措施不等于不予行政处罚');
  await expect(r).toContainText('《中华人民共和国行政强制法》第十六条第二款');
  await expect(r).not.toContainText('免罚不免责');
  // A measure already taken: the art. 8 remedies.
  await page.getByTestId('eligibility-restart').click();
  await page.getByTestId('eligibility-yes').click();
  await expect(r).toHaveAttribute('data-outcome', 'not_applicable');
  await expect(r).toContainText('第八条');
  await expect(r).toContainText('赔偿');
  g.assertClean();
});

test('an exclusion of the entry does not end the check: it goes on to the no-fault question', async ({ page }) => {
  const g = guardPage(page);
  // health-003: 首次被发现 · 立即改正，或者在责令改正期限内改正 · “双随机”抽查中发现的案件不适用
  await page.goto('/lenient/item/health-003/check');
  const asked = await answerUntilDone(page, {
    decided: false, first_time: true, corrected: true, excluded: true,
    limitation: true, age: false, incapacity: false,
    no_fault: true,
  });
  expect(asked).toContain('excluded:2');
  expect(asked).toContain('no_fault');
  const r = page.getByTestId('eligibility-result');
  await expect(r).toHaveAttribute('data-outcome', 'no_fault');
  await expect(r).not.toContainText('本清单不适用');
  await expect(condition(page, 2)).toHaveAttribute('data-state', 'unmet');
  g.assertClean();
});
