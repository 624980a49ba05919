"""The coordinator's commands of `mentor` (issue 12): match, timer and diplomer.

    mentor match PROGRAM FIL       foreslå par eller grupper ud fra en privat fil
    mentor timer [PROGRAM]         planlagte timer pr. rolle som CSV
    mentor diplomer FORLØB ...     deltagerbeviser som PDF, kun lokalt

cli/commands.py registers them with `add_coordinator_commands`; a mistake in the input is a
Danish message (a ProblemsError, printed by cli.main), never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_coordinator_commands(commands: Any, command: Callable[..., Any]) -> None:
    """Add match, timer and diplomer; `command` is cli/commands.py's helper that makes a subcommand."""
    _add_match(commands, command)
    _add_hours(commands, command)
    _add_certificates(commands, command)


def _add_match(commands: Any, _command: Callable[..., Any]) -> None:
    match = _command(commands, "match", "foreslå par eller grupper ud fra en privat tilmeldingsfil", run_match)
    match.add_argument("programme", metavar="PROGRAM", help="programmets filnavn uden .yaml, fx gruppementor")
    match.add_argument("file", type=Path, metavar="FIL", help="den private CSV-fil med tilmeldingerne")
    match.add_argument("--start", type=_date, metavar="DATO", help="forløbets første dag, ÅÅÅÅ-MM-DD")
    match.add_argument("--år", dest="year", type=int, metavar="ÅR", help="året; mappen, filerne lægges i")
    match.add_argument("--ud", dest="out", type=Path, metavar="MAPPE", help="mappe til forløbsfilerne")
    match.add_argument("--variant", help="variantens id (gruppeforløb; standard: den første)")
    match.add_argument("--samme-køn", dest="single_gender", action="store_true", help="grupper med ét køn")
    match.add_argument("--højst", dest="most", type=_positive, metavar="N", help="højst N mentees pr. mentor (par)")
    match.add_argument("--tid", dest="seconds", type=float, default=2.0, metavar="SEK", help="tid til at søge")


def _add_hours(commands: Any, _command: Callable[..., Any]) -> None:
    hours = _command(commands, "timer", "planlagte timer pr. rolle som CSV", run_hours)
    hours.add_argument("programme", nargs="?", metavar="PROGRAM", help="kun dette program (standard: alle)")
    hours.add_argument("--excel", action="store_true", help="semikolon og decimalkomma, som dansk Excel læser")


def _add_certificates(commands: Any, _command: Callable[..., Any]) -> None:
    certificates = _command(commands, "diplomer", "deltagerbeviser som PDF ud fra en privat navnefil", run_certificates)
    certificates.add_argument("cohort", metavar="FORLØB", help="forløbets id, fx 2027-lederaspiranter-1")
    certificates.add_argument(
        "--navne", dest="names", type=Path, required=True, metavar="FIL", help="privat CSV med id,navn"
    )
    certificates.add_argument(
        "--ud", dest="out", type=Path, required=True, metavar="MAPPE", help="mappe uden for site/"
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' skal være et helt tal på mindst 1")
    return int(text)


def _date(text: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato; skriv ÅÅÅÅ-MM-DD") from None


def run_match(args: argparse.Namespace) -> int:
    """Foreslå par eller grupper ud fra en privat CSV-fil med tilmeldinger.

    Filen skal ligge uden for projektmappen eller i en mappe, git ignorerer (fx privat/).
    Kolonner: id, rolle (mentor/mentee), navn, forvaltning, leder og valgfrit køn,
    emner og undgå. Forslaget skrives som forløbsfiler med nye id'er i
    programmes/forloeb/ÅR/, og nøglen fra id til navn som FIL.noegle.csv ved siden af
    tilmeldingerne. Kan reglerne ikke holdes, forklares det, og intet skrives."""
    from ..matching.run import MatchOptions, export_match
    from ..matching.suggestions import Infeasible

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

    from ..loading.catalogue import load_catalogue
    from ..rendering.hours import CSV_COLUMNS, cohort_hours, csv_rows, typical_hours

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
    from ..outputs.certificates import export_certificates

    written = export_certificates(args.root, args.cohort, args.names, args.out)
    print(f"Skrev {len(written)} deltagerbeviser i {args.out}.")
    return 0


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
