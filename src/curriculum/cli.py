"""``curriculum``: validate the modules or write the site's pages to disk.

    curriculum validate [--modules DIR]
    curriculum generate --out DIR [--modules DIR] [--run ID] [--site-url URL] [--nav FILE]
                        [--edition participant|instructor]
    curriculum new session|tool|reading|run ID [--modules DIR]
    curriculum check [--modules DIR] [--strict]
    curriculum schema [--out DIR]

Problems in the YAML are printed one per line (file:line:column: field: what to do)
and the command exits with status 1; it never prints a Python traceback for them.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

import yaml

from . import lint, scaffold
from . import schema as schemas
from .editions import Edition
from .engine import RUN_ENVIRONMENT_VARIABLE, generate
from .problems import CurriculumError
from .validation import load_curriculum


def _validate(args: argparse.Namespace) -> int:
    cur = load_curriculum(args.modules)
    print(f"{args.modules}: no problems found ({len(cur.sessions)} sessions, {len(cur.tools)} tools, "
          f"{len(cur.readings)} readings, {len(cur.runs)} runs)")
    return 0


def _generate(args: argparse.Namespace) -> int:
    site = generate(args.modules, args.run, args.site_url, args.edition)
    out = Path(args.out)
    outputs = {**{path: text.encode("utf-8") for path, text in site.pages.items()}, **site.files}
    for path, data in outputs.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if args.nav:
        Path(args.nav).write_text(
            yaml.safe_dump({"nav": site.nav}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"wrote {len(site.pages)} pages and {len(site.files)} other files to {out}")
    return 0


def _new(args: argparse.Namespace) -> int:
    modules = Path(args.modules)
    try:
        target = scaffold.create(modules, args.kind, args.id, load_curriculum(modules))
    except scaffold.ScaffoldError as error:
        print(f"curriculum new: {error}", file=sys.stderr)
        return 1
    print(f"created {target}; open it, fill in the fields and save")
    return 0


def _check(args: argparse.Namespace) -> int:
    cur = load_curriculum(args.modules)
    warnings = lint.check(cur)
    if not warnings:
        print(f"{args.modules}: no problems and no warnings found ({len(cur.sessions)} sessions, "
              f"{len(cur.tools)} tools, {len(cur.readings)} readings, {len(cur.runs)} runs)")
        return 0
    print("\n".join(str(w) for w in warnings) + "\n" + lint.summary(warnings, args.strict), file=sys.stderr)
    return 1 if args.strict else 0


def _schema(args: argparse.Namespace) -> int:
    for missing in schemas.missing_help():
        print(f"curriculum schema: warning: {missing} in src/curriculum/{schemas.HELP_FILE}", file=sys.stderr)
    written = schemas.write_all(Path(args.out))
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="curriculum", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every file in modules/ and report all problems")
    validate.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    validate.set_defaults(handler=_validate)

    gen = commands.add_parser("generate", help="write the pages of a run as Markdown files")
    gen.add_argument("--out", required=True, help="folder to write the pages into")
    gen.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    gen.add_argument("--run", default=None,
                     help=f"the run to build (default: ${RUN_ENVIRONMENT_VARIABLE}, or the only run)")
    gen.add_argument("--site-url", default=None,
                     help="the published site's address, for links in calendar files (as site_url in mkdocs.yml)")
    gen.add_argument("--nav", default=None, help="also write the navigation, as YAML, to this file")
    gen.add_argument("--edition", default="participant", choices=[e.value for e in Edition],
                     help="participant (default) or instructor: the instructor edition adds the teaching plans "
                          "and every instructor-only field")
    gen.set_defaults(handler=_generate)

    new = commands.add_parser("new", help="start a new session, tool, reading or run from a template")
    new.add_argument("kind", choices=sorted(scaffold.KINDS), help="what to create")
    new.add_argument("id", help="its id, e.g. workshop-3 (also the file name)")
    new.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    new.set_defaults(handler=_new)

    chk = commands.add_parser("check", help="validate, then warn about content to improve (exit 1 only with --strict)")
    chk.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    chk.add_argument("--strict", action="store_true", help="exit with status 1 when there are warnings")
    chk.set_defaults(handler=_check)

    sch = commands.add_parser("schema", help="write the JSON Schemas of the module files (for editors)")
    sch.add_argument("--out", default="schemas", help="folder to write them into (default: schemas)")
    sch.set_defaults(handler=_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except CurriculumError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except Exception as error:  # a bug in the engine, not in the YAML
        if os.environ.get("CURRICULUM_DEBUG"):
            traceback.print_exc()
        print(f"curriculum: internal error ({type(error).__name__}: {error}). This is a bug in the "
              "engine, not in your files; please report it (set CURRICULUM_DEBUG=1 for details).",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
