# A stand-in for nixpkgs with just what Tandem's Nix files use, so CI can evaluate the flake's outputs
# and the devenv module with Debian's nix-instantiate: no flakes, no network, no nixpkgs download.
# Packages are plain attribute sets whose outPath makes "${pkgs.x}" work; an attribute the files use
# and this stub lacks fails the evaluation, which is the point: add it here only if nixpkgs has it.
let
  genAttrs = names: f: builtins.listToAttrs (map (name: { inherit name; value = f name; }) names);

  package = name: mainProgram: {
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
    meta.mainProgram = mainProgram;
  };

  packagesFor = system: {
    inherit system;
    mkShell =
      args:
      assert builtins.isList (args.packages or [ ]);
      {
        shell = true;
        packages = map (p: p.name) (args.packages or [ ]);
        shellHook = args.shellHook or "";
      };
    writeShellScript =
      name: text:
      assert builtins.isString text;
      package name name // { script = text; };
    nodejs_22 = package "nodejs-22" "node";
    pnpm = package "pnpm" "pnpm";
    just = package "just" "just";
    ast-grep = package "ast-grep" "ast-grep";
    shellcheck = package "shellcheck" "shellcheck";
    nixfmt = package "nixfmt" "nixfmt";
    git = package "git" "git";
  };

  systems = [
    "x86_64-linux"
    "aarch64-linux"
    "x86_64-darwin"
    "aarch64-darwin"
  ];
in
{
  lib = {
    inherit genAttrs;
    getExe = p: "${p}/bin/${p.meta.mainProgram or p.name}";
    mkIf = condition: content: {
      _type = "if";
      inherit condition content;
    };
    mkOption = spec: spec // { _type = "option"; };
    mkEnableOption = name: {
      _type = "option";
      default = false;
      description = "Whether to enable ${name}.";
    };
    literalExpression = text: {
      _type = "literalExpression";
      inherit text;
    };
    types = {
      str = "str";
      bool = "bool";
      package = "package";
      enum = values: { enum = values; };
    };
  };
  legacyPackages = genAttrs systems packagesFor;
}
