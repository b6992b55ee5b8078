# Development shell for the ledger sample: `nix-shell` in this folder.
{ pkgs ? import <nixpkgs> { } }:

pkgs.mkShell {
  packages = [
    pkgs.nodejs
    pkgs.python3
    pkgs.just
    pkgs.shellcheck
  ];

  shellHook = ''
    echo "ledger-sample dev shell: run 'just --list' to see the tasks"
  '';
}
