/**
 * Where a rule's page is: the rendered page of `docs/rules/<code>.md` in the project's repository
 * (GitHub renders Markdown). The diagnostics' `codeDescription.href` (hover, Problems panel) and the
 * CLI's SARIF `helpUri` link there, so a click opens a page to read — never the raw Markdown of the
 * install folder as an editable file.
 */
import pkg from '../../../package.json';

/** The folder of the rule pages, with a trailing slash. */
export const RULES_URL = `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/blob/main/docs/rules/`;

/** The page of a rule (`PM004`), undefined for anything that is not a rule code. */
export function ruleUrl(code: string): string | undefined {
  return /^PM\d{3}$/.test(code) ? `${RULES_URL}${code}.md` : undefined;
}
