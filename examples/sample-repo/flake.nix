{
  description = "ledger-sample: a tiny double-entry ledger with a monthly report";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.05";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell {
          packages = [ pkgs.nodejs_20 pkgs.python3 pkgs.just pkgs.shellcheck ];
          shellHook = ''
            echo "ledger-sample dev shell: run 'just --list' to see the tasks"
          '';
        };
      });
    };
}
