"""Time `mentor match` on synthetic people: 300 mentees and 60 mentors (goal: < 5 s on 2 cores).

    .venv/bin/python benchmarks/match.py [--mentees 300] [--mentors 60] [--runs 3]

Writes a private CSV with invented people (no real names) to a temporary folder
outside the project, copies the project's programmes there and runs the real command
for the group programme and the one-to-one programme. Prints one line per run:
seconds, groups or pairs, and whether `mentor check --strict` accepts the result.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPARTMENTS = [
    "Børn og Unge",
    "Sundhed og Omsorg",
    "Teknik og Miljø",
    "Kultur og Borgerservice",
    "Beskæftigelse",
    "Økonomi og Digitalisering",
    "HR og Arbejdsmiljø",
    "Borgmesterens Afdeling",
]
TOPICS = ["økonomistyring", "strategi", "personaleledelse", "forandring", "digitalisering", "karriere", "trivsel"]


def synthetic_people(path: Path, mentors: int, mentees: int, seed: int = 7) -> None:
    """Invented people: a third of the mentees has a mentor as nearest manager, some have `undgå`."""
    rnd = random.Random(seed)
    ids = [f"t{n:04d}" for n in range(mentors + mentees)]
    rows = []
    for n, person in enumerate(ids):
        role = "mentor" if n < mentors else "mentee"
        manager = rnd.choice(ids[:mentors]) if role == "mentee" and rnd.random() < 0.33 else ""
        avoid = rnd.choice(ids[:mentors]) if role == "mentee" and rnd.random() < 0.1 else ""
        topics = ";".join(rnd.sample(TOPICS, 2))
        rows.append(
            [person, role, f"Fiktiv{n:04d} Prøvesen", rnd.choice(DEPARTMENTS), manager, rnd.choice("km"), topics, avoid]
        )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "rolle", "navn", "forvaltning", "leder", "køn", "emner", "undgå"])
        writer.writerows(rows)


def run(project: Path, programme: str, people: Path) -> tuple[float, float, int, bool]:
    """Wall and CPU seconds for one `mentor match`, the cohort files, and whether check --strict passes.

    CPU seconds (user + system of the process) say more than wall time on a machine shared
    with other jobs; on an idle machine with 2 cores the wall time is at most about the same."""
    mentor = Path(sys.executable).with_name("mentor")
    folder = project / "programmes" / "forloeb" / "2030"
    shutil.rmtree(folder, ignore_errors=True)
    people.with_name(people.name + ".noegle.csv").unlink(missing_ok=True)
    cpu = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run(
        [mentor, "--root", project, "match", programme, people, "--start", "2030-02-04"], capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    used = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    checked = subprocess.run([mentor, "--root", project, "check", "--strict"], capture_output=True, text=True)
    return seconds, used, len(list(folder.glob("*.yaml"))), checked.returncode == 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentees", type=int, default=300)
    parser.add_argument("--mentors", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "projekt"
        project.mkdir()
        shutil.copytree(ROOT / "programmes", project / "programmes")
        people = Path(tmp) / "tilmeldinger.csv"
        synthetic_people(people, args.mentors, args.mentees)
        for programme in ("gruppementor", "mentorordning-ledere"):
            for number in range(1, args.runs + 1):
                seconds, cpu, files, ok = run(project, programme, people)
                verdict = "består" if ok else "FEJLER"
                print(
                    f"{programme} kørsel {number}: {seconds:.2f} s ({cpu:.2f} s CPU), "
                    f"{files} forløbsfiler, check --strict {verdict}"
                )


if __name__ == "__main__":
    main()
