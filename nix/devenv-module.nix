# A devenv module that puts both Tandem servers in devenv's Claude Code MCP configuration
# (`claude.code.mcpServers`, which devenv writes to the project's .mcp.json) and Node, just and
# ast-grep in the shell. Import it from a project's devenv.nix; see docs/getting-started/nix-devenv.md.
#
#   imports = [ /path/to/tandem/nix/devenv-module.nix ];
#   tandem.enable = true;
#   tandem.checkout = "/path/to/tandem";   # a built checkout (npm run build)
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.tandem;

  server = name: {
    type = "stdio";
    command = lib.getExe cfg.nodejs;
    args = [
      "${cfg.checkout}/apps/${name}/dist/main.js"
      "--root"
      cfg.root
    ];
    env.TANDEM_LOG_LEVEL = cfg.logLevel;
  };
in
{
  options.tandem = {
    enable = lib.mkEnableOption "the Tandem MCP servers in Claude Code";

    checkout = lib.mkOption {
      type = lib.types.str;
      description = "Absolute path of a Tandem checkout built with `npm run build` (the servers run from its dist/).";
      example = "/home/me/src/tandem";
    };

    root = lib.mkOption {
      type = lib.types.str;
      default = config.devenv.root;
      defaultText = lib.literalExpression "config.devenv.root";
      description = "Workspace the servers work on (their --root).";
    };

    logLevel = lib.mkOption {
      type = lib.types.enum [
        "debug"
        "info"
        "warn"
        "error"
      ];
      default = "warn";
      description = "TANDEM_LOG_LEVEL for both servers (logs go to stderr).";
    };

    nodejs = lib.mkOption {
      type = lib.types.package;
      default = pkgs.nodejs_22;
      defaultText = lib.literalExpression "pkgs.nodejs_22";
      description = "Node.js that runs the servers (Tandem needs 20 or later).";
    };
  };

  config = lib.mkIf cfg.enable {
    packages = [
      cfg.nodejs
      pkgs.just
      pkgs.ast-grep
    ];
    claude.code.enable = true;
    claude.code.mcpServers = {
      tandem = server "orchestrator";
      tandem-coder = server "coder";
    };
  };
}
