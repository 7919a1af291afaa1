"""Bytes → text: detect the encoding, replace what cannot be decoded, and count it.

Order: a BOM decides (UTF-8, UTF-16); valid UTF-8 is UTF-8; text that is mostly UTF-8 with a few bad
bytes is decoded as UTF-8 with replacement; otherwise charset-normalizer chooses among the legacy
single-byte encodings news text comes in (Western, Cyrillic, Arabic, Hebrew). C1 control characters
(U+0080–U+009F), which only ever come from mis-decoded bytes, become U+FFFD too, so every replaced
character is counted.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

__all__ = [
    "Decoded", "decode_bytes", "detect_encoding", "repair_decoded", "normalise_text", "looks_binary", "REPLACEMENT",
]

REPLACEMENT = "\ufffd"
SINGLE_BYTE_CANDIDATES = ["cp1252", "latin_1", "cp1251", "cp1256", "cp1255"]
_SAMPLE_BYTES = 1 << 20
_C1 = re.compile("[\u0080-\u009f]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text with the encoding used and how many characters had to be replaced."""

    text: str
    encoding: str
    replaced: int


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or many control bytes in the first 8 KiB (images, archives, executables)."""
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def detect_encoding(chunks: Iterable[bytes]) -> str:
    """The encoding of a byte stream read in chunks (constant memory: one pass, a 1 MiB sample)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    sample = b""
    valid = high = 0
    utf8_ok = True
    first = True
    for chunk in chunks:
        if first:
            first = False
            if chunk.startswith(codecs.BOM_UTF8):
                return "utf-8-sig"
            if chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16"
        if len(sample) < _SAMPLE_BYTES:
            sample += chunk[: _SAMPLE_BYTES - len(sample)]
        valid += len(_VALID_MULTIBYTE.findall(chunk))
        high += len(_HIGH.findall(chunk))
        if utf8_ok:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    multibyte_bytes = sum(len(m) for m in _VALID_MULTIBYTE.findall(sample)) or valid * 2
    if valid and multibyte_bytes * 2 >= high:  # mostly UTF-8, with a few damaged bytes
        return "utf-8"
    from charset_normalizer import from_bytes

    # a few stray high bytes in ASCII text are damage, not Cyrillic, Arabic or Hebrew text
    western = len(_HIGH.findall(sample)) < 0.1 * max(len(sample), 1)
    candidates = SINGLE_BYTE_CANDIDATES[:2] if western else SINGLE_BYTE_CANDIDATES
    best = from_bytes(sample, cp_isolation=candidates).best()
    return best.encoding if best is not None else "latin_1"


def repair_decoded(text: str) -> tuple[str, int]:
    """Mark C1 control characters (mis-decoded bytes) as replaced; return the text and the replaced count."""
    text = _C1.sub(REPLACEMENT, text)
    return text, text.count(REPLACEMENT)


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes of unknown encoding; never raises, never drops text silently."""
    encoding = detect_encoding([data])
    text, replaced = repair_decoded(data.decode(encoding, errors="replace"))
    return Decoded(text=text, encoding=encoding, replaced=replaced)


def normalise_text(text: str) -> str:
    """Unicode NFC, plain spaces for non-breaking ones, no invisible characters, `\\n` line ends."""
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
