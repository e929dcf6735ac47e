"""Each article's language, and the recogniser that reads it (sitegen/importing/language.py, engines.py)."""

from __future__ import annotations

from sitegen.content.model import Person, Registry
from sitegen.importing.engines import Engines, RulesEngine
from sitegen.importing.extract import ArticleText, Extractor
from sitegen.importing.language import MULTILINGUAL, LanguageDetector, pipeline_for

GERMAN = (
    "Am Dienstag stellte die Reederei im Hafen ihre neue Fähre vor. Als Antrieb kommt ein Elektromotor zum "
    "Einsatz, der in der Werft an der Ostmole eingebaut wurde. Katrin Albers sagte, die Fähre fahre ab Juni."
)
ENGLISH = "The harbour ferry between the old town and the east quay will run again from April, the port said."


def test_the_language_of_article_length_text_is_detected() -> None:
    detector = LanguageDetector("en")
    assert detector.detect(GERMAN) == "de"
    assert detector.detect(ENGLISH) == "en"
    assert detector.detect("小米今天发布了新款手机，公司创始人在发布会上介绍了这款手机的主要功能和售价。") == "zh"


def test_a_text_too_short_to_tell_is_taken_to_be_in_the_sites_language() -> None:
    assert LanguageDetector("fr").detect("Tim Cook") == "fr"
    assert LanguageDetector("en").detect("Die Fähre") == "en"


def test_a_language_is_read_by_its_own_pipeline_else_the_multilingual_one() -> None:
    installed = ("de_core_news_md", "de_core_news_sm", MULTILINGUAL)
    assert pipeline_for("de", installed) == "de_core_news_sm"
    assert pipeline_for("fi", installed) == MULTILINGUAL
    assert pipeline_for("fi", ("de_core_news_sm",)) is None


def test_an_english_recogniser_never_reads_german_text_and_import_says_so() -> None:
    registry = Registry.of([Person("Katrin Albers")], {})
    engines = Engines(RulesEngine(registry), registry, "en", installed=())
    extractor = Extractor(engines, registry, detector=LanguageDetector("en"))
    german = ArticleText("Neue Fähre vorgestellt", GERMAN)
    english = ArticleText("Ferry to resume", ENGLISH + " Harbour master Ade Bello said the boats were ready.")
    found = extractor.extract([german, english])
    assert [extraction.language for extraction in found] == ["de", "en"]
    assert found[0].people == ("Katrin Albers",)  # people.yml's spellings are looked for in any language
    assert "Als Antrieb" not in found[0].people and "Am Dienstag" not in found[0].people
    assert found[1].people == ("Ade Bello",)
    [notice] = engines.notices()
    assert notice.startswith("1 article in German (de): no spaCy pipeline") and "de_core_news_sm" in notice
