"""Generate a deterministic archive of N news articles in sitegen's canonical format, or as raw scrapes.

    python bench/generate.py 2000 bench/work/corpus-2000
    python bench/generate.py 2000 bench/work/scrapes-2000 --scrapes

Tags and people are drawn from long-tailed (Zipf-like) distributions, so a few appear on thousands of
articles and most on a handful, as in a real archive; dates spread over ten years; lengths vary.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "week",
    "agreement",
    "officials",
    "security",
    "city",
    "council",
    "report",
    "policy",
    "budget",
    "election",
    "parliament",
    "court",
    "energy",
    "market",
    "prices",
    "workers",
    "union",
    "strike",
    "health",
    "hospital",
    "school",
    "river",
    "harbour",
    "storm",
    "police",
    "investigation",
    "company",
    "shares",
    "trade",
    "border",
    "army",
    "ceasefire",
    "talks",
    "delegation",
    "statement",
    "press",
    "conference",
    "spokesperson",
    "president",
    "region",
    "villages",
    "residents",
    "bridge",
    "railway",
    "airport",
    "climate",
    "flooding",
    "drought",
    "harvest",
    "farmers",
    "festival",
    "museum",
    "library",
    "club",
    "season",
    "match",
    "coach",
    "league",
]
FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitry",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Marta",
    "Nikos",
    "Olga",
    "Pavel",
    "Rosa",
    "Sami",
]
LAST = [
    "Okafor",
    "Brennan",
    "Raman",
    "Lindqvist",
    "Petrov",
    "Kovacs",
    "Haddad",
    "Novak",
    "Silva",
    "Tanaka",
    "Moreau",
    "Berg",
    "Costa",
    "Ivanova",
]
PLACES = [
    "Kyiv",
    "Moscow",
    "Istanbul",
    "Riverside",
    "Lisbon",
    "Warsaw",
    "Ankara",
    "Berlin",
    "Vienna",
    "Geneva",
    "Odesa",
    "Kharkiv",
    "Minsk",
    "Riga",
]
TOPICS = [
    "Energy",
    "Elections",
    "Courts",
    "Transport",
    "Health",
    "Education",
    "Flooding",
    "Football",
    "Culture",
    "Economy",
    "Defence",
]
CATEGORIES = ["News", "Local", "Sport", "Business", "Science", "Culture", "Opinion"]
AUTHORS = ["Admin", "Maria Costa", "Sam Whitfield", "News Desk", "Ana Lima"]
START = datetime(2015, 1, 1, tzinfo=timezone(timedelta(hours=3)))


def zipf_pick(rng: random.Random, items: list[str], count: int) -> list[str]:
    """count distinct items, the first items of the list far more often than the last."""
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(items))]
    chosen: list[str] = []
    while len(chosen) < count:
        item = rng.choices(items, weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def sentence(rng: random.Random, names: list[str]) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    if names and rng.random() < 0.4:
        words.insert(rng.randint(0, len(words)), rng.choice(names))
    return " ".join(words).capitalize() + "."


@dataclass(frozen=True)
class Story:
    number: int
    date: datetime
    title: str
    author: str
    category: str
    tags: list[str]
    people: list[str]
    paragraphs: list[str]

    @property
    def slug(self) -> str:
        return f"{'-'.join(self.title.lower().split()[:8])}-{self.number}"


def story(rng: random.Random, number: int, people: list[str], tags: list[str]) -> Story:
    date = START + timedelta(minutes=rng.randint(0, 10 * 365 * 24 * 60))
    its_people = zipf_pick(rng, people, rng.randint(0, 4))
    its_tags = zipf_pick(rng, tags, rng.randint(1, 6))
    title = " ".join(rng.choices(WORDS, k=rng.randint(5, 11))).capitalize()
    paragraphs = [
        " ".join(sentence(rng, its_people) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 9))
    ]
    author, category = rng.choice(AUTHORS), rng.choice(CATEGORIES)
    return Story(number, date, title, author, category, its_tags, its_people, paragraphs)


def canonical(item: Story) -> tuple[Path, str]:
    """The story as an article file in sitegen's canonical format."""
    front = [
        "---",
        f"title: {item.title}",
        f"date: {item.date.isoformat()}",
        f"authors: [{item.author}]",
        f"category: {item.category}",
        "tags: [" + ", ".join(item.tags) + "]",
        "people: [" + ", ".join(item.people) + "]",
        f"slug: {item.slug}",
        "---",
        "",
    ]
    path = Path(f"{item.date.year:04d}/{item.date.month:02d}/{item.slug}.md")
    return path, "\n".join(front) + "\n\n".join(item.paragraphs) + "\n"


def scrape(item: Story) -> tuple[Path, str]:
    """The story as a plain-text scrape in the seed's layout: the byline's date has no year, a weekday is named."""
    weekday = item.date.strftime("%A")
    lines = [
        item.title,
        f"  • {item.author}",
        f"  • {item.date.day} {item.date.strftime('%B')}, {item.date.strftime('%H:%M')}",
        f"  • {item.category}",
        "",
        item.title,
        "",
        f"Officials said on {weekday} that {item.paragraphs[0][0].lower()}{item.paragraphs[0][1:]}",
        *[f"\n{paragraph}" for paragraph in item.paragraphs[1:]],
    ]
    return Path(f"{item.date.year:04d}/{item.slug}.txt"), "\n".join(lines) + "\n"


def stories(count: int, seed: int) -> list[Story]:
    rng = random.Random(seed)
    people = sorted({f"{first} {last}" for first in FIRST for last in LAST})
    rng.shuffle(people)
    tags = PLACES + TOPICS + [f"{word.capitalize()} {topic}" for word in WORDS[:40] for topic in TOPICS[:5]]
    rng.shuffle(tags)
    return [story(rng, number, people, tags) for number in range(count)]


def generate(count: int, out: Path, seed: int = 2025, scrapes: bool = False) -> None:
    """Write the archive into out/content/articles/, or as plain-text scrapes into out/scrapes/ (by year)."""
    folder = out / "scrapes" if scrapes else out / "content" / "articles"
    for item in stories(count, seed):
        path, text = scrape(item) if scrapes else canonical(item)
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    settings = 'title = "Benchmark archive"\ntimezone = "Europe/Moscow"\n'  # the packaged theme
    (out / "sitegen.toml").write_text(settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scrapes", action="store_true", help="write plain-text scrapes to import instead")
    args = parser.parse_args()
    generate(args.count, args.out, args.seed, args.scrapes)


if __name__ == "__main__":
    main()
