/**
 * The `postmortem-lint` task type: runs the CLI (installed for CI, docs/cli.md) in a shell and
 * reads its text output with the `$postmortem-lint` problem matcher (package.json), so a task's
 * findings land in the Problems panel. `{"type": "postmortem-lint", "files": ["post-mortems"],
 * "args": ["--status-as", "FINAL"]}` in tasks.json; one "check workspace" task is provided.
 */
import * as vscode from 'vscode';
import { TASK_TYPE } from '../../shared/src/protocol';
import { lintCommandLine } from './pure/tasks';

interface LintTaskDefinition extends vscode.TaskDefinition {
  files?: string[];
  args?: string[];
}

function task(def: LintTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name: string): vscode.Task {
  const t = new vscode.Task(
    def,
    scope,
    name,
    TASK_TYPE,
    new vscode.ShellExecution(TASK_TYPE, lintCommandLine(def), typeof scope === 'object' ? { cwd: scope.uri.fsPath } : undefined),
    [`$${TASK_TYPE}`],
  );
  t.group = vscode.TaskGroup.Test;
  return t;
}

export function registerLintTasks(): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? []).map((f) => task({ type: TASK_TYPE, files: ['.'] }, f, vscode.l10n.t('check {0}', f.name))),
    resolveTask: (t) => {
      const def = t.definition as LintTaskDefinition;
      if (def.type !== TASK_TYPE) return undefined;
      return task(def, t.scope ?? vscode.TaskScope.Workspace, t.name);
    },
  });
}
