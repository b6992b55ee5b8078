// The `status` tool: versions, root and the coder's health.
import { z } from 'zod';

export const coderState = z.enum([
  'not_started',
  'starting',
  'ready',
  'restarting',
  'circuit_open',
  'stopped',
]);

export const coderHealth = z.object({
  state: coderState,
  pid: z.number().int().nullable(),
  uptime_s: z.number().nullable(),
  restarts: z.number().int().describe('Times the coder was started again after it went away'),
  consecutive_failures: z.number().int(),
  last_error: z.string().nullable(),
  round_trip_ms: z.number().nullable().describe('Ping round trip measured by this call'),
  circuit: z.object({
    state: z.enum(['closed', 'open']),
    retry_at: z.string().nullable().describe('When an open circuit lets the next start through (ISO time)'),
  }),
  tools: z.array(z.string()),
});

export const statusInput = z.object({});

export const statusOutput = z.object({
  server: z.object({ name: z.string(), version: z.string() }),
  versions: z.object({
    node: z.string(),
    mcp_sdk: z.string(),
    just: z
      .string()
      .nullable()
      .describe('Version of the just binary tasks run with; null when none was found'),
  }),
  root: z.string(),
  coder: coderHealth,
});
