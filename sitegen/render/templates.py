"""Pages to text: the Jinja environment and the filters the templates use."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import nh3
from markdown_it import MarkdownIt

from sitegen.config import CACHE_DIR, DEFAULT_TEMPLATES, Config
from sitegen.content.model import Article, Period
from sitegen.render.builtin import BUILTIN_TEMPLATES
from sitegen.render.image_plan import ImagePlan
from sitegen.render.pictures import Images
from sitegen.render.prose import plain_prose_html
from sitegen.render.theme import template_folders
from sitegen.site.model import Page
from sitegen.site.redirects import link_key
from sitegen.site.routes import Routes
from sitegen.site.structured import news_article, reading_minutes
from sitegen.version import code_key

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class TemplateProblem(Exception):
    """A template is missing or broken: the whole build stops, since every page of its kind would be wrong."""


def markdown_renderer(raw_html: bool = False) -> Callable[[str], str]:
    """Markdown to HTML. Raw HTML in articles is off unless the site turns it on, and then it is sanitised
    (by nh3, the Ammonia sanitiser): an article's text must never run code in a reader's browser."""
    parser = MarkdownIt("commonmark", {"html": raw_html, "typographer": False}).enable("table")

    def to_html(text: str) -> str:
        html = plain_prose_html(text)
        return parser.render(text) if html is None else html

    if not raw_html:
        return to_html
    return lambda text: nh3.clean(to_html(text), link_rel="noopener noreferrer")


def environment(
    config: Config, routes: Routes | None, templates_dir: Path | None = None, images: ImagePlan | None = None
) -> jinja2.Environment:
    templates_dir = templates_dir or config.templates_dir
    if not templates_dir.is_dir() and config.templates != DEFAULT_TEMPLATES:
        raise TemplateProblem(f"{templates_dir}: the templates folder does not exist")
    folders = template_folders(templates_dir)  # the site's own first, then the theme's
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folders), jinja2.DictLoader(BUILTIN_TEMPLATES)]),
        bytecode_cache=CompiledTemplates(_folder(config.root / CACHE_DIR / "templates")),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # an environment serves one build: no need to stat the templates for every page
    )
    base_path, base_url = config.base_path, config.base_url
    markdown = markdown_renderer(config.raw_html)
    pictures = Images(images or ImagePlan(), base_path, base_url)
    filters: dict[str, Callable[..., Any]] = dict(
        url=lambda route: base_path + route,
        absolute_url=lambda route: base_url + route,
        markdown=markdown,
        moved_links=lambda html, moved: moved_links(html, moved, base_path),
        isodate=lambda moment: moment.isoformat(),
        # In UTC, so sorting the text sorts the moments even where offsets differ (summer time).
        utcdate=lambda moment: moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        longdate=long_date,
        period_name=period_name,
        day_of_year=lambda month, day: f"{day} {MONTHS[month - 1]}",
        weekday_date=lambda day: f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}",
        month_name=lambda month: MONTHS[month - 1],
        pagefind_label=pagefind_label,
        reading_minutes=reading_minutes,
        news_article=lambda article, route: news_article(article, base_url + route, config, _share(pictures, article)),
        pictures=pictures.in_text,
        once=RenderedOnce(env),
    )
    env.filters.update({name: _at_render_time(function) for name, function in filters.items()})
    env.globals.update(site=config, routes=routes, images=pictures, period_of=Period)
    return env


def _share(pictures: Images, article: Article) -> str | None:
    lead = pictures.lead(article)
    return pictures.share_url(lead) if lead is not None else None


def _at_render_time(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, called only when a page is rendered. Jinja calls a filter whose arguments are constants
    while it compiles the template ("parts/site_header.html"|once, 'sitemap.xml'|absolute_url), unless the
    filter asks for the render context: the result, made from this build's configuration and routes, would
    then be baked into the compiled template and kept by the compiled-template cache."""

    @jinja2.pass_context
    def at_render_time(context: jinja2.runtime.Context, /, *args: Any, **values: Any) -> Any:
        return function(*args, **values)

    return at_render_time


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates, kept between builds under a hash of each template's source and of sitegen's
    code (which sets how templates compile). Nothing else can reach a compiled template: no filter of
    sitegen's runs while compiling (see _at_render_time)."""

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha1(f"{code_key()}\0{source}".encode()).hexdigest()


class RenderedOnce:
    """The templates' `"name"|once(**values)`: a template rendered once per build for each set of values.

    For the parts many pages show alike: the site's header on every page, an article's entry on each listing
    it appears on. The part sees the site's globals and the values given, not the page. Objects (articles) are
    told apart by identity, the rest by value; each object is held, so that its identity is not reused.
    Parts see no page context, so a part's text is the same wherever it is shown: rendering it once is exact."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._rendered: dict[tuple[Any, ...], tuple[markupsafe.Markup, tuple[Any, ...]]] = {}

    def __call__(self, name: str, /, **values: Any) -> markupsafe.Markup:  # a part may take a value "name"
        key = (name, *((field, _identity(value)) for field, value in values.items()))
        found = self._rendered.get(key)
        if found is None:
            text = template(self._env, name).render(values)
            found = self._rendered[key] = (markupsafe.Markup(text), tuple(values.values()))
        return found[0]


def _identity(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float | bool) else id(value)


def template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound as error:
        folders = env.loader.loaders[0].searchpath  # type: ignore[union-attr]  # the site's, then the theme's
        raise TemplateProblem(f"template {error.name} not found in {' or '.join(map(str, folders))}") from error
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(f"{error.filename}:{error.lineno}: {error.message}") from error


def render(env: jinja2.Environment, page: Page) -> bytes:
    page_template = template(env, page.template)
    try:
        return page_template.render(page.context, page=page).encode("utf-8")
    except jinja2.UndefinedError as error:
        raise TemplateProblem(f"template {page.template}, page /{page.route}: {error.message}") from error


def template_problems(config: Config) -> list[str]:
    """Each template that does not compile, found before a page is written (sitegen serve checks this first)."""
    try:
        env = environment(config, None)
    except TemplateProblem as error:
        return [str(error)]
    problems = []
    for name in env.list_templates(filter_func=lambda name: not name.startswith("static/")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            problems.append(f"{error.filename}:{error.lineno}: {error.message}")
    return problems


def _folder(path: Path) -> str:
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


def pagefind_label(text: str) -> str:
    """A filter value for Pagefind with its angle brackets made look-alikes.

    Pagefind's UI shows filter values as HTML, and Pagefind decodes any escaping it is given, so a tag named
    '<img onerror=...>' would run in the search page. Without < and > no element can be made."""
    return text.replace("<", "‹").replace(">", "›")


def long_date(moment: datetime, with_time: bool = False) -> str:
    """3 June 2025, or 3 June 2025, 12:30 UTC+3 (the time with the offset it was given in)."""
    text = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{text}, {moment:%H:%M} {zone_name(moment)}" if with_time else text


def zone_name(moment: datetime) -> str:
    """UTC, UTC+3, UTC-5 or UTC+5:30: the moment's offset from UTC."""
    offset = moment.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def period_name(period: Period) -> str:
    if period.day:
        return f"{period.day} {MONTHS[(period.month or 1) - 1]} {period.year}"
    if period.month:
        return f"{MONTHS[period.month - 1]} {period.year}"
    return str(period.year)


_HREF = re.compile(r'(\shref=")([^"]*)(")')


def moved_links(html: str, moved: dict[str, str], base_path: str) -> str:
    """html with each link to an old address in moved (by address_key) leading to its article's route instead,
    its #fragment kept."""
    if not moved:
        return html

    def replaced(match: re.Match[str]) -> str:
        key = link_key(match[2])
        if key not in moved:
            return match[0]
        fragment = match[2].partition("#")[2]
        return f"{match[1]}{base_path}{moved[key]}{'#' + fragment if fragment else ''}{match[3]}"

    return _HREF.sub(replaced, html)
