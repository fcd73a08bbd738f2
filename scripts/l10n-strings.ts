/**
 * The client's translatable strings, read from its source with the TypeScript compiler: the first
 * argument of every `vscode.l10n.t(…)`, `l10n.t(…)` and `t(…)` call in client/src (`t` is the
 * `Translate` parameter of the pure modules, client/src/pure/l10n.ts). `npm run docs` writes them to
 * l10n/bundle.l10n.json (the file translators start from; VS Code reads `l10n/bundle.l10n.<locale>.json`
 * beside it); test/unit/client-l10n.test.ts fails when the bundle is stale or a call's message is not a
 * string literal (a bundle can only hold literals).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface L10nCall {
  /** The message (the bundle's key), or undefined when the first argument is not a string literal. */
  message: string | undefined;
  file: string;
  line: number;
}

export const ROOT = path.resolve(__dirname, '..');
export const BUNDLE = 'l10n/bundle.l10n.json';

export function clientFiles(dir = path.join(ROOT, 'client', 'src')): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...clientFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

export function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function isTranslateCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** Every translation call of `files`, in source order. */
export function l10nCalls(files: readonly string[] = clientFiles()): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const file of files) {
    const sf = sourceOf(file);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isTranslateCall(node)) {
        const arg = node.arguments[0];
        const message = arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
        calls.push({ message, file: path.relative(ROOT, file), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return calls;
}

/** The bundle's text: every message once, sorted, each its own translation (English is the source). */
export function bundleText(calls: readonly L10nCall[] = l10nCalls()): string {
  const messages = [...new Set(calls.map((c) => c.message).filter((m): m is string => m !== undefined))].sort();
  return `${JSON.stringify(Object.fromEntries(messages.map((m) => [m, m])), null, 2)}\n`;
}
