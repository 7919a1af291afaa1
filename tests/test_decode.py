from kit.readers.decode import REPLACEMENT, decode_bytes, looks_binary, normalise_text


def test_utf8_is_utf8():
    d = decode_bytes("Aleppo’s old city".encode())
    assert (d.text, d.encoding, d.replaced) == ("Aleppo’s old city", "utf-8", 0)


def test_utf8_bom_is_dropped():
    d = decode_bytes(b"\xef\xbb\xbfHama")
    assert (d.text, d.encoding) == ("Hama", "utf-8-sig")


def test_utf16_with_bom():
    assert decode_bytes("Homs".encode("utf-16")).text == "Homs"


def test_cp1252_curly_quotes_detected():
    d = decode_bytes("the “defensive line” held – Café".encode("cp1252") * 3)
    assert d.encoding == "cp1252" and "“defensive line”" in d.text and d.replaced == 0


def test_mostly_utf8_with_damage_is_replaced_and_counted():
    d = decode_bytes("“quoted” text ".encode() + b"\x95\x81 pause")
    assert d.encoding == "utf-8" and d.replaced == 2 and d.text.count(REPLACEMENT) == 2


def test_single_byte_garbage_becomes_replacement_not_control_characters():
    d = decode_bytes(b"humanitarian \x95\x81pause in the city")
    assert "\x95" not in d.text and "\x81" not in d.text and d.replaced == 2


def test_normalise_spaces_and_line_ends():
    assert normalise_text("a\u00a0b\r\nc\u200bd\u202fe") == "a b\ncd e"


def test_binary_detection():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not looks_binary("plain text, with “quotes”".encode())
    assert not looks_binary("text".encode("utf-16"))
