"""The thin MkDocs adapter: the only module that imports mkdocs.

It loads the catalogue when the configuration is read, adds the generated pages as
virtual files whose edit link points to their YAML, expands macros in hand-written
pages and makes `mkdocs serve` watch the programme files.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from .catalogue import Catalogue, load_catalogue
from .pages import INDEX
from .problems import ProblemsError
from .site import SiteOutput, render_site
from .site_macros import render_page_macros

log = logging.getLogger("mkdocs.plugins.mentor")


class MentorConfig(Config):
    """Options under `plugins: - mentor:` in mkdocs.yml."""

    root = opt.Optional(opt.Dir(exists=True))  # project root; defaults to mkdocs.yml's folder


class MentorPlugin(BasePlugin[MentorConfig]):
    """Publishes the programmes in `programmes/` as part of the MkDocs site."""

    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.output = SiteOutput()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        try:
            self.catalogue = load_catalogue(self.root)
        except ProblemsError as exc:
            raise PluginError(f"Programmerne kan ikke bygges:\n{exc}") from None
        for warning in self.catalogue.warnings:
            log.warning(warning.format())
        self.output = render_site(self.catalogue)
        config.nav = _insert_nav(config.nav, self.output.nav)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs_to_root = posixpath.relpath(self.root, config.docs_dir).replace("\\", "/")
        for page in self.output.pages:
            file = File.generated(config, page.path, content=page.markdown)
            # MkDocs joins edit_uri (e.g. edit/main/docs/) with this: lead it back to the YAML.
            file.edit_uri = posixpath.join(docs_to_root, page.source) if page.source else None
            files.append(file)
        for asset in self.output.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        return files

    def on_page_markdown(self, markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by or self.catalogue is None:
            return markdown
        try:
            return render_page_macros(markdown, self.catalogue, page.file.src_uri)
        except ProblemsError as exc:
            raise PluginError(str(exc)) from None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / "programmes"))
        server.watch(str(Path(__file__).parent / "templates"))
        return server


def _insert_nav(nav: list[Any] | None, generated: list[Any]) -> list[Any]:
    """Replace the nav entry that points at the programme index with the generated section."""
    if not nav:
        return [{"Programmer": generated}]
    out = []
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == [INDEX]:
            out.append({next(iter(item)): generated})
        else:
            out.append(item)
    return out
