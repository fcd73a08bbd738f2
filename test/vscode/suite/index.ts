// Mocha runner loaded by the extension host (extensionTestsPath). It runs every compiled
// `*.test.js` beside it (subfolders included), BDD style (describe/it), and rejects when a test
// fails, which makes the workbench exit with code 1.
//
// Environment (passed through from runTests' extensionTestsEnv / the launcher's environment):
//   VSCODE_TEST_GREP     only run tests whose full title matches this regular expression
//   VSCODE_TEST_TIMEOUT  per-test timeout in ms (default 20000)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.VSCODE_TEST_TIMEOUT ?? 20_000),
    forbidOnly: Boolean(process.env.CI),
    grep: process.env.VSCODE_TEST_GREP ? new RegExp(process.env.VSCODE_TEST_GREP) : undefined,
  });

  const files = fs
    .readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // A plain closing line that CI logs can be read for (mocha's own summary is not).
        const skipped = runner.stats?.pending ?? 0;
        console.log(`vscode: ${runner.stats?.passes ?? 0} passed, ${failures} failed${skipped ? `, ${skipped} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
