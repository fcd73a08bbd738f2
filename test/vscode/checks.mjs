// The checks of the browser-driven runs (test/e2e/run.mjs, test/web/host.mjs): each assertion is
// one named check; a failure is recorded with a screenshot and the run goes on, so one run reports
// every broken behaviour at once.
import path from 'node:path';

/**
 * `log`: the run's logger; `page()`: the page to screenshot on a failure (undefined before it
 * exists); `screenshots`: where; `relativeTo`: shown paths are relative to it.
 */
export function createChecks({ log, page, screenshots, relativeTo }) {
  const results = [];
  /**
   * Runs one assertion. `needs`: the results of the checks this one builds on; when one of them
   * failed, this one fails at once without running.
   */
  async function check(name, fn, needs = []) {
    const t0 = Date.now();
    if (needs.some((ok) => !ok)) {
      results.push({ name, ok: false });
      log(`FAIL ${name}: not run, an earlier check it needs failed`);
      return false;
    }
    try {
      const detail = await fn();
      results.push({ name, ok: true });
      log(`PASS ${name}${detail ? ` — ${detail}` : ''} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      return true;
    } catch (err) {
      results.push({ name, ok: false });
      const message = String(err?.message ?? err).replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l.trim()).slice(0, 4);
      log(`FAIL ${name}: ${message.join('\n    ')}`);
      const p = page();
      if (p) {
        const shot = path.join(screenshots, `failed-${results.length}.png`);
        await p.screenshot({ path: shot }).catch(() => {});
        log(`     screenshot: ${path.relative(relativeTo, shot)}`);
      }
      return false;
    }
  }
  return {
    check,
    results,
    /** Records a failure that is not a check (the run could not complete). */
    fail: (name) => results.push({ name, ok: false }),
    get failed() {
      return results.filter((r) => !r.ok).length;
    },
    get passed() {
      return results.filter((r) => r.ok).length;
    },
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
