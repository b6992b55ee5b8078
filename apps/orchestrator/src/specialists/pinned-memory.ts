// The project's pinned memory notes, as a consultation attaches them: memory/pins.ts owns the store
// and the cut of each note; unusable records are skipped there.
export { pinnedNotes as pinnedMemory } from '../memory/pins.js';

export interface PinnedNote {
  id: string;
  title: string;
  text: string;
}
