"""Open or update one GitHub issue with the output of a failing weekly run.

Used by .github/workflows/newest-versions.yml. Standard library only: the job's
environment is whatever failed to install. One issue with a fixed title collects the
failures; a new run adds a comment instead of a new issue.

    python3 tools/report_newest_failure.py OUTPUT [INSTALLED]
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any

TITLE = "Ugentligt tjek: de nyeste tilladte versioner får testene til at fejle"
API = os.environ.get("GITHUB_API_URL", "https://api.github.com")


def tail(path: str, lines: int = 120) -> str:
    """The last lines of a file, or a note that it is missing."""
    file = Path(path)
    if not file.is_file():
        return f"({path} findes ikke)"
    return "\n".join(file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def call(method: str, url: str, body: dict[str, object] | None = None) -> Any:
    """One authenticated GitHub REST call, answered as JSON."""
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Authorization", f"Bearer {os.environ['GH_TOKEN']}")
    request.add_header("Accept", "application/vnd.github+json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def report(output: str, installed: str) -> None:
    """Comment on the open issue with TITLE, or open it."""
    repo = os.environ["GITHUB_REPOSITORY"]
    text = (
        f"Kørslen {os.environ.get('RUN_URL', '')} fejlede med de nyeste versioner, som pyproject.toml tillader.\n\n"
        f"<details><summary>De sidste linjer</summary>\n\n```\n{tail(output)}\n```\n</details>\n\n"
        f"<details><summary>Installerede versioner</summary>\n\n```\n{tail(installed, 200)}\n```\n</details>\n\n"
        "Find den pakke, der har ændret sig, ret koden eller stram intervallet i pyproject.toml, og kør `make lock`."
    )
    issues = call("GET", f"{API}/repos/{repo}/issues?state=open&per_page=100")
    found = next((issue for issue in issues if issue.get("title") == TITLE), None)
    if found:
        call("POST", f"{API}/repos/{repo}/issues/{found['number']}/comments", {"body": text})
    else:
        call("POST", f"{API}/repos/{repo}/issues", {"title": TITLE, "body": text})


if __name__ == "__main__":
    report(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
