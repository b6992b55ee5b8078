// The coder's environment is written out explicitly: the SDK passes only a handful of variables by
// default, and passing everything would hand the orchestrator's secrets to a child that needs none.
const PASSED = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'NODE_EXTRA_CA_CERTS',
  // Nix and devenv shells put linters and grammars on paths these describe.
  'IN_NIX_SHELL',
  'NIX_PATH',
  'NIX_PROFILES',
  'NIX_SSL_CERT_FILE',
  'DEVENV_ROOT',
  'DEVENV_PROFILE',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  // Windows essentials.
  'APPDATA',
  'LOCALAPPDATA',
  'SYSTEMROOT',
  'SystemRoot',
  'USERPROFILE',
  'USERNAME',
  'COMSPEC',
  'PATHEXT',
];

export function buildCoderEnvironment(source: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value.startsWith('()')) continue; // exported shell functions
    if (PASSED.includes(key) || key.startsWith('TANDEM_')) env[key] = value;
  }
  return env;
}
