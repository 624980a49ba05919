"""`mentor`: the command line for coordinators and CI, with help in Danish.

    mentor check [--strict]        tjek alle programmer og forløb
    mentor new cohort PROGRAM      skriv en ny forløbsfil til at udfylde
    mentor schema [--check]        skriv JSON Schema til editorerne
    mentor build [--strict]        byg hele sitet til site/
    mentor match PROGRAM FIL       foreslå par eller grupper ud fra en privat fil
    mentor timer [PROGRAM]         planlagte timer pr. rolle som CSV
    mentor diplomer FORLØB ...     deltagerbeviser som PDF, kun lokalt
    mentor admin [--check]         skriv redigeringsværktøjets config.yml

`check` never imports MkDocs, so it answers in well under a second. A mistake in
the input is a message with file, line and key, never a traceback.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ..model.problems import ACKNOWLEDGE_HINT, Problem, ProblemsError, count_warnings, printable, strict_stop

_ARGPARSE_DA = [
    (r"the following arguments are required: (.*)", r"mangler: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: ukendt valg \2 (vælg mellem \3)"),
    (r"unrecognized arguments: (.*)", r"ukendte argumenter: \1"),
    (r"argument (\S+): expected one argument", r"\1 skal have en værdi"),
    (r"argument (\S+): invalid (int|float) value: (.*)", r"\1: \3 er ikke et tal"),
    (r"argument (\S+): (.*)", r"\1: \2"),  # our own Danish type errors, e.g. a date
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)  # type: ignore[arg-type]


class DanishParser(argparse.ArgumentParser):
    """argparse with Danish headings, help option and error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # replaced by a -h/--help with Danish text below
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og stop")

    def error(self, message: str) -> NoReturn:
        """Usage and the message in Danish, exit code 2 like argparse."""
        for pattern, replacement in _ARGPARSE_DA:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fejl: {message}\n")


def build_parser() -> DanishParser:
    """The `mentor` command and its subcommands."""
    parser = DanishParser(
        prog="mentor",
        description="Mentorhåndbogen: tjek programmer og forløb, lav nye forløb og byg sitet.",
        epilog="Skriv `mentor KOMMANDO --help` for at se hjælpen til en kommando.",
    )
    parser.add_argument(
        "--root", type=Path, metavar="MAPPE", help="projektmappen (standard: mappen med mkdocs.yml over den aktuelle)"
    )
    commands = parser.add_subparsers(title="kommandoer", metavar="KOMMANDO", dest="command", parser_class=DanishParser)
    check = _command(commands, "check", "tjek alle programmer og forløb", run_check)
    check.add_argument("--strict", action="store_true", help="advarsler tæller som fejl")
    _add_new(commands)
    schema = _command(commands, "schema", "skriv JSON Schema til editorerne", run_schema)
    schema.add_argument("--check", action="store_true", help="skriv intet; fejl, hvis filerne ikke er opdaterede")
    _add_build(commands)
    export = _command(commands, "export-docs", "skriv hele sitets kilde til almindelig MkDocs", run_export_docs)
    export.add_argument("dir", type=Path, metavar="MAPPE", help="en ny eller tom mappe, kilden skrives i")
    from .coordinator import add_coordinator_commands  # match, timer, diplomer (issue 12)

    add_coordinator_commands(commands, _command)
    admin = _command(commands, "admin", "skriv redigeringsværktøjets opsætning (site/admin/config.yml)", run_admin)
    admin.add_argument("--out", type=Path, metavar="FIL", help="hvor filen skal skrives (standard: site/admin/)")
    return parser


def _command(commands: Any, name: str, summary: str, run: Any) -> DanishParser:
    """A subcommand whose description is its handler's Danish docstring."""
    command: DanishParser = commands.add_parser(name, help=summary, description=inspect.cleandoc(run.__doc__ or ""))
    command.set_defaults(run=run)
    return command


def _add_new(commands: Any) -> None:
    new = commands.add_parser("new", help="lav en ny fil ud fra en skabelon", description="Lav en ny fil.")
    kinds = new.add_subparsers(title="hvad", metavar="HVAD", dest="kind", parser_class=DanishParser, required=True)
    cohort = _command(kinds, "cohort", "et nyt forløb (hold) i et program", run_new_cohort)
    cohort.add_argument("programme", metavar="PROGRAM", help="programmets filnavn uden .yaml, fx gruppementor")
    cohort.add_argument("--id", help="forløbets id og filnavn, fx 2028-lederaspiranter-3 (standard: et ledigt)")
    cohort.add_argument(
        "--year", type=int, metavar="ÅR", help="året, forløbet begynder; mappen, filen lægges i (standard: i år)"
    )


def _add_build(commands: Any) -> None:
    build = _command(commands, "build", "byg hele sitet", run_build)
    build.add_argument("--strict", action="store_true", help="advarsler stopper bygningen")
    build.add_argument(
        "--site-dir", type=Path, metavar="MAPPE", help="hvor sitet skal ligge (standard: site/ i projektmappen)"
    )
    build.add_argument(
        "--no-offline-zip",
        action="store_true",
        help="lav ikke zip-filen til brug uden net (lidt hurtigere)",
    )
    build.add_argument(
        "--for-files",
        action="store_true",
        help="link til index.html-filerne, så sitet kan åbnes direkte fra en mappe (forhåndsvisning)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run `mentor` with `argv`; return the exit code (0 fine, 1 problems, 2 wrong use)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        code: int = args.run(args)
    except ProblemsError as exc:
        print_problems(exc.problems)
        return 1
    except OSError as exc:
        print(printable(f"mentor: fejl: {exc.strerror or exc}: {exc.filename or ''}"), file=sys.stderr)
        return 1
    return code


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` with mkdocs.yml or programmes/; else `start`."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "programmes").is_dir():
            return folder
    return start


def run_check(args: argparse.Namespace) -> int:
    """Tjek alle programmer og forløb og skriv hvert problem som fil:linje:kolonne: besked.

    Afslutter med 0, når alt er i orden, og med 1, når der er fejl (eller advarsler
    med --strict). I GitHub Actions vises problemerne også ved linjerne i pull requesten."""
    from ..loading.catalogue import load_catalogue

    catalogue = load_catalogue(args.root)  # a ProblemsError is printed by main()
    if not catalogue.warnings:
        print(f"Alt er i orden: {_counted(catalogue)} er tjekket.")
        return 0
    print_problems(catalogue.warnings)
    if args.strict:
        print(strict_stop(len(catalogue.warnings), "Tjekket"))
        return 1
    print(f"Ingen fejl, men {count_warnings(len(catalogue.warnings))} i {_counted(catalogue)}. {ACKNOWLEDGE_HINT}")
    return 0


def _counted(catalogue: object) -> str:
    programmes = len(getattr(catalogue, "programmes", []))
    text = f"{programmes} program" + ("mer" if programmes != 1 else "")
    cohorts = getattr(catalogue, "cohorts", None)
    if cohorts is not None:
        text += f" og {len(cohorts)} forløb"
    return text


def print_problems(problems: Sequence[Problem]) -> None:
    """Every problem as `file:line:column: …`, plus GitHub annotations when in Actions."""
    from ..model.problems import render_problems

    print(render_problems(problems))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(github_annotation(problem))


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, escaped by GitHub's rules."""
    command = "error" if problem.severity == "error" else "warning"
    properties = {
        "file": problem.file,
        "line": str(problem.line),
        "col": str(problem.column),
        "title": f"{'Fejl' if command == 'error' else 'Advarsel'}: {problem.key or problem.file}",
    }
    props = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
    message = f"{problem.key}: {problem.message}" if problem.key else problem.message
    return f"::{command} {props}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    """GitHub's escaping of a command's data, after control characters and »::« are made harmless."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def run_schema(args: argparse.Namespace) -> int:
    """Skriv JSON Schema for programmer, fælles indhold og forløb i schema/.

    Editorer med YAML-udvidelsen læser dem og foreslår og tjekker felterne, mens man
    skriver. Kør kommandoen, når modellen i macros/model/ er ændret."""
    from ..model.schema import SCHEMA_DIR, export_schemas, stale_schemas

    if args.check:
        stale = stale_schemas(args.root)
        for name in stale:
            print(f"{SCHEMA_DIR}/{name}: er ikke opdateret; kør `mentor schema`")
        return 1 if stale else 0
    changed = export_schemas(args.root)
    for path in changed:
        print(f"Skrev {path.relative_to(args.root)}")
    if not changed:
        print("Skemaerne var allerede opdaterede.")
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Byg hele sitet: tjek, sider, hæfter, dokumenter og en zip-fil til brug uden net.

    Sitet bygges i en midlertidig mappe og lægges først på plads, når alt er lykkedes;
    mislykkes bygningen, er det tidligere site urørt."""
    from ..site.build import export_site

    site_dir = (args.site_dir or args.root / "site").resolve()
    offline = not (args.for_files or args.no_offline_zip)
    built = export_site(args.root, site_dir, strict=args.strict, for_files=args.for_files, offline_zip=offline)
    return 0 if built else 1


def run_export_docs(args: argparse.Namespace) -> int:
    """Skriv sitets kilde, så almindelig MkDocs med Material kan bygge det uden mentor-pluginet.

    Mappen får docs/ (håndskrevne sider med makroerne udfyldt, de lavede sider, kalendere,
    hæfter og dokumenter), overrides/ og en mkdocs.yml uden pluginet. Byg den med
    `mkdocs build --strict` i mappen."""
    from ..site.export_docs import export_docs

    pages = export_docs(args.root, args.dir)
    print(f"Skrev {len(pages)} sider og deres filer i {args.dir}; byg med `mkdocs build --strict` i mappen.")
    return 0


def run_admin(args: argparse.Namespace) -> int:
    """Skriv opsætningen af redigeringsværktøjet på /admin/ ud fra modellen i macros/model/.

    `mentor build` skriver den selv; kommandoen er til at se den eller bruge den lokalt."""
    from ..outputs.admin_config import render_admin_config

    out = (args.out or args.root / "site" / "admin" / "config.yml").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_admin_config(args.root), encoding="utf-8")
    print(f"Skrev {out}")
    return 0


def run_new_cohort(args: argparse.Namespace) -> int:
    """Skriv en ny forløbsfil med forklaringer og pladsholdere, der skal udfyldes.

    Filen lægges i programmes/forloeb/ÅR/ og er gyldig, så snart linjerne med
    »# UDFYLD« er udfyldt. Kør `mentor check` bagefter."""
    from ..loading.scaffold import PLACEHOLDER, export_new_cohort

    path = export_new_cohort(args.root, args.programme, args.year, args.id)
    relative = path.relative_to(args.root).as_posix()
    count = path.read_text(encoding="utf-8").count(f"  {PLACEHOLDER}")
    print(f"Skrev {relative}")
    print(f"Udfyld de {count} linjer med »{PLACEHOLDER}«, og kør så `mentor check`.")
    return 0


def entry_point() -> NoReturn:
    """The console script `mentor`."""
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
