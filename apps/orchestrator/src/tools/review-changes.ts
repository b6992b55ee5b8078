import { reviewChangesInput, reviewChangesOutput } from '@tandem/shared/schemas';
import { describeReview, reviewChanges } from '../git/review.js';
import { defineOrchestratorTool } from './define.js';

export const reviewChangesTool = defineOrchestratorTool({
  name: 'review_changes',
  title: 'Review changes',
  description:
    'Branch, ahead/behind, staged/unstaged/untracked/conflicted files and the diff (working tree, or staged), bounded; secrets masked.',
  input: reviewChangesInput,
  output: reviewChangesOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root, signal }) {
    const review = await reviewChanges(root, services.config, {
      staged: args.staged,
      statOnly: args.stat_only,
      signal,
    });
    return { structured: review, text: describeReview(review) };
  },
});
