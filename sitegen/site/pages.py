"""The list of every page of the site: route, template and the data the template shows.

Nothing here renders or writes; generated pages (tags, people, dates) are ordinary pages like articles.
Pages come in groups, each made from one part of the library (an article, a tag, a day...), and a rebuild
may ask for some groups only: their contexts are the costly part, so a group not asked for is not made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.model import Article, Period
from sitegen.site.calendars import month_weeks, year_rows
from sitegen.site.charts import per_year
from sitegen.site.front import front_page
from sitegen.site.headers import HEADERS_FILE, header_rules
from sitegen.site.indexes import by_initial, surname_key, title_key
from sitegen.site.listings import by_day, by_year, counts, feed, listing, positions, years
from sitegen.site.model import SITE_GROUP, Group, GroupKind, Groups, Page, PageKind
from sitegen.site.redirects import REDIRECTS_FILE, RedirectPlan
from sitegen.site.routes import Routes
from sitegen.site.sitemaps import SITEMAP_INDEX, Part, article_parts, listing_parts

CO_MENTIONED_COUNT = 10


def all_pages(
    library: Library,
    routes: Routes,
    config: Config,
    related: Callable[[], Sequence[Sequence[int]]] | None = None,
    only: Groups = None,
    redirects: RedirectPlan | None = None,
    portraits: Mapping[str, str] | None = None,
) -> Iterator[Page]:
    """Every page, article pages first, or those of the groups in only; related, if given, gives what
    related[i] holds, the positions of the related articles of library.articles[i]. It is called only once the
    listing pages are made, so that it may still be finding them meanwhile. portraits: the key of each
    person's portrait made (see render/image_plan.py), which their page shows."""
    listings = list(_listing_pages(library, routes, config, only, portraits or {}))
    related_positions = related() if related is not None else None
    yield from article_pages(library, routes, config, related_positions, only, redirects)
    yield from listings
    if redirects is not None:
        yield from redirect_pages(library, routes, redirects, only)


def _listing_pages(
    library: Library, routes: Routes, config: Config, only: Groups, portraits: Mapping[str, str]
) -> Iterator[Page]:
    if _wanted(Group(GroupKind.HOME), only):
        yield from home_pages(library, routes, config)
    yield from tag_pages(library, routes, config, only)
    yield from person_pages(library, routes, config, only, portraits)
    yield from named_pages(library, config, only, _sections(routes), library.by_section)
    yield from named_pages(library, config, only, _authors(routes), library.by_author)
    yield from period_pages(library, routes, config, only)
    yield from calendar_day_pages(library, routes, config, only)
    yield from site_pages(library, routes, config, only)
    yield from sitemap_pages(library, routes, config, only)


def _wanted(group: Group, only: Groups) -> bool:
    return only is None or group in only


def home_pages(library: Library, routes: Routes, config: Config) -> Iterator[Page]:
    """The home listing, whose first page is the front page (see front.py)."""
    front = front_page(library)
    pages = listing(library, routes.home, library.articles, "home.html", config.page_size, {}, Group(GroupKind.HOME))
    for page in pages:
        if front is not None and page.context["pagination"].number == 1:
            shows = tuple(sorted({*page.shows, *positions(library, front.shown)}))
            page = replace(page, context={**page.context, "front": front}, shows=shows)
        yield page


def article_pages(
    library: Library,
    routes: Routes,
    config: Config,
    related: Sequence[Sequence[int]] | None = None,
    only: Groups = None,
    redirects: RedirectPlan | None = None,
) -> Iterator[Page]:
    """Each article's page; moved: the links of its text to an old address of an article, which the page
    makes links to that article's page (see redirects.py)."""
    for index, article in enumerate(library.articles):
        group = Group(GroupKind.ARTICLE, article.file)
        if not _wanted(group, only):
            continue
        older, newer = library.neighbours(article)
        near = related[index] if related is not None else library.related_positions(article, config.related_count)
        context = {
            "article": article,
            "older": older,
            "newer": newer,
            "related": [library.articles[position] for position in near],
            "article_periods": Period.all_of(article.day),
            "moved": redirects.moved_links(article, routes) if redirects is not None else {},
        }
        shown = {index, *near, *(library.position[other] for other in (older, newer) if other is not None)}
        yield Page(routes.article(article), "article.html", context, PageKind.ARTICLE, group, tuple(sorted(shown)))


def tag_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    if _wanted(Group(GroupKind.TAG_INDEX), only):
        tags = counts(library.by_tag)
        context = {"tags": tags, "letters": by_initial(tags, title_key)}
        yield Page(routes.tags(), "tags.html", context, PageKind.INDEX, Group(GroupKind.TAG_INDEX))
    every_year = years(library)
    for tag, articles in library.by_tag.items():
        group = Group(GroupKind.TAG, tag)
        if not _wanted(group, only):
            continue
        context = {
            "tag": tag,
            "feed": routes.tag_feed(tag),
            "chart": per_year(articles, every_year),
            "related_tags": library.co_occurring(articles, "tags", tag, CO_MENTIONED_COUNT),
            "related_people": library.co_occurring(articles, "people", tag, CO_MENTIONED_COUNT),
        }
        route = partial(routes.tag, tag)
        yield from listing(library, route, articles, "tag.html", config.page_size, context, group, by_year)
        title = f"{config.title}: {tag}"
        yield feed(library, routes.tag_feed(tag), title, routes.tag(tag), articles, config, group)


def person_pages(
    library: Library, routes: Routes, config: Config, only: Groups = None, portraits: Mapping[str, str] | None = None
) -> Iterator[Page]:
    if _wanted(Group(GroupKind.PEOPLE_INDEX), only):
        people = counts(library.by_person)
        context = {"people": people, "letters": by_initial(people, surname_key)}
        yield Page(routes.people(), "people.html", context, PageKind.INDEX, Group(GroupKind.PEOPLE_INDEX))
    every_year = years(library)
    for name, articles in library.by_person.items():
        group = Group(GroupKind.PERSON, name)
        if not _wanted(group, only):
            continue
        context = {
            "name": name,
            "person": library.registry.people.get(name),
            "portrait": (portraits or {}).get(name),
            "feed": routes.person_feed(name),
            "chart": per_year(articles, every_year),
            "co_mentioned": library.co_occurring(articles, "people", name, CO_MENTIONED_COUNT),
            "related_tags": library.co_occurring(articles, "tags", name, CO_MENTIONED_COUNT),
        }
        route = partial(routes.person, name)
        yield from listing(library, route, articles, "person.html", config.page_size, context, group, by_year)
        title = f"{config.title}: {name}"
        yield feed(library, routes.person_feed(name), title, routes.person(name), articles, config, group)


@dataclass(frozen=True)
class Named:
    """What makes the pages of one kind of named listing (sections, authors): the index of them, each one's
    listing and feed."""

    kind: GroupKind
    index_kind: GroupKind
    index_route: str
    index_template: str
    route: Callable[..., str]
    feed: Callable[[str], str]
    template: str
    order: Callable[[str], tuple[str, ...]]  # of the index: by title, or by surname


def _sections(routes: Routes) -> Named:
    return Named(
        GroupKind.SECTION, GroupKind.SECTION_INDEX, routes.sections(), "sections.html", routes.section,
        routes.section_feed, "section.html", title_key,
    )  # fmt: skip


def _authors(routes: Routes) -> Named:
    return Named(
        GroupKind.AUTHOR, GroupKind.AUTHOR_INDEX, routes.authors(), "authors.html", routes.author,
        routes.author_feed, "author.html", surname_key,
    )  # fmt: skip


def named_pages(
    library: Library, config: Config, only: Groups, named: Named, index: dict[str, tuple[Article, ...]]
) -> Iterator[Page]:
    """The pages of each section or author, with a feed of its own, and the index of them all."""
    if _wanted(Group(named.index_kind), only):  # made even when empty: the site's menu links to it
        names = counts(index)
        context = {"names": names, "letters": by_initial(names, named.order)}
        yield Page(named.index_route, named.index_template, context, PageKind.INDEX, Group(named.index_kind))
    every_year = years(library)
    for name, articles in index.items():
        group = Group(named.kind, name)
        if not _wanted(group, only):
            continue
        context = {
            "name": name,
            "feed": named.feed(name),
            "chart": per_year(articles, every_year),
            "related_tags": library.co_occurring(articles, "tags", name, CO_MENTIONED_COUNT),
            "related_people": library.co_occurring(articles, "people", name, CO_MENTIONED_COUNT),
        }
        route = partial(named.route, name)
        yield from listing(library, route, articles, named.template, config.page_size, context, group, by_year)
        yield feed(library, named.feed(name), f"{config.title}: {name}", named.route(name), articles, config, group)


def period_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    children: dict[Period, list[Period]] = defaultdict(list)  # months of each year, days of each month
    for period in library.by_period:  # in time order
        if period.parent is not None:
            children[period.parent].append(period)
    for period, articles in library.by_period.items():
        group = Group(GroupKind.PERIOD, routes.period(period))
        if not _wanted(group, only):
            continue
        previous, following = library.period_neighbours[period]
        context = {
            "period": period,
            "previous_period": previous,
            "next_period": following,
            "children": [(child, len(library.by_period[child])) for child in children[period]],
            "weeks": month_weeks(library, period) if period.kind == "month" else None,
        }
        route = partial(routes.period, period)
        runs = by_day if period.kind == "month" else None
        yield from listing(library, route, articles, "period.html", config.page_size, context, group, runs)


def calendar_day_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    """On this day: for each day of the year, its articles of every year, and the index of the days."""
    if _wanted(Group(GroupKind.CALENDAR), only):  # made even when empty: the site's menu links to it
        months: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for (month, day), articles in library.by_calendar_day.items():
            months[month].append((day, len(articles)))
        context = {"months": sorted(months.items())}
        yield Page(routes.on_this_day(), "on_this_day_index.html", context, PageKind.INDEX, Group(GroupKind.CALENDAR))
    for (month, day), articles in library.by_calendar_day.items():
        group = Group(GroupKind.CALENDAR_DAY, f"{month:02d}-{day:02d}")
        if _wanted(group, only):
            context = {"month": month, "day": day, "years": sorted({article.day.year for article in articles})}
            route = partial(routes.calendar_day, month, day)
            yield from listing(library, route, articles, "on_this_day.html", config.page_size, context, group, by_year)


def site_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    site_feed = Group(GroupKind.SITE_FEED)
    if _wanted(site_feed, only):
        yield feed(library, routes.feed(), config.title, routes.home(), library.articles, config, site_feed)
    if not _wanted(SITE_GROUP, only):
        return
    yield Page(routes.archive(), "archive.html", {"years": year_rows(library)}, PageKind.INDEX)
    if config.search:
        year_numbers = [period.year for period in library.periods("year")]
        yield Page(routes.search(), "search.html", {"shards": routes.search_bundles(), "years": year_numbers})
    yield Page("404.html", "404.html", {})
    yield Page("robots.txt", "robots.txt", {})
    yield Page(HEADERS_FILE, "_headers.txt", {"rules": header_rules(config.base_path, routes.assets, config.search)})


def sitemap_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    """The sitemap index and the sitemaps (see sitemaps.py). A year's sitemaps are made with its listing pages,
    in the group that shows its articles, so a rebuild makes again only those of the years an edit touched."""
    parts: list[Part] = []
    index = _wanted(SITE_GROUP, only)  # which alone needs every year's parts
    for period in library.periods("year"):
        group = Group(GroupKind.PERIOD, routes.period(period))
        if not (index or _wanted(group, only)):
            continue
        for part, articles in article_parts(period.year, library.by_period[period], routes, config.base_url):
            parts.append(part)
            if _wanted(group, only):
                context = {"listings": (), "articles": articles}
                yield Page(part.route, "sitemap.xml", context, PageKind.SITE, group, positions(library, articles))
    if index:
        for part, listings in listing_parts(library, routes, config.base_url):
            parts.append(part)
            yield Page(part.route, "sitemap.xml", {"listings": listings, "articles": ()})
        yield Page(SITEMAP_INDEX, "sitemap_index.xml", {"parts": sorted(parts, key=lambda part: part.route)})


def redirect_pages(library: Library, routes: Routes, plan: RedirectPlan, only: Groups = None) -> Iterator[Page]:
    """A page at each old address, made with its article's pages, and the list of them all for hosts that
    read one (see redirects.py)."""
    for redirect in plan.redirects:
        article = redirect.article
        group = Group(GroupKind.ARTICLE, article.file)
        if _wanted(group, only):
            context = {"article": article, "target": routes.article(article)}
            shows = (library.position[article],)
            yield Page(redirect.old, "redirect.html", context, PageKind.REDIRECT, group, shows)
    if plan.redirects and _wanted(SITE_GROUP, only):
        pairs = [(redirect.old, routes.article(redirect.article)) for redirect in plan.redirects]
        yield Page(REDIRECTS_FILE, "_redirects.txt", {"redirects": pairs})
