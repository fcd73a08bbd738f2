/**
 * The post-mortem template, version 1.1: its text is rendered from the one
 * template descriptor (shared/src/template/v1_1.ts), the source of section
 * skeletons, missing rows, snippets and "New Post-Mortem".
 * test/unit/template.test.ts checks it against the spec's copy.
 */
import { renderTemplate } from '../../../shared/src/template/render';
import { V1_1 } from '../../../shared/src/template/v1_1';

export const TEMPLATE = V1_1;
export const TEMPLATE_VERSION = V1_1.version;
export const KNOWN_TEMPLATE_VERSIONS: readonly string[] = [V1_1.version];

export const TEMPLATE_1_1 = renderTemplate(V1_1);
