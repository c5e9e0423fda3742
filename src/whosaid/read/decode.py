"""Bytes to article text: encodings, size limits, and the rule for empty texts.

Every reader of plain text (.txt, .jsonl lines, stdin) decodes here, so one
rule holds for all of them (#16):

1. A byte-order mark names the encoding (UTF-8, UTF-16, UTF-32).
2. Otherwise the bytes are read as UTF-8.
3. Bytes that are not UTF-8 (or hold NUL bytes) go to chardet 7, which
   names the encoding or says the bytes are binary. ISO-8859-1 is read as
   Windows-1252, as browsers do (WHATWG): the same characters, plus curly
   quotes and dashes in 0x80-0x9F instead of control codes. When chardet is
   unsure (confidence under `MIN_CONFIDENCE`: a few non-ASCII bytes in a
   short text, where it guesses Greek cp737 for "He paid £300."), Windows-1252
   is used if it decodes: the legacy encoding of English news.
4. `encoding=` (the `--encoding` flag, setting `encoding`) skips all of that.

chardet was chosen by `benchmarks/encodings.py` (#16): on 29 cases (news
text in cp1252, Latin-1, UTF-16 with and without a BOM, short and long, and
the BBC set's one Windows-1252 file) it decodes 29 right; charset-normalizer
decodes 24 (it reads the BBC file as Shift-JIS: "£15.8m" becomes "｣15.8m"),
and 18 when limited to Western encodings.

Only bytes no encoding decodes (binary data) are an error. The encoding used is kept
with the article (`Article.encoding`), and every offset points into the text
decoded here, which is the text the index stores.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from whosaid import settings
from whosaid.errors import WhosaidError
from whosaid.model import Article, Failure

# What browsers read when a page says ISO-8859-1 or ASCII (WHATWG Encoding).
_AS_CP1252 = ("latin_1", "iso8859-1", "ascii")
_WIDE = ("utf-16", "utf-32")
# Below this, chardet has seen too few telling bytes to be trusted (#16):
# "He paid £300." scores 0.05, the BBC's cp1252 file 0.70, a Greek sentence 0.2.
MIN_CONFIDENCE = 0.1
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
EMPTY = "empty text (nothing but white space)"


def check_encoding(name: str | None) -> str | None:
    """Return a codec name Python knows, or None for "detect"; refuse others.

    Raises:
        WhosaidError: If `name` is not an encoding Python can decode.
    """
    if name is None or name.strip().lower() in ("", "auto"):
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError as err:
        raise WhosaidError(
            f"--encoding must be an encoding Python knows (utf-8, cp1252, latin-1, "
            f"utf-16, ...) or auto; got {name!r}"
        ) from err


def decode_bytes(
    data: bytes, source: str, encoding: str | None = None
) -> tuple[str, str] | Failure:
    """Decode `data` as the module docstring says; return (text, encoding used).

    Args:
        data: The raw bytes of one text.
        source: Names the input in a failure.
        encoding: Decode with this codec only (no detection).
    """
    if encoding is not None:
        return _decode_as(data, encoding, source, f"not {encoding} text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(
                data, name, source, f"a {name} byte-order mark, but not {name}"
            )
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    return _detect(data, source)


def _detect(data: bytes, source: str) -> tuple[str, str] | Failure:
    import chardet

    guess = chardet.detect(data)
    found = guess["encoding"]
    name = codecs.lookup(found).name if found else None
    if name is None or (b"\x00" in data and not _is_wide_text(data, name)):
        return Failure(
            source,
            "binary data, not text in any encoding (name one with --encoding if "
            "it is text)",
            kind="binary",
        )
    unsure = (guess["confidence"] or 0.0) < MIN_CONFIDENCE
    if (name in _AS_CP1252 or unsure) and _decodes(data, "cp1252"):
        name = "cp1252"
    return _decode_as(data, name, source, f"not UTF-8, and not {name} either")


def _decode_as(
    data: bytes, encoding: str, source: str, why: str
) -> tuple[str, str] | Failure:
    """Decode with `encoding`, or fail saying `why` and where the bad byte is."""
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as err:
        return Failure(
            source, f"{why} (bad byte at offset {err.start})", kind="encoding"
        )


def _is_wide_text(data: bytes, name: str) -> bool:
    """Say whether NUL-holding bytes are UTF-16/32 text and not binary.

    Without a byte-order mark chardet also calls short binary UTF-16; English
    text in UTF-16 is mostly ASCII characters, binary read as UTF-16 is not.
    """
    if not name.startswith(_WIDE):
        return False
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return False
    ascii_chars = sum(
        1 for char in text if char.isascii() and (char.isprintable() or char.isspace())
    )
    return ascii_chars >= len(text) / 2


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def read_bytes(path: Path, source: str | None = None) -> bytes | Failure:
    """Read a whole file, refusing one over the size limit before reading it."""
    source = source or str(path)
    limit = int(settings.get("max_file_bytes"))
    try:
        size = path.stat().st_size
        if size > limit:
            return Failure(
                source,
                f"file is {size / 1e6:.1f} MB; the limit is "
                f"{limit / 1e6:.1f} MB (setting max_file_bytes)",
                kind="too-large",
            )
        return path.read_bytes()
    except OSError as err:
        return Failure(source, f"cannot read: {err.strerror or err}", kind="unreadable")


def check_article(article: Article) -> Article | Failure:
    """Refuse an empty article or one over the length limit.

    An empty or white-space-only text is refused the same way from every
    reader: a `.txt` file, a JSONL `text`, a Parquet row, stdin (#16).
    """
    source = article.source or article.id
    if not article.text.strip():
        return Failure(source, EMPTY, kind="empty")
    limit = int(settings.get("max_article_chars"))
    if len(article.text) > limit:
        return Failure(
            source,
            f"article is {len(article.text):,} characters; the limit is {limit:,} "
            "(setting max_article_chars)",
            kind="too-large",
        )
    return article
