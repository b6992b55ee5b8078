// Which files a context pack leaves out first when it must shrink: lock files, generated and data files,
// then tests, fixtures and docs, then source — within each group the largest first.

export type RelevanceTier = 0 | 1 | 2;

const LOW = [
  /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|go\.sum|Gemfile\.lock|composer\.lock|poetry\.lock|uv\.lock)$/,
  /\.lock$/,
  /\.(min\.js|min\.css|map|snap|svg|csv|tsv|ndjson|jsonl|lcov)$/i,
  /(^|\/)(dist|build|out|vendor|generated|__generated__|coverage)\//,
];

const SUPPORTING = [
  /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|__fixtures__|__mocks__|examples?|docs?|benchmarks?|bench)\//i,
  /\.(test|spec|bench)\.[^/]+$/i,
  /\.(md|mdx|rst|txt|adoc)$/i,
];

export function relevanceTier(file: string): RelevanceTier {
  if (LOW.some((pattern) => pattern.test(file))) return 0;
  if (SUPPORTING.some((pattern) => pattern.test(file))) return 1;
  return 2;
}

export const OMIT_REASONS: Record<RelevanceTier, string> = {
  0: 'lock, generated or data file',
  1: 'test, fixture or docs',
  2: 'largest source file',
};
