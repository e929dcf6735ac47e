import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sitegen.content.library import RELATED_WINDOW, Library
from sitegen.content.model import Article, Period, Registry

START = datetime(2024, 12, 30, 9, 0, tzinfo=ZoneInfo("UTC"))


def article(number: int, days: int = 0, tags: tuple[str, ...] = (), people: tuple[str, ...] = ()) -> Article:
    return Article(
        file=f"articles/{number}.md", title=f"Article {number}", date=START + timedelta(days=days),
        authors=(), category=None, tags=tags, people=people, summary="", slug=f"a{number}", body="",
    )  # fmt: skip


def test_articles_are_newest_first_and_indexed_by_tag_person_and_period() -> None:
    a, b, c = article(1, 0, ("Kremlin",), ("Putin",)), article(2, 3, ("Kremlin",)), article(3, 1, (), ("Putin",))
    library = Library.of([a, b, c], Registry())
    assert library.articles == (b, c, a)
    assert library.by_tag == {"Kremlin": (b, a)}
    assert library.by_person == {"Putin": (c, a)}
    assert library.by_period[Period(2024)] == (c, a)
    assert library.by_period[Period(2025, 1, 2)] == (b,)
    assert library.periods("year") == [Period(2024), Period(2025)]
    assert library.periods("day", within=Period(2024, 12)) == [Period(2024, 12, 30), Period(2024, 12, 31)]


def test_articles_of_different_offsets_are_ordered_by_their_instant_then_by_file() -> None:
    moscow, utc = timezone(timedelta(hours=3)), UTC
    earlier = dataclasses.replace(article(1), date=datetime(2024, 5, 1, 10, 0, tzinfo=moscow))  # 07:00 UTC
    later = dataclasses.replace(article(2), date=datetime(2024, 5, 1, 8, 30, tzinfo=utc))
    same_instant = dataclasses.replace(article(3), date=datetime(2024, 5, 1, 7, 0, tzinfo=utc))
    library = Library.of([later, earlier, same_instant], Registry())
    assert library.articles == (later, same_instant, earlier)  # newest first; at one instant, by file
    assert library.chronological() == (earlier, same_instant, later)


def test_neighbours_in_time_and_of_periods() -> None:
    a, b, c = article(1, 0), article(2, 1), article(3, 40)
    library = Library.of([a, b, c], Registry())
    assert library.neighbours(b) == (a, c)
    assert library.neighbours(a) == (None, b)
    assert library.period_neighbours[Period(2024, 12)] == (None, Period(2025, 2))
    assert library.period_neighbours[Period(2025)] == (Period(2024), None)


def test_related_prefers_shared_people_then_nearness_in_time() -> None:
    subject = article(0, 10, ("Kremlin", "Russia"), ("Peskov",))
    shares_person = article(1, 0, (), ("Peskov",))
    shares_one_tag_near = article(2, 11, ("Kremlin",))
    shares_one_tag_far = article(3, 30, ("Russia",))
    unrelated = article(4, 10, ("Sport",))
    library = Library.of([subject, shares_person, shares_one_tag_near, shares_one_tag_far, unrelated], Registry())
    assert library.related(subject, 5) == [shares_person, shares_one_tag_near, shares_one_tag_far]
    assert library.related(subject, 1) == [shares_person]


def test_related_looks_only_at_the_nearest_articles_of_a_huge_tag() -> None:
    members = [article(number, number, ("Big",)) for number in range(RELATED_WINDOW * 3)]
    library = Library.of(members, Registry())
    middle = members[len(members) // 2]
    related = library.related(middle, 4)
    assert {abs(other.date - middle.date).days for other in related} == {1, 2}


def test_co_mentioned_counts_the_other_people() -> None:
    a = article(1, 0, people=("Putin", "Peskov"))
    b = article(2, 1, people=("Putin", "Peskov", "Zelensky"))
    library = Library.of([a, b], Registry())
    assert library.co_occurring(library.by_person["Putin"], "people", "Putin", 5) == [("Peskov", 2), ("Zelensky", 1)]
