// Suggestions for a mistyped recipe name: the names closest by edit distance, then by shared prefix.

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          (previous[j - 1] as number) + cost,
        ),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

export function closeNames(name: string, candidates: Iterable<string>, limit = 5): string[] {
  const wanted = name.toLowerCase();
  return [...candidates]
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const near = lower.includes(wanted) || wanted.includes(lower) ? 0 : distance(wanted, lower);
      return { candidate, near };
    })
    .filter(({ near }) => near <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.near - b.near || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
