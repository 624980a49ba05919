"""The form editor's folder in the built site: `site/admin/`.

Written after MkDocs has built the rest, so the strict MkDocs build, the HTML
checks and the link checks never see the third-party bundle, and no other page
loads any of it. The bundle is Decap CMS from the npm registry, installed into
`.cache/admin/` by tools/install-admin.sh from the committed lockfile; it is
served from our own site (no CDN).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from ..outputs.admin_config import render_admin_config

ADMIN_DIR = "admin"
BUNDLE_DIR = Path(".cache/admin/node_modules/decap-cms/dist")
BUNDLE = "decap-cms.js"

# Our own part of /admin/: what shows while the editor loads, and without JavaScript.
ENTRY_PAGE = """\
<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Redigér programmer og forløb – {title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<style>
  #indlaeser {{ font: 1.1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem;
    color: #1f2328; }}
  #indlaeser a {{ color: #0b4f9c; }}
</style>
</head>
<body>
<main id="indlaeser">
  <h1>Redigér programmer og forløb</h1>
  <p>Redigeringsværktøjet indlæses. Når du gemmer, bliver ændringen til et forslag (en pull request),
  som tjekkes automatisk, før nogen godkender den.</p>
  <noscript><p>Værktøjet kræver JavaScript. Du kan også rette filerne direkte på GitHub.</p></noscript>
  <p><a href="../">Tilbage til håndbogen</a></p>
</main>
<script>
  // Decap draws its own interface into <body>; our notice goes when it has started.
  new MutationObserver(function (changes, observer) {{
    if (document.getElementById("nc-root")) {{
      document.getElementById("indlaeser").remove();
      observer.disconnect();
    }}
  }}).observe(document.body, {{ childList: true }});
</script>
<script src="{bundle}"></script>
</body>
</html>
"""


def bundle_dir(root: Path) -> Path:
    """Where tools/install-admin.sh puts the editor's prebuilt files."""
    return root / BUNDLE_DIR


def has_bundle(root: Path) -> bool:
    """Is the editor installed (`make site` and tools/install-admin.sh install it)?"""
    return (bundle_dir(root) / BUNDLE).is_file()


def write_admin(root: Path, site_dir: Path, title: str, local_backend: str | None = None) -> Path:
    """Write `admin/` into a built site: entry page, generated config.yml and the editor's files."""
    folder = site_dir / ADMIN_DIR
    folder.mkdir(parents=True, exist_ok=True)
    source = bundle_dir(root)
    # The main file, the chunks it loads on demand, its WebAssembly and the licence; no source maps.
    for path in sorted(source.iterdir()):
        if path.name.endswith((".decap-cms.js", ".wasm")) or path.name in (BUNDLE, f"{BUNDLE}.LICENSE.txt"):
            shutil.copy2(path, folder / path.name)
    (folder / "config.yml").write_text(render_admin_config(root, local_backend), encoding="utf-8")
    page = ENTRY_PAGE.format(title=html.escape(title), bundle=BUNDLE)
    (folder / "index.html").write_text(page, encoding="utf-8")
    return folder
