/**
 * What the server draws into the text: inlay hints (durations, `postmortem.inlayHints.*`) and the
 * Status line's code lens ("Mark Final", or "Mark Final: N blockers").
 *
 * Initialization option `serverCodeLens: false` leaves `codeLensProvider` out, for a client that
 * draws its own Mark Final lens. VS Code's extension shows this one (its middleware points the
 * lens at the extension's Mark Final command, which lists the blockers).
 */
import { InlayHint, type CodeLens } from 'vscode-languageserver';
import { builtInTemplate, inlayHints, statusLens, type Analysis, type MarkFinalPlan } from '../core';
import { statusWorkflow } from '../../../shared/src/template/descriptor';
import type { HandlerModule } from '../context';
import { isRange, toRange } from '../node/lspConvert';
import { markFinalPlan } from './commands';
import { isRecord, uriParam } from './guard';

export const lensHandlers: HandlerModule = {
  capabilities(params) {
    const init: unknown = params.initializationOptions;
    const lens = !(isRecord(init) && init.serverCodeLens === false);
    return { inlayHintProvider: true, ...(lens ? { codeLensProvider: { resolveProvider: false } } : {}) };
  },

  register(server) {
    const { connection } = server;
    /** Mark Final's plan per analysis (one per document version and settings): a lens request does not check the document again. */
    const plans = new WeakMap<Analysis, MarkFinalPlan>();

    connection.languages.inlayHint.on(
      server.guard('textDocument/inlayHint', async (params: unknown): Promise<InlayHint[]> => {
        const uri = uriParam(params);
        const range = isRecord(params) && isRange(params.range) ? params.range : undefined;
        const { settings, analysis } = await server.current(uri);
        if (!analysis) return [];
        const lines = analysis.lines;
        const span = range ? { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) } : undefined;
        return inlayHints(analysis, settings.inlayHints, span).map((h) => {
          const hint = InlayHint.create(lines.positionAt(h.offset), h.label);
          hint.paddingLeft = true;
          hint.tooltip = h.tooltip;
          return hint;
        });
      }),
    );

    connection.onCodeLens(
      server.guard('textDocument/codeLens', async (params: unknown): Promise<CodeLens[]> => {
        const uri = uriParam(params);
        const { doc, settings, analysis } = await server.current(uri);
        if (!analysis) return [];
        const plan = (): MarkFinalPlan => {
          let p = plans.get(analysis);
          if (!p) {
            p = markFinalPlan(server, doc, settings, true);
            plans.set(analysis, p);
          }
          return p;
        };
        const template = server.analyzeOptions(doc, settings).template ?? builtInTemplate();
        const lens = statusLens(analysis, plan, statusWorkflow(template.descriptor).final);
        if (!lens) return [];
        return [{ range: toRange(analysis.lines, lens.start, lens.end), command: { title: lens.title, command: lens.command, arguments: [uri] } }];
      }),
    );
  },
};
