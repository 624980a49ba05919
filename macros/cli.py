"""`mentor`: the command line for coordinators and CI, with help in Danish.

    mentor check [--strict]        tjek alle programmer og forløb
    mentor new cohort PROGRAM      skriv en ny forløbsfil til at udfylde
    mentor schema [--check]        skriv JSON Schema til editorerne
    mentor build [--strict]        byg hele sitet til site/
    mentor match PROGRAM FIL       foreslå par eller grupper ud fra en privat fil
    mentor timer [PROGRAM]         planlagte timer pr. rolle som CSV
    mentor diplomer FORLØB ...     deltagerbeviser som PDF, kun lokalt

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

from .problems import ACKNOWLEDGE_HINT, Problem, ProblemsError, count_warnings, strict_stop

_ARGPARSE_DA = [
    (r"the following arguments are required: (.*)", r"mangler: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"\1: ukendt valg \2 (vælg mellem \3)"),
    (r"unrecognized arguments: (.*)", r"ukendte argumenter: \1"),
    (r"argument (\S+): expected one argument", r"\1 skal have en værdi"),
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
    _add_match(commands)
    _add_hours(commands)
    _add_certificates(commands)
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
        "--for-files",
        action="store_true",
        help="link til index.html-filerne, så sitet kan åbnes direkte fra en mappe (forhåndsvisning)",
    )


def _add_match(commands: Any) -> None:
    match = _command(commands, "match", "foreslå par eller grupper ud fra en privat tilmeldingsfil", run_match)
    match.add_argument("programme", metavar="PROGRAM", help="programmets filnavn uden .yaml, fx gruppementor")
    match.add_argument("file", type=Path, metavar="FIL", help="den private CSV-fil med tilmeldingerne")
    match.add_argument("--start", type=_date, metavar="DATO", help="forløbets første dag, ÅÅÅÅ-MM-DD")
    match.add_argument("--år", dest="year", type=int, metavar="ÅR", help="året; mappen, filerne lægges i")
    match.add_argument("--ud", dest="out", type=Path, metavar="MAPPE", help="mappe til forløbsfilerne")
    match.add_argument("--variant", help="variantens id (gruppeforløb; standard: den første)")
    match.add_argument("--samme-køn", dest="single_gender", action="store_true", help="grupper med ét køn")
    match.add_argument("--højst", dest="most", type=int, metavar="N", help="højst N mentees pr. mentor (par)")
    match.add_argument("--tid", dest="seconds", type=float, default=2.0, metavar="SEK", help="tid til at søge")


def _add_hours(commands: Any) -> None:
    hours = _command(commands, "timer", "planlagte timer pr. rolle som CSV", run_hours)
    hours.add_argument("programme", nargs="?", metavar="PROGRAM", help="kun dette program (standard: alle)")
    hours.add_argument("--excel", action="store_true", help="semikolon og decimalkomma, som dansk Excel læser")


def _add_certificates(commands: Any) -> None:
    certificates = _command(commands, "diplomer", "deltagerbeviser som PDF ud fra en privat navnefil", run_certificates)
    certificates.add_argument("cohort", metavar="FORLØB", help="forløbets id, fx 2027-lederaspiranter-1")
    certificates.add_argument(
        "--navne", dest="names", type=Path, required=True, metavar="FIL", help="privat CSV med id,navn"
    )
    certificates.add_argument(
        "--ud", dest="out", type=Path, required=True, metavar="MAPPE", help="mappe uden for site/"
    )


def _date(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato; skriv ÅÅÅÅ-MM-DD") from None


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
        print(f"mentor: fejl: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
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
    from .catalogue import load_catalogue

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
    from .problems import render_problems

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
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def run_schema(args: argparse.Namespace) -> int:
    """Skriv JSON Schema for programmer, fælles indhold og forløb i schema/.

    Editorer med YAML-udvidelsen læser dem og foreslår og tjekker felterne, mens man
    skriver. Kør kommandoen, når modellen i macros/model/ er ændret."""
    from .schema import SCHEMA_DIR, export_schemas, stale_schemas

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
    """Byg hele sitet: tjek, sider, hæfter og dokumenter.

    Sitet bygges i en midlertidig mappe og lægges først på plads, når alt er lykkedes;
    mislykkes bygningen, er det tidligere site urørt."""
    from .build import export_site

    site_dir = (args.site_dir or args.root / "site").resolve()
    return 0 if export_site(args.root, site_dir, strict=args.strict, for_files=args.for_files) else 1


def run_new_cohort(args: argparse.Namespace) -> int:
    """Skriv en ny forløbsfil med forklaringer og pladsholdere, der skal udfyldes.

    Filen lægges i programmes/forloeb/ÅR/ og er gyldig, så snart linjerne med
    »# UDFYLD« er udfyldt. Kør `mentor check` bagefter."""
    from .scaffold import PLACEHOLDER, export_new_cohort

    path = export_new_cohort(args.root, args.programme, args.year, args.id)
    relative = path.relative_to(args.root).as_posix()
    count = path.read_text(encoding="utf-8").count(f"  {PLACEHOLDER}")
    print(f"Skrev {relative}")
    print(f"Udfyld de {count} linjer med »{PLACEHOLDER}«, og kør så `mentor check`.")
    return 0


def run_match(args: argparse.Namespace) -> int:
    """Foreslå par eller grupper ud fra en privat CSV-fil med tilmeldinger.

    Filen skal ligge uden for projektmappen eller i en mappe, git ignorerer (fx privat/).
    Kolonner: id, rolle (mentor/mentee), navn, forvaltning, leder og valgfrit køn,
    emner og undgå. Forslaget skrives som forløbsfiler med nye id'er i
    programmes/forloeb/ÅR/, og nøglen fra id til navn som FIL.noegle.csv ved siden af
    tilmeldingerne. Kan reglerne ikke holdes, forklares det, og intet skrives."""
    from .match_run import MatchOptions, export_match
    from .matching import Infeasible

    options = MatchOptions(args.start, args.year, args.out, args.variant, args.single_gender, args.most, args.seconds)
    try:
        result = export_match(args.root, args.programme, args.file, options)
    except Infeasible as exc:
        print("Der kan ikke laves et forslag, der holder alle reglerne:", file=sys.stderr)
        for reason in exc.reasons:
            print(f"- {reason}", file=sys.stderr)
        return 1
    for line in result.explanations:
        print(line)
    for path in result.cohort_files:
        print(f"Skrev {_shown(path, args.root)}")
    if result.mentors_without_group:
        print(f"{result.mentors_without_group} mentorer fik ingen gruppe i forslaget.")
    print(f"Nøglen til navnene står i {result.key_file}; den må aldrig med i repositoriet.")
    print("Gennemgå forslaget, og kør `mentor check --strict`.")
    return 0


def run_hours(args: argparse.Namespace) -> int:
    """Skriv de planlagte timer pr. rolle som CSV: et typisk forløb pr. program og hvert forløb.

    Hver linje er én post (møder, forberedelse, læsning, mentorernes møder, seminar, andet)
    eller en rolles i alt, med antal personer, timer pr. person, timer i alt og det, tallet
    bygger på. Forløbet »typisk« er programmets design med et typisk hold eller par."""
    import csv

    from .catalogue import load_catalogue
    from .hours import CSV_COLUMNS, cohort_hours, csv_rows, typical_hours

    catalogue = load_catalogue(args.root)
    writer = csv.writer(sys.stdout, delimiter=";" if args.excel else ",", lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in catalogue.programmes:
        if args.programme in (None, entry.slug):
            writer.writerows(csv_rows(entry.slug, "typisk", typical_hours(entry.programme), args.excel))
    for cohort in catalogue.cohorts:
        programme = catalogue.programme(cohort.programme)
        if programme and args.programme in (None, cohort.programme):
            writer.writerows(
                csv_rows(cohort.programme, cohort.id, cohort_hours(cohort, programme.programme), args.excel)
            )
    return 0


def run_certificates(args: argparse.Namespace) -> int:
    """Lav et deltagerbevis som PDF til hver person i navnefilen, der er med i forløbet.

    Navnefilen er privat (kolonnerne id og navn, fx nøglefilen fra `mentor match`) og skal
    ligge uden for projektmappen eller i privat/. Beviserne skrives i MAPPE, som heller ikke
    må ligge i site/ eller blandt repositoriets filer: de udgives aldrig."""
    from .certificates import export_certificates

    written = export_certificates(args.root, args.cohort, args.names, args.out)
    print(f"Skrev {len(written)} deltagerbeviser i {args.out}.")
    return 0


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def entry_point() -> NoReturn:
    """The console script `mentor`."""
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
