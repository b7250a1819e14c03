"""``curriculum``: validate the modules or write the site's pages to disk.

    curriculum validate [--modules DIR] [--course ID] [--format text|github]
    curriculum generate --out DIR [--config mkdocs.yml] [--modules DIR] [--course ID] [--run ID]
                        [--site-url URL] [--nav FILE] [--edition participant|instructor]
    curriculum zensical --out DIR [--config mkdocs.yml] [--run ID] [--edition participant|instructor]
    curriculum sites [--course ID] [--list] [--handbook-pdf[=required]]
    curriculum library [ID]
    curriculum new session|tool|reading|run ID [--modules DIR] [--course ID]
    curriculum new course ID [--modules DIR] [--from ID] [--sessions a,b,c] [--language da|en] [--title T]
    curriculum check [--modules DIR] [--course ID] [--strict] [--format text|github]
    curriculum schema [--out DIR] [--modules DIR]
    curriculum init DIR [--language da|en] [--title TITLE]

Problems in the YAML are printed one per line (file:line:column: field: what to do)
and the command exits with status 1; it never prints a Python traceback for them. With ``--format github``
``validate`` and ``check`` print them as GitHub Actions annotations instead (``actions``), on standard
output, where a workflow's runner reads them.

These are front ends: each makes the steps of the front-end adapter (``frontend``). ``--run`` beats
``$CURRICULUM_RUN``, which beats ``extra.curriculum.run`` in the ``--config`` file, which is ./mkdocs.yml
when none is named, as for ``mkdocs`` (``settings.resolve`` checks them all).

In a library of several courses (``portfolio``), ``--course ID`` names the course; ``validate`` and
``check`` without it check every course, each in its own language, and ``check`` also names the library's
files that no course uses.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

import yaml

from . import actions, frontend, lint, newcourse, portfolio, scaffold, upgrade
from . import schema as schemas
from .editions import Edition
from .problems import CurriculumError
from .course import Curriculum
from .say import say, speaking
from .settings import RUN_ENVIRONMENT_VARIABLE, SettingsError
from .settings import language as settings_language
from .validation import load_curriculum


def _counts(cur) -> str:
    """``7 sessions, 9 tools, 18 readings, 1 run``"""
    return ", ".join(
        say(key, count=len(items))
        for items, key in (
            (cur.sessions, "report.cli.sessions"),
            (cur.tools, "report.cli.tools"),
            (cur.readings, "report.cli.readings"),
            (cur.runs, "report.cli.runs"),
        )
    )


def _courses(args: argparse.Namespace) -> dict[str, Curriculum]:
    """The courses a command checks, by id: the one named (``--course``) or of a folder of one course, or
    every course of a library of courses."""
    if args.course is None and portfolio.is_portfolio(args.modules):
        return portfolio.load_all(args.modules)
    curriculum = load_curriculum(args.modules, args.course)
    return {curriculum.course_id or "": curriculum}


def _folder(args: argparse.Namespace, course: str) -> str:
    return str(portfolio.course_folder(args.modules, course)) if course else str(args.modules)


def _validate(args: argparse.Namespace) -> int:
    for course, cur in _courses(args).items():
        with speaking(cur.messages.language):
            print(say("report.cli.valid", modules=_folder(args, course), counts=_counts(cur)))
    return 0


def _several_runs() -> str:
    return say("report.cli.several_runs", variable=RUN_ENVIRONMENT_VARIABLE)


def _generate(args: argparse.Namespace) -> int:
    """The run's pages as Markdown files, for a builder of one's own: the adapter's settings and generation
    steps (it has no theme to check or to give words to)."""
    settings = frontend.settings(
        frontend.config_file(args.config),
        os.environ,
        modules=args.modules,
        run=args.run,
        edition=args.edition,
        site_url=args.site_url,
        several_runs_hint=_several_runs(),
        course=args.course,
    )
    site = frontend.build(settings)
    out = Path(args.out)
    frontend.write(site, out)
    if args.nav:
        Path(args.nav).write_text(
            yaml.safe_dump({"nav": site.nav}, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    print(say("report.cli.wrote", pages=len(site.pages), files=len(site.files), out=out))
    return 0


def _zensical(args: argparse.Namespace) -> int:
    from . import zensical  # only this command needs it

    config = frontend.config_file(args.config) or Path(frontend.CONFIG_FILE)  # a missing one is named
    settings = zensical.build(
        config, Path(args.out), os.environ, run=args.run, edition=args.edition, hint=_several_runs()
    )
    print(say("report.cli.built_zensical", edition=settings.edition.value, out=args.out))
    return 0


def _sites(args: argparse.Namespace) -> int:
    """A library's sites: every course's two editions and the front page, or one course's (``portfoliosites``)."""
    from . import portfoliosites

    return portfoliosites.run(Path("."), args.course, args.list, os.environ, args.handbook_pdf)


def _library(args: argparse.Namespace) -> int:
    """This repository of one course made a library of courses, the course its first (``tolibrary``)."""
    from . import portfolio, tolibrary

    root = Path(".")
    try:
        own, changed = tolibrary.convert(root, args.id, os.environ)
    except tolibrary.LibraryError as error:
        print(f"curriculum library: {error}", file=sys.stderr)
        return 1
    modules = root / "modules"
    if changed is not None:
        print(say("report.library.keys_change", old=changed, new=own.name), file=sys.stderr)
    print(
        say(
            "report.library.done",
            modules="modules/",
            course=f"{own.relative_to(root).as_posix()}/",
            library=f"modules/{portfolio.LIBRARY}/",
            site=f"sites/{own.name}/",
            front_page=(modules / portfolio.FRONT_PAGE).as_posix(),
        )
    )
    return 0


def _new(args: argparse.Namespace) -> int:
    if args.kind == "course":
        return _new_course(args)
    curriculum = load_curriculum(args.modules, args.course)
    modules = portfolio.course_folder(args.modules, curriculum.course_id)  # a course of a library: its own folder
    try:
        target = scaffold.create(modules, args.kind, args.id, curriculum)
    except scaffold.ScaffoldError as error:
        print(f"curriculum new: {error}", file=sys.stderr)
        return 1
    print(say("report.cli.created", target=target))
    return 0


def _new_course(args: argparse.Namespace) -> int:
    """A new course in a library of courses, reusing sessions of the library (``librarycourse``)."""
    from . import librarycourse

    sessions = tuple(s.strip() for s in args.sessions.split(",") if s.strip()) if args.sessions else None
    request = librarycourse.Request(args.id, args.source, sessions, args.language, args.title)
    try:
        written = librarycourse.create(Path(args.modules), request)
    except librarycourse.CourseError as error:
        print(f"curriculum new: {error}", file=sys.stderr)
        return 1
    count = len(load_curriculum(args.modules, args.id).runs[written[1].stem].sessions)
    folder, site = written[0].parent, written[2].parent
    print(say("report.cli.created_course", course=args.id, count=count, folder=folder, site=site))
    return 0


def _check(args: argparse.Namespace) -> int:
    courses = _courses(args)
    found = {course: lint.check(cur) for course, cur in courses.items()}
    # the settings file's plugin options and the generator's files an earlier `init` copied (upgrade)
    warnings = upgrade.notes(frontend.config_file(None), os.environ)
    if len(courses) > 1 or args.course is None and portfolio.is_portfolio(args.modules):
        reports = [(course, courses[course].messages.language, found[course]) for course in courses]
        warnings += sorted(portfolio.shared(portfolio.library(args.modules), reports))
        warnings += portfolio.unused(args.modules, courses)
    else:
        warnings += next(iter(found.values()))
    if not warnings:
        for course, cur in courses.items():
            with speaking(cur.messages.language):
                print(say("report.cli.valid_no_warnings", modules=_folder(args, course), counts=_counts(cur)))
        return 0
    if args.format == "github":
        print("\n".join(actions.annotation(w) for w in warnings))
    print("\n".join(str(w) for w in warnings), file=sys.stderr)
    if len(courses) > 1:
        for course, cur in courses.items():
            with speaking(cur.messages.language):
                count = say("report.portfolio.course_warnings", count=len(found[course]))
            print(f"{_folder(args, course)}: {count}", file=sys.stderr)
    print(lint.summary(warnings, args.strict), file=sys.stderr)
    return 1 if args.strict else 0


def _schema(args: argparse.Namespace) -> int:
    for missing in schemas.missing_help():
        print(f"curriculum schema: warning: {missing} in src/curriculum/{schemas.HELP_FILE}", file=sys.stderr)
    written = schemas.write_all(Path(args.out), schemas.course_vocabulary(args.modules))
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


def _init(args: argparse.Namespace) -> int:
    try:
        written = newcourse.create(Path(args.dir), args.language, args.title)
    except newcourse.InitError as error:
        print(f"curriculum init: {error}", file=sys.stderr)
        return 1
    print(say("report.cli.initialised", count=len(written), folder=args.dir))
    return 0


def _run_and_edition(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--run",
        default=None,
        help=f"the run to build; beats ${RUN_ENVIRONMENT_VARIABLE}, which beats the --config file "
        "(default: the only run)",
    )
    command.add_argument(
        "--edition",
        default=None,
        choices=[e.value for e in Edition],
        help="participant (default) or instructor: the instructor edition adds the teaching plans "
        "and every instructor-only field; beats the --config file",
    )


def _course(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument(
        "--course",
        default=None,
        help=f"in a library of several courses (modules/courses/ID/): the course (default: {default})",
    )


def _format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: one problem a line (default); github: also as GitHub Actions annotations on standard output",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="curriculum", description=__doc__.split("\n")[0])
    commands = main.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every file in modules/ and report all problems")
    validate.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    _course(validate, "every course")
    _format(validate)
    validate.set_defaults(handler=_validate)

    gen = commands.add_parser("generate", help="write the pages of a run as Markdown files")
    gen.add_argument("--out", required=True, help="folder to write the pages into")
    gen.add_argument(
        "--config",
        default=None,
        help="read extra.curriculum (modules, run, edition) and site_url from this file "
        "(default: mkdocs.yml, when there is one here, as mkdocs reads it)",
    )
    gen.add_argument("--modules", default=None, help="the modules folder (default: the --config file's, else modules)")
    _course(gen, "the --config file's, else the only course")
    _run_and_edition(gen)
    gen.add_argument(
        "--site-url",
        default=None,
        help="the published site's address, for links in calendar files (as site_url in mkdocs.yml)",
    )
    gen.add_argument("--nav", default=None, help="also write the navigation, as YAML, to this file")
    gen.set_defaults(handler=_generate)

    zen = commands.add_parser("zensical", help="build the site with Zensical from the generated pages")
    zen.add_argument("--out", required=True, help="folder to build the site into (replaced only by a complete build)")
    zen.add_argument(
        "--config",
        default=None,
        help="the MkDocs settings to build from (default: mkdocs.yml, as mkdocs reads it); its hooks are not used",
    )
    _run_and_edition(zen)
    zen.set_defaults(handler=_zensical)

    sites = commands.add_parser(
        "sites",
        help="in a library of courses: build every course's two editions into site/ID/ and site-instructor/ID/ and "
        "the front page into site/ (make site), from sites/ID/mkdocs.yml and mkdocs.yml",
    )
    _course(sites, "every course and the front page")
    sites.add_argument("--list", action="store_true", help="list the builds (settings file and folder), build nothing")
    sites.add_argument(
        "--handbook-pdf",
        nargs="?",
        const="optional",
        choices=["optional", "required"],
        default=None,
        help="print each course's participant handbook into its site with Debian's chromium and link it (make site); "
        "=required: stop when it cannot be printed",
    )
    sites.set_defaults(handler=_sites)

    library = commands.add_parser(
        "library",
        help="make this repository of one course a library of courses: its sessions, tools and readings shared in "
        "modules/library/, the course in modules/courses/ID/ and its site's settings in sites/ID/, a front page",
    )
    library.add_argument(
        "id",
        nargs="?",
        default=None,
        help="the course's id in the library (its folder's name); by default the name its browser storage keys "
        "and calendar UIDs already have, which keeps them",
    )
    library.set_defaults(handler=_library)

    new = commands.add_parser("new", help="start a new session, tool, reading or run from a template")
    new.add_argument("kind", choices=sorted([*scaffold.KINDS, "course"]), help="what to create")
    new.add_argument("id", help="its id, e.g. workshop-3 (also the file name)")
    new.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    _course(new, "the only course")
    new.add_argument("--from", dest="source", default=None, help="new course: the course whose sessions it reuses")
    new.add_argument(
        "--sessions", default=None, help="new course: the library's sessions it reuses, e.g. a,b,c (default: --from's)"
    )
    new.add_argument("--language", default=None, help="new course: its language (default: --from's, else da)")
    new.add_argument("--title", default=None, help="new course: its title")
    new.set_defaults(handler=_new)

    chk = commands.add_parser("check", help="validate, then warn about content to improve (exit 1 only with --strict)")
    chk.add_argument("--modules", default="modules", help="the modules folder (default: modules)")
    _course(chk, "every course")
    chk.add_argument("--strict", action="store_true", help="exit with status 1 when there are warnings")
    _format(chk)
    chk.set_defaults(handler=_check)

    sch = commands.add_parser("schema", help="write the JSON Schemas of the module files (for editors)")
    sch.add_argument("--out", default="schemas", help="folder to write them into (default: schemas)")
    sch.add_argument(
        "--modules",
        default="modules",
        help="the modules folder whose course.yml gives the words of formats and kinds (default: modules)",
    )
    sch.set_defaults(handler=_schema)

    ini = commands.add_parser("init", help="start a new course repository that builds as it is")
    ini.add_argument("dir", help="the new course's folder (new or empty)")
    ini.add_argument("--language", default="da", help="the course's language: da (default) or en")
    ini.add_argument("--title", default=None, help="the course's title (default: 'Nyt kursus' / 'New course')")
    ini.set_defaults(handler=_init)
    return main


def _language(args: argparse.Namespace) -> str:
    """The language the command speaks: the new course's (init), else the course's (``say.language_of``)."""
    if args.command == "init":
        return str(args.language)
    if args.command == "sites":
        from .portfoliosites import language

        return language(Path("."), args.course)
    if args.command in ("generate", "zensical"):  # the course its settings choose (--config, else ./mkdocs.yml)
        config = frontend.config_file(args.config)
        modules, course = getattr(args, "modules", None), getattr(args, "course", None)
        return settings_language(config, os.environ, modules=modules, course=course)
    return portfolio.language(Path(getattr(args, "modules", None) or "modules"), getattr(args, "course", None))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    with speaking(_language(args)):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    try:
        return args.handler(args)
    except (CurriculumError, SettingsError) as error:
        if getattr(args, "format", "text") == "github" and isinstance(error, CurriculumError):
            print("\n".join(actions.annotation(problem) for problem in error.problems))
        print(error.report(), file=sys.stderr)
        return 1
    except Exception as error:  # a bug in the engine, not in the YAML
        if os.environ.get("CURRICULUM_DEBUG"):
            traceback.print_exc()
        print(say("report.cli.internal_error", error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
