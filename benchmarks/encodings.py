"""Which detector decodes non-UTF-8 news text right (#16).

Each case is a text written here (or the one Windows-1252 file of the BBC set,
when ../shared is present) encoded one way; a detector is right when the text
it decodes is the original, character for character. Compared: whosaid's
`decode_bytes` (BOM, UTF-8, then chardet), charset-normalizer's `best()`,
charset-normalizer limited to Western encodings, chardet's `detect()` alone
and a plain "UTF-8, else Windows-1252" rule. Two binary inputs must be
refused (None).

    .venv/bin/python benchmarks/encodings.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC_CP1252 = ROOT.parent / "shared" / "data" / "bbc" / "sport" / "199.txt"

NEWS = (
    "\u201cWe won\u2019t back down,\u201d said the minister \u2013 who earns "
    "\u00a3300,000 a year \u2013 on Monday. Caf\u00e9 owners said the plan "
    "was na\u00efve.\n"
)
LATIN = (
    'The m\u00e9nage of the caf\u00e9 paid \u00a3300. "We will see," said '
    "J\u00fcrgen M\u00fcller, the ma\u00eetre d'.\n"
)
SHORT = "He paid \u00a3300 for it.\n"

Cases = list[tuple[str, bytes, str | None]]  # None: binary, must be refused


def _cases() -> Cases:
    cases: Cases = []
    for name, text in (("news", NEWS), ("latin", LATIN), ("short", SHORT)):
        for repeat in (1, 5):
            body = text * repeat
            for encoding in ("cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8"):
                try:
                    data = body.encode(encoding)
                except UnicodeEncodeError:
                    continue  # curly quotes are not in Latin-1
                cases.append((f"{name}x{repeat} {encoding}", data, body))
    noise = bytes((n * 7919 + 13) % 256 for n in range(4000))
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise[:500]
    cases += [("binary noise", noise, None), ("binary PNG", png, None)]
    if BBC_CP1252.is_file():
        data = BBC_CP1252.read_bytes()
        cases.append(("BBC sport/199 (cp1252)", data, data.decode("cp1252")))
    return cases


def _whosaid(data: bytes) -> str | None:
    from whosaid.read.decode import decode_bytes

    decoded = decode_bytes(data, "case")
    return None if not isinstance(decoded, tuple) else decoded[0]


def _charset_normalizer(data: bytes) -> str | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def _charset_normalizer_western(data: bytes) -> str | None:
    import charset_normalizer

    western = ["utf_8", "cp1252", "iso8859_15", "cp1250", "mac_roman", "utf_16"]
    best = charset_normalizer.from_bytes(data, cp_isolation=western).best()
    return None if best is None else str(best)


def _chardet(data: bytes) -> str | None:
    import chardet

    encoding = chardet.detect(data)["encoding"]
    return None if encoding is None else data.decode(encoding, errors="replace")


def _cp1252_fallback(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def main() -> None:
    """Print, per detector, how many cases it decodes right and which it misses."""
    detectors: dict[str, Callable[[bytes], str | None]] = {
        "whosaid decode_bytes": _whosaid,
        "charset-normalizer best()": _charset_normalizer,
        "charset-normalizer western": _charset_normalizer_western,
        "UTF-8 else cp1252": _cp1252_fallback,
        "chardet detect()": _chardet,
    }
    cases = _cases()
    print(f"{len(cases)} cases")
    for name, detect in detectors.items():
        started = time.perf_counter()
        wrong = [label for label, data, text in cases if detect(data) != text]
        seconds = time.perf_counter() - started
        print(
            f"{name:28} {len(cases) - len(wrong):3}/{len(cases)} right "
            f"in {seconds * 1000:.0f} ms; wrong: {', '.join(wrong) or '-'}"
        )


if __name__ == "__main__":
    main()
