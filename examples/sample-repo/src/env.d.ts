// Minimal Node.js declarations so the sample type-checks without installing @types/node.
declare const console: { log(...args: unknown[]): void; error(...args: unknown[]): void };

declare module "node:fs/promises" {
  export function readFile(path: string, encoding: "utf8"): Promise<string>;
}
