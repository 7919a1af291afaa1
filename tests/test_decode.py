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


def test_c1_characters_a_unicode_file_holds_are_kept():
    # Upstream mis-decoding already in the file (U+0095 U+0081 written as UTF-8): the text stays a copy of the
    # file, so a quotation copied from the file is found in it; nothing is counted as replaced.
    source = "the minister said \u0095\u0081the border is closed"
    for encoding in ("utf-8", "utf-16", "utf-8-sig"):
        d = decode_bytes(source.encode(encoding))
        assert d.text == source and d.replaced == 0


def test_c1_characters_in_a_csv_field_follow_the_file_encoding(tmp_path):
    from kit.readers.records import read_csv_file

    path = tmp_path / "a.csv"
    path.write_text("id,text\n1,\"she said \u0095\u0081the road was cut, and the talks ended\"\n", encoding="utf-8")
    (record,) = list(read_csv_file(path))
    assert "\u0095\u0081the road" in record.body and record.replaced_chars == 0


def test_normalise_spaces_and_line_ends():
    assert normalise_text("a\u00a0b\r\nc\u200bd\u202fe") == "a b\ncd e"


def test_binary_detection():
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not looks_binary("plain text, with “quotes”".encode())
    assert not looks_binary("text".encode("utf-16"))
