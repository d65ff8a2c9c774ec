"""Encodings: BOMs, UTF-8, the --encoding override, legacy guesses that are right or refused, never mojibake."""
import json

import pytest
from click.testing import CliRunner

from mtqa.cli import main
from mtqa.io import InputError, open_input, read_text, sniff_encoding
from mtqa.io.decode import chinese_coherence, decode_bytes, plausibility

# Hand-written sentences (not from any corpus).
ZH = ["会议将于下午三点开始。", "今天天气很好，我们去公园散步吧。", "罗山县位于河南省南部。", "他说：“我们明天见。”",
      "这个方案行不通，我们需要重新考虑。\n政府宣布了新的经济政策，旨在促进就业。"]
ZHT = ["會議將於下午三點開始。", "今天天氣很好，我們去公園散步吧。", "臺灣的夜市非常熱鬧。",
       "這個方案行不通，我們需要重新考慮。\n政府宣佈了新的經濟政策，旨在促進就業。"]
FR = ["Le café est fermé.", "Où est la bibliothèque ? Elle est à côté de l'église.", "Élève",
      "L'été dernier, nous sommes allés à la mer. C'était très agréable.", "Le garçon a mangé une pêche.",
      "«Bonjour», dit-il.", "Müßiggang ist aller Laster Anfang."]


def _write(tmp_path, data: bytes, name="doc.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("bom_encoding,name", [("utf-8-sig", "utf-8"), ("utf-16", None), ("utf-32", None)])
def test_byte_order_marks(tmp_path, bom_encoding, name):
    text = "Bonjour, le café.\n会议将于下午三点开始。\n"
    p = _write(tmp_path, text.encode(bom_encoding))
    enc = sniff_encoding(p)
    assert enc.how == "bom" and (name is None or enc.name == name)
    assert read_text(p) == text  # the BOM is not part of the text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_explicit_bom(tmp_path, codec):
    text = "Hello 世界.\r\nSecond line."
    p = _write(tmp_path, "\ufeff".encode(codec) + text.encode(codec))
    enc = sniff_encoding(p)
    assert (enc.name, enc.how, enc.lines) == (codec, "bom", 2)
    assert read_text(p) == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_refused_not_read_as_utf8(tmp_path, codec):
    p = _write(tmp_path, "Plain English text in UTF-16, no byte-order mark.".encode(codec))
    with pytest.raises(InputError) as err:
        sniff_encoding(p)
    assert "UTF-16" in str(err.value) and f"--encoding {codec}" in str(err.value) and str(p) in str(err.value)
    assert read_text(p, codec).startswith("Plain English")  # and the override works


@pytest.mark.parametrize("text", ZH)
@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_simplified_chinese_legacy_is_detected(tmp_path, text, codec):
    p = _write(tmp_path, text.encode(codec))
    enc = sniff_encoding(p)
    assert (enc.name, enc.how) == ("gb18030", "detected")
    assert read_text(p) == text


@pytest.mark.parametrize("text", ZHT)
@pytest.mark.parametrize("codec", ["big5", "cp950"])
def test_traditional_chinese_big5_is_detected(tmp_path, text, codec):
    p = _write(tmp_path, text.encode(codec))
    enc = sniff_encoding(p)
    assert enc.name in ("big5", "cp950") and enc.how == "detected"
    assert read_text(p) == text


@pytest.mark.parametrize("text", FR)
def test_latin1_french_and_german_are_detected(tmp_path, text):
    p = _write(tmp_path, text.encode("latin-1"))
    enc = sniff_encoding(p)
    assert (enc.name, enc.how) == ("latin-1", "detected")
    assert read_text(p) == text


def test_cp1252_only_characters_pick_cp1252(tmp_path):
    text = "Ça coûte 5 €, s’il vous plaît… «oui»."
    p = _write(tmp_path, text.encode("cp1252"))
    assert sniff_encoding(p).name == "cp1252"
    assert read_text(p) == text


@pytest.mark.parametrize("codec,text", [
    ("euc_jp", "今日はいい天気ですね。東京に行きましょう。"),
    ("shift_jis", "今日はいい天気ですね。東京に行きましょう。"),
    ("euc_kr", "안녕하세요. 오늘 날씨가 좋네요."),
    ("cp1251", "Привет, как дела? Сегодня хорошая погода."),
    ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy."),
])
def test_unsupported_legacy_encodings_are_refused_not_misread(tmp_path, codec, text):
    """A wrong guess must not pass as success: EUC-JP decodes as Big5 into frequent characters, but no words."""
    p = _write(tmp_path, text.encode(codec))
    with pytest.raises(InputError) as err:
        sniff_encoding(p)
    msg = str(err.value)
    assert str(p) in msg and "--encoding" in msg and "byte offset" in msg
    assert read_text(p, codec) == text  # naming the encoding reads it


def test_two_characters_are_told_by_words_one_is_refused(tmp_path):
    """謝謝 in Big5 reads as two frequent GBK characters too (谅谅), but only Big5 makes a word of them;
    a single character that is frequent either way cannot be told, so mtqa asks."""
    p = _write(tmp_path, "謝謝".encode("big5"))
    assert read_text(p) == "謝謝"
    p = _write(tmp_path, "你".encode("gbk"))
    with pytest.raises(InputError, match="cannot be told with confidence"):
        sniff_encoding(p)


def test_undecodable_byte_names_file_offset_and_line(tmp_path):
    data = "line one\nline two\nbad here: ".encode() + b"\xff\xfe" + b" end\n"
    p = _write(tmp_path, data)
    with pytest.raises(InputError) as err:
        sniff_encoding(p, "utf-8")
    e = err.value
    assert e.path == str(p) and e.line == 3
    bad = data.index(b"\xff")
    assert f"byte offset {bad}" in str(e) and "0xff" in str(e)


def test_undecodable_offset_is_absolute_across_chunks(tmp_path, monkeypatch):
    import mtqa.io.decode as decode
    monkeypatch.setattr(decode, "CHUNK", 7)  # the bad byte falls in a later chunk, after a split sequence
    data = "ab\n中文\nxyz ".encode() + b"\xc3(" + b"\n"
    p = _write(tmp_path, data)
    with pytest.raises(InputError) as err:
        sniff_encoding(p, "utf-8")
    bad = data.index(b"\xc3(")
    assert f"byte offset {bad}" in str(err.value) and err.value.line == 3


def test_wrong_explicit_encoding_is_an_error_not_mojibake(tmp_path):
    p = _write(tmp_path, "会议将于下午三点开始。".encode("utf-8"))
    with pytest.raises(InputError, match="as gbk"):
        sniff_encoding(p, "gbk")


def test_unknown_encoding_name(tmp_path):
    p = _write(tmp_path, b"hello")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        sniff_encoding(p, "klingon")


def test_plausibility_and_coherence_separate_right_from_wrong():
    right = "这个方案行不通，我们需要重新考虑。"
    wrong = right.encode("gbk").decode("big5", errors="replace")
    assert plausibility(right) == 1.0 and plausibility(wrong) < 0.5
    assert chinese_coherence(right) > 0.5
    assert chinese_coherence("今日はいい天気ですね。".encode("euc_jp").decode("big5")) < 0.3
    assert plausibility("naïve café") == 1.0 and plausibility("naïve café".encode("utf-8").decode("latin-1")) < 0
    assert plausibility("plain ascii") == 0.0


def test_decode_bytes_keeps_the_old_api():
    assert decode_bytes("Le café".encode("latin-1"), "x.txt") == ("Le café", "latin-1")
    assert decode_bytes(b"\xef\xbb\xbfhi", "x.txt") == ("hi", "utf-8")


def test_report_meta_names_the_encoding(tmp_path):
    src = _write(tmp_path, "会议将于下午三点开始。\n今天天气很好。\n".encode("gb18030"), "src.txt")
    tgt = _write(tmp_path, "The meeting starts at three.\nNice weather today.\n".encode("utf-16"), "tgt.txt")
    res = CliRunner().invoke(main, ["score", str(tgt), "--source", str(src), "--aligned", "--src-lang", "zh",
                                    "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout.splitlines()[0])
    assert meta["encoding"] == "utf-16-le (byte-order mark)"
    assert meta["source_encoding"] == "gb18030 (detected)"
    assert f"mtqa: {src}: not UTF-8; read as gb18030 (detected" in res.stderr  # a guess is said out loud
    segs = [json.loads(x) for x in res.stdout.splitlines() if '"type": "segment"' in x]
    assert segs[0]["source"] == "会议将于下午三点开始。" and segs[1]["target"] == "Nice weather today."


def test_encoding_override_from_the_cli(tmp_path):
    p = _write(tmp_path, "Le garçon a mangé.".encode("latin-1"))
    res = CliRunner().invoke(main, ["score", str(p), "--encoding", "latin-1", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert recs[0]["encoding"] == "latin-1 (--encoding)" and res.stderr == "" and recs[1]["target"] == "Le garçon a mangé."


def test_document_streams_the_same_segments_as_it_counts(tmp_path):
    p = _write(tmp_path, ("Première phrase. Deuxième phrase.\r\n" * 5).encode("latin-1"))
    doc = open_input(p, tgt_lang="fr")
    segs = list(doc)
    assert doc.segments == len(segs) == 10 and doc.encoding.name == "latin-1"
    assert list(doc) == segs  # iterating again reads the file again, identically
