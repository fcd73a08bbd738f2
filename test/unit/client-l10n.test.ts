/**
 * Client l10n: every user-visible string of client/src goes through `vscode.l10n.t` (or the pure
 * modules' `t`), every message is a literal in l10n/bundle.l10n.json (`npm run docs` writes it),
 * and the extension declares the bundle. The contributed strings' `%key%`s: client-package.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { english } from '../../client/src/pure/l10n';
import { describeSummary, groupLabel } from '../../client/src/pure/protocol';
import { BUNDLE, ROOT, bundleText, clientFiles, l10nCalls, sourceOf } from '../../scripts/l10n-strings';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('every vscode.l10n.t / t call has a string literal message, with an argument for each {n}', () => {
  const calls = l10nCalls();
  assert.ok(calls.length > 80, `${calls.length} calls`);
  const bad = calls.filter((c) => c.message === undefined).map((c) => `${c.file}:${c.line}`);
  assert.deepEqual(bad, [], 'messages must be literals (the bundle holds only literals)');
  // The placeholders of each message are {0}…{n-1}, each used, and the call passes n arguments.
  for (const file of clientFiles()) {
    const sf = sourceOf(file);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && (ts.isStringLiteral(node.arguments[0] ?? node) || ts.isNoSubstitutionTemplateLiteral(node.arguments[0] ?? node))) {
        const callee = node.expression.getText(sf);
        if (callee === 't' || /(^|\.)l10n\.t$/.test(callee)) {
          const message = (node.arguments[0] as ts.StringLiteral).text;
          const indexes = [...message.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
          const n = indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
          const where = `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
          assert.equal(node.arguments.length - 1, n, `${where}: "${message}" has ${n} placeholder(s)`);
          for (let i = 0; i < n; i++) assert.ok(indexes.includes(i), `${where}: "${message}" uses {${i}}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
});

test('l10n/bundle.l10n.json holds exactly the messages of client/src (npm run docs writes it)', () => {
  const file = path.join(ROOT, BUNDLE);
  assert.ok(fs.existsSync(file), `${BUNDLE} exists`);
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const messages = new Set(l10nCalls().map((c) => c.message!));
  const missing = [...messages].filter((m) => !(m in bundle));
  const stale = Object.keys(bundle).filter((m) => !messages.has(m));
  assert.deepEqual(missing, [], 'messages missing from the bundle: run npm run docs');
  assert.deepEqual(stale, [], 'messages in the bundle that no code uses: run npm run docs');
  assert.equal(fs.readFileSync(file, 'utf8'), bundleText(), 'the bundle is as npm run docs writes it');
});

test('package.json declares the bundle, and the .vsix carries it', () => {
  assert.equal(pkg.l10n, './l10n');
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!l10n\/\*\*$/m);
});

/** Text a user reads: letters beyond codicons (`$(error)`) and placeholders. */
function readable(node: ts.Node, sf: ts.SourceFile): string | undefined {
  let text: string | undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
  else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  else if (ts.isConditionalExpression(node)) return readable(node.whenTrue, sf) ?? readable(node.whenFalse, sf);
  if (text === undefined) return undefined;
  const rest = text.replace(/\$\([\w~-]+\)/g, '');
  return /[A-Za-z]{2,}/.test(rest) ? node.getText(sf) : undefined;
}

const SHOW = /(^|\.)window\.(showInformationMessage|showWarningMessage|showErrorMessage|setStatusBarMessage)$/;
/** Properties of options and items VS Code shows: quick pick and input box titles, tree items, status bar items, progress. */
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'prompt', 'label', 'description', 'detail', 'tooltip', 'text', 'name', 'documentation', 'validationMessage']);

test('no user-visible string literal in the VS Code side of the client bypasses vscode.l10n.t', () => {
  const found: string[] = [];
  for (const file of clientFiles()) {
    if (file.includes(`${path.sep}pure${path.sep}`)) continue; // pure modules take a `t` (checked above)
    const sf = sourceOf(file);
    const flag = (node: ts.Node | undefined, what: string) => {
      if (!node) return;
      const text = readable(node, sf);
      if (text) found.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1} ${what}: ${text}`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && SHOW.test(node.expression.getText(sf))) node.arguments.forEach((a) => flag(a, 'message or button'));
      if (ts.isNewExpression(node) && /TreeItem$/.test(node.expression.getText(sf))) flag(node.arguments?.[0], 'tree item label');
      if (ts.isPropertyAssignment(node) && SHOWN_PROPERTIES.has(node.name.getText(sf))) flag(node.initializer, node.name.getText(sf));
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_PROPERTIES.has(node.left.name.text)) {
        flag(node.right, node.left.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.deepEqual(found, []);
});

test('english (the pure modules\' default translation) fills in the placeholders as vscode.l10n.t does', () => {
  assert.equal(english('{0} of {1}, {0} again; {2} stays', 'a', 2), 'a of 2, a again; {2} stays');
  assert.equal(describeSummary({ errors: 1, actions: { open: 2, overdue: 0 } }), '1 error · 2 open · 0 overdue');
  assert.equal(describeSummary({ errors: 3, actions: { open: 0, overdue: 1 } }, (m, ...a) => `[${english(m, ...a)}]`), '[3 errors] · [0 open] · [1 overdue]');
  assert.equal(groupLabel('unset'), 'Status not set');
  assert.equal(groupLabel('DRAFT', () => 'translated'), 'DRAFT', 'a Status value is what the document says');
});
