"""Structured data about an article for search engines and link previews: schema.org NewsArticle as JSON-LD."""

from __future__ import annotations

from typing import Any

from sitegen.config import Config
from sitegen.content.model import Article

WORDS_PER_MINUTE = 230  # an adult reader's pace for news prose


def reading_minutes(article: Article) -> int:
    return max(1, round(article.word_count / WORDS_PER_MINUTE))


def news_article(article: Article, url: str, config: Config, image: str | None = None) -> dict[str, Any]:
    """The JSON-LD object; the template serialises it with tojson, which escapes </script> and the like."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": (article.updated or article.date).isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": article.language or config.language,
        "publisher": {"@type": "Organization", "name": config.title, "url": config.base_url},
        "wordCount": article.word_count,
    }
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.category:
        data["articleSection"] = article.category
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.people:
        data["about"] = [{"@type": "Person", "name": name} for name in article.people]
    if image:
        data["image"] = [image]
    return data
