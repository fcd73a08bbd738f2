/**
 * Translation for the pure modules, which cannot import `vscode`: a function with the shape of
 * `vscode.l10n.t(message, ...args)`. The VS Code side passes `vscode.l10n.t`; tests and the default
 * use `english` (the message itself, `{0}`, `{1}`… replaced by the arguments). Every message is a
 * string literal at the call (`t('…')`), so that scripts/l10n-strings.ts finds it for the bundle.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
