{
  description = "Tandem: a pair of MCP servers for coding agents (orchestrator + coder)";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  };

  outputs =
    { nixpkgs, ... }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      # Runs a server from a built checkout (dist/ is not in the flake's source, it is gitignored):
      # $TANDEM_CHECKOUT when set, else the current directory.
      mkServerApp =
        pkgs: name:
        let
          script = pkgs.writeShellScript "tandem-${name}" ''
            checkout="''${TANDEM_CHECKOUT:-$PWD}"
            entry="$checkout/apps/${name}/dist/main.js"
            if [ ! -f "$entry" ]; then
              echo "tandem-${name}: $entry not found." >&2
              echo "Run this from the root of a Tandem checkout (or set TANDEM_CHECKOUT to one) after building it with: npm run build" >&2
              exit 1
            fi
            exec ${pkgs.nodejs_22}/bin/node "$entry" "$@"
          '';
        in
        {
          type = "app";
          program = "${script}";
          meta.description = "Run the Tandem ${name} MCP server from the current checkout";
        };
    in
    {
      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [
            pkgs.nodejs_22
            pkgs.pnpm
            pkgs.just
            pkgs.ast-grep
            pkgs.shellcheck
            pkgs.nixfmt
            pkgs.git
          ];
          shellHook = ''
            echo "tandem dev shell: node $(node --version), pnpm $(pnpm --version); try 'just demo' or 'just agent-validate'"
          '';
        };
      });

      apps = forAllSystems (pkgs: {
        orchestrator = mkServerApp pkgs "orchestrator";
        coder = mkServerApp pkgs "coder";
      });

      formatter = forAllSystems (pkgs: pkgs.nixfmt);
    };
}
