// The project's pinned memory notes, as a consultation attaches them. The memory store belongs to
// apps/orchestrator/src/memory/ (pinnedNotes in memory/pins.ts); until that module is merged there
// is no store to read, so no note is pinned and this returns none.
export interface PinnedNote {
  id: string;
  title: string;
  text: string;
}

export async function pinnedMemory(_root: string): Promise<PinnedNote[]> {
  return [];
}
