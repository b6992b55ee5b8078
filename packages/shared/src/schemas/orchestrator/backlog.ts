// The `read_backlog` tool: a Backlog.md project (backlog/tasks/*.md) or a plain Backlog.md checklist.
import { z } from 'zod';

export const backlogLocation = z
  .enum(['tasks', 'drafts', 'completed', 'archive', 'checklist'])
  .describe('Where the task lives: the Backlog.md folder, or the plain checklist file');

export const backlogInput = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Show one task in full: "task-3", "TASK-3" or "3" (a checklist item: "item-3" or "3")'),
  status: z.string().min(1).max(200).optional().describe('Only tasks with this status (case-insensitive)'),
  label: z.string().min(1).max(200).optional().describe('Only tasks with this label (case-insensitive)'),
  query: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('Words to look for in titles, labels and descriptions; results ranked by score'),
  include: z
    .array(z.enum(['drafts', 'completed', 'archive']))
    .max(3)
    .optional()
    .describe('Also list these folders (by default only backlog/tasks)'),
  limit: z.number().int().min(1).max(200).default(25).describe('Tasks per page'),
  cursor: z.string().max(2000).optional().describe('next_cursor of the previous page'),
});

export const backlogCriterion = z.object({
  index: z.number().int().describe('1-based; the `#N` marker when the file has one'),
  text: z.string(),
  checked: z.boolean(),
});

export const backlogTaskSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string().nullable(),
  labels: z.array(z.string()),
  assignee: z.array(z.string()),
  dependencies: z.array(z.string()),
  parent: z.string().nullable().describe('Parent task id (subtasks), or the parent item (checklists)'),
  section: z.string().nullable().describe('Checklist heading the item is under (checklists only)'),
  acceptance: z.object({ checked: z.number().int(), total: z.number().int() }),
  location: backlogLocation,
  path: z.string().describe('File, relative to the root'),
  line: z.number().int().nullable().describe('1-based line of a checklist item'),
  score: z.number().optional().describe('Query relevance (with `query` only)'),
});

export const backlogSection = z.object({ title: z.string(), text: z.string() });

export const backlogTaskDetail = backlogTaskSummary.extend({
  created_date: z.string().nullable(),
  updated_date: z.string().nullable(),
  description: z.string().nullable(),
  acceptance_criteria: z.array(backlogCriterion),
  definition_of_done: z.array(backlogCriterion),
  implementation_plan: z.string().nullable(),
  implementation_notes: z.string().nullable(),
  final_summary: z.string().nullable(),
  other_sections: z.array(backlogSection).describe('Sections Tandem has no field for (e.g. Comments)'),
  other_fields: z.record(z.string(), z.unknown()).describe('Frontmatter keys Tandem has no field for'),
  subtasks: z.array(z.string()),
  truncated: z.boolean().describe('A long section was cut (marked in its text)'),
});

export const backlogProblem = z.object({
  path: z.string(),
  message: z.string(),
  id: z.string().nullable().describe('The id its file name suggests'),
});

export const backlogOutput = z.object({
  format: z.enum(['backlog.md', 'checklist']),
  path: z.string().describe('The backlog folder or checklist file, relative to the root'),
  project: z.string().nullable(),
  statuses: z.array(z.string()).describe('Statuses from the config, in board order'),
  counts: z
    .record(z.string(), z.number().int())
    .describe('Tasks per status over the listed folders, before filters'),
  other_folders: z
    .record(z.string(), z.number().int())
    .describe('Tasks in folders not listed (drafts, completed, archive)'),
  matched: z.number().int().describe('Tasks that pass the filters (all pages)'),
  tasks: z.array(backlogTaskSummary),
  next_cursor: z.string().optional().describe('Pass as cursor for the next page'),
  task: backlogTaskDetail.nullable().describe('The task asked for with `id`'),
  problems: z.array(backlogProblem).describe('Files that could not be read; the rest are served'),
});
