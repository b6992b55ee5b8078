import { describe, expect, it } from 'vitest';
import { changeId, fileKey, parseChangeId } from '../src/engine/change-id.js';

describe('change ids', () => {
  it('read <key>:<n> with an 8-digit key shared by the changes of one file version', () => {
    const id = changeId('src/a.ts', '0123456789abcdef', 3);
    expect(id).toMatch(/^[0-9a-f]{8}:3$/);
    expect(parseChangeId(id)).toEqual({ key: fileKey('src/a.ts', '0123456789abcdef'), index: 3 });
  });

  it('change when the file content or path changes', () => {
    const id = changeId('src/a.ts', '0123456789abcdef', 1);
    expect(changeId('src/a.ts', '0123456789abcdee', 1)).not.toBe(id);
    expect(changeId('src/b.ts', '0123456789abcdef', 1)).not.toBe(id);
  });

  it('reject anything else', () => {
    for (const bad of ['', 'abc', '0123456g:1', '01234567:0', '01234567:', '01234567:1x']) {
      expect(parseChangeId(bad)).toBeUndefined();
    }
  });
});
