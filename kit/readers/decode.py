"""Bytes → text: detect the encoding, replace what cannot be decoded, and count it.

Order: a BOM decides (UTF-8, UTF-32, UTF-16 — UTF-32's little-endian BOM begins like UTF-16's, so it is
tried first); valid UTF-8 is UTF-8; text with valid UTF-8 sequences and a few bad bytes is decoded as UTF-8
with replacement (the bad bytes are counted); otherwise charset-normalizer chooses among the legacy
single-byte encodings news text comes in (Western, Cyrillic, Arabic, Hebrew), and the result says that the
encoding was guessed. C1 control characters (U+0080–U+009F) that a single-byte decoding made (bytes that
were never text in that encoding) become U+FFFD too, so every replaced character is counted; in a Unicode file
they are characters the file really holds (an upstream mis-decoding, already in the source) and are kept, so the
text stays a copy of the file and a quotation taken from the file is found in it. NUL and the other C0 control
characters (a tab and line breaks excepted) are removed and counted (`strip_controls`).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

__all__ = [
    "Decoded", "decode_bytes", "detect_encoding", "guess_encoding", "repair_decoded", "normalise_text",
    "strip_controls", "looks_binary", "REPLACEMENT",
]

REPLACEMENT = "\ufffd"
SINGLE_BYTE_CANDIDATES = ["cp1252", "latin_1", "cp1251", "cp1256", "cp1255"]
_SAMPLE_BYTES = 1 << 20
_C1 = re.compile("[\u0080-\u009f]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls but tab, line feed, vertical tab, form feed, CR
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bad bytes tolerated per valid multi-byte UTF-8 sequence before the text is taken for a legacy encoding: in
# single-byte text a valid sequence is a rare accident (a capital "É" before a curly quote), not the rule.
_BAD_PER_VALID = 16


@dataclass(frozen=True)
class Decoded:
    """Decoded text with the encoding used and how many characters had to be replaced."""

    text: str
    encoding: str
    replaced: int
    stripped: int = 0  # control characters (NUL…) removed
    guessed: bool = False  # no BOM and not UTF-8: the encoding is charset-normalizer's best guess


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control bytes in the first 8 KiB (images, archives, executables)."""
    head = data[:8192]
    if not head or head.startswith(_UTF32_BOMS + _UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def detect_encoding(chunks: Iterable[bytes]) -> str:
    """The encoding of a byte stream read in chunks (constant memory: one pass, a 1 MiB sample)."""
    return guess_encoding(chunks)[0]


def guess_encoding(chunks: Iterable[bytes]) -> tuple[str, bool]:
    """(encoding, guessed) of a byte stream read in chunks; `guessed` when neither a BOM nor UTF-8 decided."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    sample = b""
    valid = high = multibyte = 0
    utf8_ok = True
    first = True
    for chunk in chunks:
        if first:
            first = False
            if chunk.startswith(codecs.BOM_UTF8):
                return "utf-8-sig", False
            if chunk.startswith(_UTF32_BOMS):
                return "utf-32", False
            if chunk.startswith(_UTF16_BOMS):
                return "utf-16", False
        if len(sample) < _SAMPLE_BYTES:
            sample += chunk[: _SAMPLE_BYTES - len(sample)]
        found = _VALID_MULTIBYTE.findall(chunk)
        valid += len(found)
        multibyte += sum(len(m) for m in found)
        high += len(_HIGH.findall(chunk))
        if utf8_ok:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
            return "utf-8", False
        except UnicodeDecodeError:
            pass
    bad = high - multibyte
    if valid and (multibyte >= bad or bad <= _BAD_PER_VALID * valid):  # UTF-8 with a few damaged bytes
        return "utf-8", False
    from charset_normalizer import from_bytes

    # a few stray high bytes in ASCII text are damage, not Cyrillic, Arabic or Hebrew text
    western = len(_HIGH.findall(sample)) < 0.1 * max(len(sample), 1)
    candidates = SINGLE_BYTE_CANDIDATES[:2] if western else SINGLE_BYTE_CANDIDATES
    best = from_bytes(sample, cp_isolation=candidates).best()
    return (best.encoding if best is not None else "latin_1"), True


def repair_decoded(text: str, encoding: str = "latin_1") -> tuple[str, int]:
    """Mark C1 control characters as replaced when `encoding` is a single-byte one (there they are bytes the
    guess could not map); return the text and the replaced count. A Unicode encoding keeps them."""
    if not _is_unicode(encoding):
        text = _C1.sub(REPLACEMENT, text)
    return text, text.count(REPLACEMENT)


def _is_unicode(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(("utf-8", "utf-16", "utf-32"))


def strip_controls(text: str) -> tuple[str, int]:
    """Remove NUL and the other C0 control characters (not tab or line breaks); return the text and how many."""
    cleaned = _CONTROLS.sub("", text)
    return cleaned, len(text) - len(cleaned)


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding; never raises, never drops text silently."""
    encoding, guessed = guess_encoding([data])
    text, replaced = repair_decoded(data.decode(encoding, errors="replace"), encoding)
    text, stripped = strip_controls(text)
    return Decoded(text=text, encoding=encoding, replaced=replaced, stripped=stripped, guessed=guessed)


def normalise_text(text: str) -> str:
    """Unicode NFC, plain spaces for non-breaking ones, no invisible characters, `\\n` line ends."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
