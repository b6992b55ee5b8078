// `.gitignore` lines for Tandem: its state (caches, audit log) ignored, its config committed.
export const IGNORE_LINES = ['.tandem/*', '!.tandem/config.yaml'];

/** Ignoring the directory itself hides config.yaml from git, whatever comes after. */
const WHOLE_DIR = new Set(['.tandem', '.tandem/', '/.tandem', '/.tandem/']);

export function mergeGitignore(before: string | null, rel: string): { after: string; notes: string[] } {
  const present = new Set((before ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = IGNORE_LINES.filter((line) => !present.has(line) && !present.has(`/${line}`));
  const notes: string[] = [];
  if ([...present].some((line) => WHOLE_DIR.has(line)))
    notes.push(
      `note ${rel}: a line ignores the whole .tandem/ directory, so .tandem/config.yaml cannot be committed; replace it with .tandem/*`,
    );
  if (missing.length === 0)
    return { after: before ?? '', notes: [`keep ${rel}: has the .tandem lines`, ...notes] };
  const block = `# Tandem: state is ignored, the config is committed\n${missing.join('\n')}\n`;
  const text = before ?? '';
  const ending = text === '' || text.endsWith('\n') ? '' : '\n';
  const separator = text === '' ? '' : '\n';
  return {
    after: `${text}${ending}${separator}${block}`,
    notes: [`${before === null ? 'create' : 'update'} ${rel}: ${missing.join(', ')}`, ...notes],
  };
}
