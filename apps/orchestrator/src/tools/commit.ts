import { commitInput, commitOutput } from '@tandem/shared/schemas';
import { defineOrchestratorTool } from './define.js';

export const commitTool = defineOrchestratorTool({
  name: 'commit',
  title: 'Commit',
  description:
    "Branch-first commit (never on a protected branch: creates ai/<slug>/<date> or uses branch). Message checked against the project's convention; staged diff scanned for secrets; hooks run.",
  input: commitInput,
  output: commitOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
    commits: true,
  },
  // Hooks may run formatters and test suites: git.hook_timeout_s bounds them, this bounds the call.
  timeoutMs: 15 * 60 * 1000,
  async handler(args, context) {
    // Loaded on first use: the server answers initialize without it.
    const { commitChanges } = await import('../git/commit.js');
    const { checkGuardrail } = await import('../plan/guardrail.js');
    const { recordCommit, withWarnings } = await import('../plan/tool-events.js');
    const guard = await checkGuardrail(context, 'commit');
    const result = await commitChanges(context, args);
    const recorded = await recordCommit(context, result);
    const lines = [
      `committed ${result.sha.slice(0, 12)} on ${result.branch}${result.branch_created ? ` (new branch, from ${result.previous_branch ?? 'detached HEAD'})` : ''}: ${result.header}`,
      `${result.files.length} file(s): ${result.files
        .slice(0, 30)
        .map((file) => `${file.status[0]?.toUpperCase()} ${file.path}`)
        .join(', ')}${result.files.length > 30 ? ', …' : ''}`,
    ];
    if (result.hooks.restaged.length > 0)
      lines.push(`re-staged after the pre-commit hook: ${result.hooks.restaged.join(', ')}`);
    for (const note of result.hooks.notes) lines.push(`note: ${note}`);
    return withWarnings(
      { structured: result, text: lines.join('\n'), filesChanged: result.files.map((file) => file.path) },
      [...guard.warnings, ...recorded],
    );
  },
});
