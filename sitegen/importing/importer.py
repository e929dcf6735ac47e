"""`sitegen import`: raw article files in, one canonical Markdown file per article out.

Raw files are only ever read. Each article file records its sources (path and SHA-256), so importing a file again
finds its article: unchanged, it is left as it is; changed, the article is updated, unless a person has edited the
article since, in which case it is skipped (--force overwrites). A file with the same text as an article already in
the archive is the same article scraped twice: its path is recorded as a second source.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.content import normalise
from sitegen.content.articles import ARTICLES_DIR
from sitegen.content.registry import load_registry
from sitegen.importing.archive import Archive
from sitegen.importing.article_file import article_text
from sitegen.importing.engines import DEFAULT_MODEL
from sitegen.importing.enrich import DraftEnricher
from sitegen.importing.exports import Unit, Units
from sitegen.importing.fields import TagSpellings, clean_draft
from sitegen.importing.links import SiteAddresses, resolve_links, unresolved_warnings
from sitegen.importing.media import Media, SiteFolders, copy_media, local_media
from sitegen.importing.permalinks import Permalinks
from sitegen.importing.readers import Draft, ReadError, read_draft
from sitegen.importing.readers.dates import DateClues, SettledDate, settle
from sitegen.importing.readers.headline import repeated_site_names, without_site_names
from sitegen.importing.refresh import RefreshReport, refresh
from sitegen.importing.sources import RAW_SUFFIXES, not_a_post, raw_files, read_raw
from sitegen.output.lock import site_lock
from sitegen.progress import progress

BATCH = 1024  # files read, then extracted together (the recogniser is fastest on batches), then written
STATUSES = ("imported", "updated", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class ImportOptions:
    content_dir: Path
    zone: ZoneInfo
    root: Path  # source paths inside it are recorded relative to it
    year: int | None = None
    now: datetime | None = None  # the reference date for a missing year; else each file's modification time
    force: bool = False
    format: str | None = None
    extract: bool = True  # fill people and tags with the extraction engine (see extract.py)
    people_model: str = DEFAULT_MODEL
    max_tags: int = 8
    site_folders: tuple[Path, ...] = ()  # the site's own output and templates: never read as sources
    source_url: str | None = None  # the address of the site the sources come from (see links.py)
    language: str = "en"  # the site's: an article in another language says so in its front-matter


@dataclass(frozen=True)
class Outcome:
    source: str
    status: str
    article: Path | None = None
    message: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    ignored: int = 0  # files in the folders given that are not article files by their name
    notices: list[str] = field(default_factory=list)  # how people and tags were found, when not as configured
    suggestions: list[str] = field(default_factory=list)  # names that may be registered people: for a person to decide
    passed_over: list[str] = field(default_factory=list)  # per export: the items skipped as no posts
    site_notes: list[str] = field(default_factory=list)  # per site folder: what of it is no posts
    not_posts: int = 0  # how many

    @property
    def counts(self) -> Counter[str]:
        counts = Counter(outcome.status for outcome in self.outcomes)
        counts["skipped"] += self.not_posts
        return counts

    @property
    def failed(self) -> bool:
        return self.counts["failed"] > 0

    def lines(self) -> Iterator[str]:
        yield from self.notices
        for outcome in self.outcomes:
            for warning in outcome.warnings:
                yield f"{outcome.source}: warning: {warning}"
            if outcome.status in ("skipped", "failed"):
                yield f"{outcome.source}: {outcome.status}: {outcome.message}"
        yield from self.site_notes
        yield from self.passed_over
        yield from self.suggestions

    def summary(self, articles_dir: Path) -> str:
        counts = ", ".join(f"{self.counts[status]} {status}" for status in STATUSES)
        ignored = f"; {self.ignored} files ignored (not {', '.join(RAW_SUFFIXES)})" if self.ignored else ""
        return f"Import into {articles_dir}: {counts}{ignored}"


def import_sources(sources: list[Path], options: ImportOptions, show_progress: bool = False) -> ImportReport:
    """Import the sources; a build or another import of the same site waits for this one to finish."""
    with site_lock(options.root, "an import"):
        return _import_sources(sources, options, show_progress)


def refresh_articles(options: ImportOptions) -> RefreshReport:
    """sitegen import --refresh, under the same lock as an import."""
    with site_lock(options.root, "an import"):
        enricher = _enricher(options)
        return refresh(options.content_dir, enricher, options.extract)


def _enricher(options: ImportOptions) -> DraftEnricher:
    return DraftEnricher(options.content_dir, options.root, options.people_model, options.max_tags, options.language)


def _import_sources(sources: list[Path], options: ImportOptions, show_progress: bool) -> ImportReport:
    report = ImportReport()
    articles_dir = options.content_dir / ARTICLES_DIR
    found = raw_files(sources, (articles_dir, *options.site_folders))
    files, report.ignored, report.site_notes = found.files, found.ignored, found.notes
    units = Units.of(files)
    for path, why in units.unreadable.items():
        report.outcomes.append(Outcome(_source_path(path, options.root), "failed", message=why))
    archive = Archive.load(articles_dir, TagSpellings(load_registry(options.content_dir)[0]))
    enricher = _enricher(options) if options.extract else None
    sites = SourceSites()
    shown = iter(progress(range(units.total), "import", show_progress))
    for batch in _batches(iter(units), BATCH):
        importers = [_Importer(unit, options, archive, sites) for unit in batch]
        read = _without_repeated_site_names([importer.read() for importer in importers])
        drafts = [item.draft for item in read if isinstance(item, Prepared)]
        enriched = iter(enricher.enrich(drafts) if enricher and drafts else drafts)
        for importer, item in zip(importers, read, strict=True):
            if isinstance(item, Prepared):
                item = importer.place(replace(item, draft=next(enriched)))
            report.outcomes.append(item)
            next(shown, None)
    report.passed_over = list(units.skipped_lines({path: _source_path(path, options.root) for path in files}))
    report.not_posts = sum(units.not_posts.values())
    if enricher:
        enricher.save()
        report.notices = enricher.notices()
        report.suggestions = [
            f"suggestion: “{item.name}” may be {item.person} ({item.evidence}); add it to people.yml's aliases if so"
            for item in sorted(enricher.suggestions.values(), key=lambda item: item.name)
        ]
    return report


def _without_repeated_site_names(read: list[Prepared | Outcome]) -> list[Prepared | Outcome]:
    """The drafts with a name that ends many of their titles ("| Harbour Weekly") taken off: a site's name
    its pages did not give in their metadata (see headline.repeated_site_names)."""
    names = repeated_site_names([item.draft.title for item in read if isinstance(item, Prepared)])
    if not names:
        return read
    return [
        replace(item, draft=replace(item.draft, title=without_site_names(item.draft.title, names)))
        if isinstance(item, Prepared)
        else item
        for item in read
    ]


@dataclass
class SourceSites:
    """What an import learns of the sites its files come from, each folder looked at once: their addresses, for
    links relative to them, and their permalink settings, for the posts' old addresses."""

    addresses: SiteAddresses = field(default_factory=SiteAddresses)
    folders: SiteFolders = field(default_factory=SiteFolders)
    permalinks: Permalinks = field(default_factory=Permalinks)


@dataclass(frozen=True)
class Prepared:
    """A raw file read, before people and tags are added and its article is written."""

    draft: Draft
    settled: SettledDate
    source: dict[str, Any]
    media: tuple[Media, ...] = ()  # image files the post shows, to copy into the archive


class _Importer:
    """Imports one raw file, or one post of an export, into the archive."""

    def __init__(self, unit: Unit, options: ImportOptions, archive: Archive, sites: SourceSites) -> None:
        self.unit, self.path, self.options, self.archive, self.sites = unit, unit.path, options, archive, sites
        self.source_path = unit.source_path(_source_path(unit.path, options.root))
        self.warnings: list[str] = list(unit.entry.warnings) if unit.entry else []

    def read(self) -> Prepared | Outcome:
        """The file read and its date settled, or why it cannot be imported."""
        try:
            if (entry := self.unit.entry) is not None:
                if entry.draft is None:
                    raise ReadError(entry.error or "not a post")
                data, draft = entry.data, entry.draft
            else:
                data = read_raw(self.path)
                if (why := not_a_post(self.path, data)) is not None:
                    return self._outcome("skipped", message=why)
                draft, _ = read_draft(data, self.path.name, self.options.format)
            self.warnings.extend(draft.warnings)
            draft, media = self._with_absolute_links(clean_draft(draft))
            settled = settle(draft.date, self._clues(draft))
            draft = self._with_old_address(draft, settled)
        except (OSError, ReadError) as error:
            return self._outcome("failed", message=_reason(error))
        if settled.warning:
            self.warnings.append(settled.warning)
        source = {"path": self.source_path, "sha256": hashlib.sha256(data).hexdigest()}
        if draft.url:
            source["url"] = draft.url
        return Prepared(draft, settled, source, tuple(media))

    def place(self, prepared: Prepared) -> Outcome:
        """Write the article for a file read, or record the file as another source of an article."""
        draft, settled, source = prepared.draft, prepared.settled, prepared.source
        copy_media(list(prepared.media), self.options.content_dir)
        draft = replace(draft, tags=self.archive.tags.spell(draft.tags))
        body = draft.body.rstrip("\n") + "\n"
        same_text = self.archive.same_article(body, draft.title, settled.value)
        known = self.archive.by_source.get(self.source_path)
        if known is not None:
            existing = self.archive.article(known)
            assert existing is not None
            sources = [source if item.get("path") == self.source_path else item for item in existing.sources]
            if existing.source_paths[0] == self.source_path:
                fields = _fields(draft, settled, sources, self.options.zone)
                target = self.archive.place_for(known, settled.value, fields["slug"])
                if self.archive.address_taken(settled.value, fields["slug"], besides=known):
                    fields["slug"] = target.stem
                return self._write(known, article_text(fields, body), "updated", target)
            if same_text == known:  # a second source of an article: only its record changes
                return self._write(known, existing.with_sources(sources), "updated")
            others = [item for item in existing.sources if item.get("path") != self.source_path]
            outcome = self._write(known, existing.with_sources(others), "updated")  # no longer the same article
            if outcome.status == "skipped":
                return outcome
        if same_text is not None:
            existing = self.archive.article(same_text)
            assert existing is not None
            outcome = self._write(same_text, existing.with_sources([*existing.sources, source]), "updated")
            if outcome.status == "updated":
                shown = _source_path(same_text, self.options.root)
                return self._outcome("updated", same_text, f"the same article as {shown}; source recorded there")
            return outcome
        slug = normalise.slug(draft.slug or draft.title)
        path = self.archive.free_path(settled.value, slug)
        fields = _fields(draft, settled, [source], self.options.zone)
        if self.archive.address_taken(settled.value, slug):  # another article has that URL: take the file's name
            fields["slug"] = path.stem
        return self._write(path, article_text(fields, body), "imported")

    def _write(self, path: Path, text: str, status: str, target: Path | None = None) -> Outcome:
        """Write text over path (or to target, removing path), unless a person has edited path since import."""
        target = target or path
        existing = self.archive.article(path)
        if existing is not None and existing.text == text and target == path:
            return self._outcome("unchanged", path)
        if existing is not None and existing.edited and not self.options.force:
            shown = _source_path(path, self.options.root)
            why = "has been edited since it was imported" if existing.imported else "was not written by import"
            return self._outcome("skipped", path, f"{shown} {why}; left as it is (--force overwrites it)")
        self.archive.write(target, text)
        if target != path:
            self.archive.remove(path)
        return self._outcome(status, target)

    def _with_old_address(self, draft: Draft, settled: SettledDate) -> Draft:
        """A post that names no address of its own had the one its site's permalink setting gave it."""
        if draft.aliases or draft.url or self.unit.entry is not None:
            return draft
        old = self.sites.permalinks.old_path(self.path, draft, settled.value)
        return replace(draft, aliases=(old,)) if old else draft

    def _with_absolute_links(self, draft: Draft) -> tuple[Draft, list[Media]]:
        """The draft with its links relative to the original site made absolute (see links.py), and its own
        image files, to be copied into the archive (see media.py; an export's posts have none)."""
        entry_site = self.unit.entry.site if self.unit.entry is not None else None
        site = self.options.source_url or entry_site or self.sites.addresses.of(self.path)
        body, unresolved = resolve_links(draft.body, draft.url, site)
        if self.unit.entry is not None:
            self.warnings.extend(unresolved_warnings(unresolved))
            return replace(draft, body=body), []
        local = local_media(body, draft.image, self.path, site, self.sites.folders)
        self.warnings.extend(unresolved_warnings([link for link in unresolved if link not in local.addresses]))
        if local.missing_image:
            self.warnings.append(f"the lead image {local.missing_image} is not beside the post nor in its site's files")
        return replace(draft, body=local.body, image=local.image), local.media

    def _clues(self, draft: Draft) -> DateClues:
        reference = self.options.now or datetime.fromtimestamp(self.path.stat().st_mtime, tz=self.options.zone)
        return DateClues(
            zone=self.options.zone, reference=reference, year=self.options.year, path=self.source_path,
            text=f"{draft.title}\n{draft.body}", scheduled=draft.draft,
        )  # fmt: skip

    def _outcome(self, status: str, article: Path | None = None, message: str | None = None) -> Outcome:
        return Outcome(self.source_path, status, article, message, tuple(self.warnings))


def _batches(units: Iterator[Unit], size: int) -> Iterator[list[Unit]]:
    """The units in lists of size (the last shorter): an export's items are read as the batches need them."""
    while batch := list(itertools.islice(units, size)):
        yield batch


def _updated(draft: Draft, settled: SettledDate, zone: ZoneInfo) -> str | None:
    """When the article was last changed, where the file says so with a full date after its publication."""
    if draft.updated is None or draft.updated.year is None:
        return None
    try:
        updated = draft.updated.on(draft.updated.year, zone)
    except ValueError:
        return None
    return updated.isoformat() if updated > settled.value else None


def _fields(draft: Draft, settled: SettledDate, sources: list[dict[str, Any]], zone: ZoneInfo) -> dict[str, Any]:
    """The canonical front-matter, in the schema's order."""
    fields: dict[str, Any] = {"title": draft.title, "date": settled.value.isoformat()}
    if (updated := _updated(draft, settled, zone)) is not None:
        fields["updated"] = updated
    fields["authors"] = list(draft.authors)
    if draft.category:
        fields["category"] = draft.category
    fields["tags"] = list(draft.tags)
    fields["people"] = list(draft.people)
    fields["summary"] = draft.summary or normalise.summary_from_body(draft.body)
    fields["slug"] = normalise.slug(draft.slug or draft.title)
    if draft.language:
        fields["language"] = draft.language
    if draft.image:
        fields["image"] = draft.image
    if draft.aliases:
        fields["aliases"] = list(draft.aliases)
    fields["source"] = sources
    if draft.draft:
        fields["draft"] = True
    if settled.inferred:
        fields["date_inferred"] = settled.inferred
    return fields


def _source_path(path: Path, root: Path) -> str:
    """How the article records where it came from: relative to the site's folder when inside it."""
    absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else absolute.as_posix()


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"cannot be read: {error.strerror or error}"
    return str(error)


def show_report(report: ImportReport, articles_dir: Path) -> None:
    for line in report.lines():
        print(line, file=sys.stderr)
    print(report.summary(articles_dir))
