// The `models` section: which model provider answers consult_specialist when the calling client
// cannot sample. No provider is configured by default (the brief path answers); naming any provider
// setting without `provider` selects Gemini. Keys never live here: only the NAME of the environment
// variable that holds one.
import { z } from 'zod';

export const MODEL_PROVIDERS = ['gemini', 'anthropic'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

export const DEFAULT_MODELS: Record<ModelProvider, string> = {
  gemini: 'gemini-2.5-flash',
  anthropic: 'claude-sonnet-5-5',
};
/** Tried in order when `api_key_env` is not set. */
export const DEFAULT_KEY_VARIABLES: Record<ModelProvider, readonly string[]> = {
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
};
export const DEFAULT_MODEL_TIMEOUT_S = 120;
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable, not a key');

export const modelsSection = z.strictObject({
  provider: z
    .enum([...MODEL_PROVIDERS, 'none'])
    .optional()
    .describe('gemini | anthropic | none; unset: none, or gemini when another setting here is given'),
  model: z
    .string()
    .min(1)
    .optional()
    .describe('Default gemini-2.5-flash (gemini), claude-sonnet-5-5 (anthropic)'),
  api_key_env: envName
    .optional()
    .describe(
      'The variable holding the key; default GEMINI_API_KEY then GOOGLE_API_KEY, or ANTHROPIC_API_KEY',
    ),
  base_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe("Overrides the provider's endpoint (a proxy)"),
  timeout_s: z.number().int().min(1).max(3600).default(DEFAULT_MODEL_TIMEOUT_S),
  max_output_tokens: z.number().int().min(16).max(65536).default(DEFAULT_MAX_OUTPUT_TOKENS),
  sampling: z
    .boolean()
    .default(true)
    .describe("Ask the calling client's model first (MCP sampling) when it declares the capability"),
});

export type ModelsConfig = z.output<typeof modelsSection>;

/** The provider to use, or undefined when none is configured. */
export function configuredProvider(models: ModelsConfig): ModelProvider | undefined {
  if (models.provider === 'none') return undefined;
  if (models.provider) return models.provider;
  const named = models.model ?? models.api_key_env ?? models.base_url;
  return named === undefined ? undefined : 'gemini';
}
