// A plain `Backlog.md` checklist: `- [ ] item` / `- [x] item` lines under Markdown headings. Each
// top-level checkbox is a task (`item-N` in file order); checkboxes nested under it are its
// acceptance criteria and other nested lines its description.
import { FenceTracker, readCheckbox } from './markdown.js';
import { type BacklogTask, capSection } from './model.js';

export const CHECKLIST_STATUSES = ['To Do', 'Done'];

/** Nested lines are indented at least this much more than their item. */
const NESTED_INDENT = 2;

function newItem(
  number: number,
  path: string,
  line: number,
  text: string,
  checked: boolean,
  headings: string[],
) {
  const item: BacklogTask = {
    id: `item-${number}`,
    title: text,
    status: checked ? 'Done' : 'To Do',
    priority: null,
    labels: [],
    assignee: [],
    dependencies: [],
    parent: null,
    section: headings.at(-1) ?? null,
    acceptance: { checked: 0, total: 0 },
    location: 'checklist',
    path,
    line,
    created_date: null,
    updated_date: null,
    description: null,
    acceptance_criteria: [],
    definition_of_done: [],
    implementation_plan: null,
    implementation_notes: null,
    final_summary: null,
    other_sections: [],
    other_fields: {},
    subtasks: [],
    truncated: false,
    headings: [...headings],
  };
  return item;
}

export function parseChecklist(source: string, path: string): BacklogTask[] {
  const lines = source
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const fences = new FenceTracker();
  const headings: Array<{ level: number; text: string }> = [];
  const items: BacklogTask[] = [];
  let current: { item: BacklogTask; indent: number; description: string[] } | null = null;

  const finish = () => {
    if (current === null) return;
    const { item, description } = current;
    const text = description.join('\n').trim();
    if (text !== '') {
      const capped = capSection(text);
      item.description = capped.text;
      item.truncated = capped.truncated;
    }
    item.acceptance = {
      checked: item.acceptance_criteria.filter((criterion) => criterion.checked).length,
      total: item.acceptance_criteria.length,
    };
    current = null;
  };

  for (const [index, line] of lines.entries()) {
    const code = fences.isCode(line);
    const indent = line.length - line.trimStart().length;
    if (code) {
      // Code indented under an item belongs to it; code at the item's own level ends it.
      if (current !== null && (indent >= current.indent + NESTED_INDENT || line.trim() === '')) {
        current.description.push(line.slice(current.indent + NESTED_INDENT));
      } else finish();
      continue;
    }
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1] && heading[2]) {
      finish();
      const level = heading[1].length;
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, text: heading[2] });
      continue;
    }
    const box = readCheckbox(line);
    if (current !== null && indent >= current.indent + NESTED_INDENT && line.trim() !== '') {
      if (box) {
        const criteria = current.item.acceptance_criteria;
        criteria.push({ index: criteria.length + 1, text: box.text, checked: box.checked });
      } else current.description.push(line.slice(current.indent + NESTED_INDENT));
      continue;
    }
    if (box) {
      finish();
      const texts = headings.map((entry) => entry.text);
      const item = newItem(items.length + 1, path, index + 1, box.text, box.checked, texts);
      items.push(item);
      current = { item, indent: box.indent, description: [] };
      continue;
    }
    // A blank line may sit inside an item; any other line at the item's own level ends it.
    if (line.trim() !== '') finish();
  }
  finish();
  return items;
}
