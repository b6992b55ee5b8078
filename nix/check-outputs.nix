# Evaluates flake.nix's outputs and nix/devenv-module.nix against nix/stub-nixpkgs.nix, checks what
# clients and devenv will be handed, and returns a summary. Run by .ci/run:
#   nix-instantiate --eval --strict --json nix/check-outputs.nix
let
  stub = import ./stub-nixpkgs.nix;
  flake = import ../flake.nix;
  outputs = flake.outputs {
    self = outputs;
    nixpkgs = stub;
  };
  systems = builtins.attrNames stub.legacyPackages;
  check = what: ok: if ok then true else throw "nix/check-outputs.nix: ${what}";

  appOk =
    system: name:
    let
      app = outputs.apps.${system}.${name};
      script = stub.legacyPackages.${system}.writeShellScript "tandem-${name}" "";
    in
    check "apps.${system}.${name} is an app running its script" (
      app.type == "app" && app.program == "${script}"
    );

  flakeOk = builtins.all (
    system:
    check "devShells.${system}.default" outputs.devShells.${system}.default.shell
    && appOk system "orchestrator"
    && appOk system "coder"
    && check "formatter.${system}" (outputs.formatter.${system}.name == "nixfmt")
  ) systems;

  # The module as devenv's module system would call it, with its options already resolved.
  devenvConfig = {
    devenv.root = "/work/project";
    tandem = {
      enable = true;
      checkout = "/src/tandem";
      root = "/work/project";
      logLevel = "warn";
      nodejs = stub.legacyPackages.x86_64-linux.nodejs_22;
    };
  };
  module = import ./devenv-module.nix {
    config = devenvConfig;
    inherit (stub) lib;
    pkgs = stub.legacyPackages.x86_64-linux;
  };
  servers = module.config.content.claude.code.mcpServers;
  node = "${stub.legacyPackages.x86_64-linux.nodejs_22}/bin/node";
  devenvOk =
    check "the devenv module is enabled by tandem.enable" (module.config.condition == true)
    && check "the devenv module turns on claude.code" module.config.content.claude.code.enable
    &&
      check "the devenv module declares its options" (
        builtins.attrNames module.options.tandem == [
          "checkout"
          "enable"
          "logLevel"
          "nodejs"
          "root"
        ]
      )
    &&
      check "tandem runs the orchestrator" (
        servers.tandem == {
          type = "stdio";
          command = node;
          args = [
            "/src/tandem/apps/orchestrator/dist/main.js"
            "--root"
            "/work/project"
          ];
          env.TANDEM_LOG_LEVEL = "warn";
        }
      )
    && check "tandem-coder runs the coder" (
      servers.tandem-coder.args == [
        "/src/tandem/apps/coder/dist/main.js"
        "--root"
        "/work/project"
      ]
    );
in
assert flakeOk && devenvOk;
{
  devShells = builtins.mapAttrs (_: shells: builtins.attrNames shells) outputs.devShells;
  apps = builtins.mapAttrs (_: apps: builtins.attrNames apps) outputs.apps;
  devShellPackages = outputs.devShells.x86_64-linux.default.packages;
  devenvMcpServers = builtins.attrNames servers;
}
