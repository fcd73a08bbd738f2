// Runs the real-VS-Code suites (out/test/vscode/suite/*.test.js) with @vscode/test-electron.
//
//   VSCODE_EXECUTABLE=test/vscode/launcher.sh  use our launcher (offline machines: code-server's
//                                              VS Code server + headless Chromium)
//   unset                                      test-electron downloads VS Code (needs internet)
//   VSCODE_TEST_WORKSPACE=DIR                  open DIR instead of a fresh copy of test/vscode/workspace
//
// Other VSCODE_TEST_* variables (GREP, TIMEOUT, …) reach the extension host with the environment.
// Build first: node esbuild.mjs && node test/vscode/build.mjs; then: node out/test/vscode/runTest.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'postmortem-assistant') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no postmortem-assistant package.json above ${__dirname}`);
  }
}

async function main(): Promise<void> {
  const root = repoRoot();
  const extensionTestsPath = path.join(root, 'out/test/vscode/suite/index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} missing: run node test/vscode/build.mjs`);

  // Tests may edit and save files: give them a fresh copy of the fixture workspace.
  let workspace = process.env.VSCODE_TEST_WORKSPACE;
  if (!workspace) {
    workspace = path.join(root, '.vscode-test/workspace');
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.cpSync(path.join(root, 'test/vscode/workspace'), workspace, { recursive: true });
  }

  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE ? path.resolve(process.env.VSCODE_EXECUTABLE) : undefined;
  console.log(`[runTest] VS Code: ${vscodeExecutablePath ?? 'downloaded by @vscode/test-electron'}; workspace: ${workspace}`);
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    // Only our extension (and VS Code's built-ins) are enabled.
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: { VSCODE_TEST_WORKSPACE_DIR: workspace },
  });
}

main().then(
  () => console.log('[runTest] all suites passed'),
  (err: unknown) => {
    console.error(`[runTest] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
