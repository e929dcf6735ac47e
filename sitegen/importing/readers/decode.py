"""Raw bytes to text: the encodings real archives come in, and a clear refusal of what is not text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from sitegen.importing.readers.draft import ReadError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_SNIFF = 8192
# Spaces that look like a space but are not one, and characters that take no space at all.
_ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def decode(data: bytes) -> str:
    """The file's text with Unix line endings; ReadError if it is empty, binary or in no encoding we can tell."""
    if not data.strip():
        raise ReadError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _unix_lines(data.decode(encoding).removeprefix("\ufeff"))
    if b"\0" in data[:_SNIFF]:
        raise ReadError("the file is binary, not text")
    try:
        return _unix_lines(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        best = from_bytes(data).best()
        if best is None:
            raise ReadError(
                f"the file is not text in any encoding sitegen can recognise (byte {error.start} is not UTF-8)"
            ) from error
        return _unix_lines(str(best))


def _unix_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_spaces(line: str) -> str:
    """One line with odd spaces made plain, invisible characters dropped and runs of spaces made one."""
    line = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", line))
    return " ".join(line.split())
