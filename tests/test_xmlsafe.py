"""Untrusted XML: billion laughs and external entities are refused without reading or fetching anything."""
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from mtqa.io import InputError
from mtqa.io.xmlsafe import parse_xml, xml_safe_text

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>&lol9;</source></trans-unit></body></file></xliff>
"""


def test_billion_laughs_is_refused_at_the_first_declaration(tmp_path):
    p = tmp_path / "lol.xlf"
    p.write_bytes(LAUGHS)
    t = time.perf_counter()
    with pytest.raises(InputError) as err:
        parse_xml(p)
    assert time.perf_counter() - t < 5  # refused, not expanded (10^9 "lol"s would take minutes and gigabytes)
    e = err.value
    assert e.path == str(p) and e.line == 3 and "declares entities" in str(e)


def test_billion_laughs_in_an_attribute_is_refused():
    data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x y="&b;&b;"/>'
    with pytest.raises(InputError, match="declares entities"):
        parse_xml(data, path_for_errors="attr.xml")


class Listener:
    """A local TCP server that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        time.sleep(0.3)  # let a late connection arrive before counting
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    try:
        srv = Listener()
    except OSError as exc:  # e.g. `unshare -n` with loopback down: no connection could be made anyway
        pytest.skip(f"no loopback socket here ({exc}); the refusal itself is tested without one")
    yield srv
    srv.close()


def _http_cases(port):
    url = f"http://127.0.0.1:{port}"
    return {
        "external entity": f'<!DOCTYPE x [<!ENTITY e SYSTEM "{url}/e">]><x>&e;</x>',
        "parameter entity": f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{url}/p"> %p;]><x/>',
        "public entity": f'<!DOCTYPE x [<!ENTITY e PUBLIC "-//x" "{url}/e">]><x>&e;</x>',
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
def test_http_entities_are_refused_without_a_connection(listener, encoding):
    """UTF-32 hides "<!ENTITY" from the byte scan: then lxml itself must parse without fetching."""
    for name, doc in _http_cases(listener.port).items():
        with pytest.raises(InputError, match="declares entities"):
            parse_xml(doc.encode(encoding), path_for_errors=name)
    listener.close()
    assert listener.connections == 0


def test_external_dtd_is_allowed_but_never_fetched(listener):
    """Real TMX files say <!DOCTYPE tmx SYSTEM "tmx14.dtd">: parsed, the DTD neither loaded nor fetched."""
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://127.0.0.1:{listener.port}/tmx14.dtd">\n' \
          '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>Hi</seg></tuv></tu></body></tmx>'
    tree = parse_xml(doc.encode(), path_for_errors="t.tmx")
    assert tree.getroot().tag == "tmx" and tree.findtext(".//seg") == "Hi"
    listener.close()
    assert listener.connections == 0


def test_http_entities_are_refused_even_without_a_network():
    for name, doc in _http_cases(9).items():
        with pytest.raises(InputError, match="declares entities"):
            parse_xml(doc.encode(), path_for_errors=name)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
@pytest.mark.parametrize("template", [
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file://{path}">]><x>&e;</x>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "{path}">]><x>&e;</x>',
    '<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{path}"> %p;]><x/>',
    '<!DOCTYPE x SYSTEM "file://{path}"><x/>',
    '<?xml version="1.0"?><!DOCTYPE x PUBLIC "-//A//B" "{path}"><x/>',
])
def test_file_references_are_never_opened(tmp_path, template, encoding):
    """The reference points at a FIFO with no writer: opening it would block, so a parse that returns
    promptly (in a child process, with a timeout) proves that nothing tried to read it."""
    fifo = tmp_path / "secret"
    os.mkfifo(fifo)
    doc = tmp_path / "doc.xml"
    doc.write_bytes(template.format(path=fifo).encode(encoding))
    code = ("import sys\nfrom mtqa.io import InputError\nfrom mtqa.io.xmlsafe import parse_xml\n"
            "try:\n    parse_xml(sys.argv[1])\n    print('parsed')\nexcept InputError as e:\n    print('refused', e)\n")
    try:
        out = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, timeout=30,
                             cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("the parser opened the file the document points at")
    assert out.returncode == 0, out.stderr
    if "ENTITY" in template:
        assert out.stdout.startswith("refused") and "declares entities" in out.stdout
    else:  # a bare external DTD: allowed, not loaded
        assert out.stdout.startswith("parsed")


@pytest.mark.parametrize("data,line,column,needle", [
    (b'<?xml version="1.0"?>\n<xliff>\n  <file>\n  </xliff>\n', 4, 11, "Opening and ending tag mismatch"),
    (b"<x>\n<y attr=nope/>\n</x>", 2, 9, "AttValue"),
    (b"<x>&nbsp;</x>", 1, 10, "Entity 'nbsp' not defined"),
    (b"<x></x><y/>", 1, 8, "Extra content at the end of the document"),
    (b"<a>" * 5000 + b"</a>" * 5000, 1, None, "depth"),
])
def test_malformed_xml_names_line_and_column(data, line, column, needle):
    with pytest.raises(InputError) as err:
        parse_xml(data, path_for_errors="bad.xlf")
    e = err.value
    assert e.path == "bad.xlf" and e.line == line and needle in str(e) and "malformed XML" in str(e)
    if column is not None:
        assert e.column == column


def test_empty_and_missing_files(tmp_path):
    p = tmp_path / "empty.xlf"
    p.write_bytes(b"  \n")
    with pytest.raises(InputError, match="empty"):
        parse_xml(p)
    with pytest.raises(InputError, match="no such file"):
        parse_xml(tmp_path / "nope.xlf")


def test_legacy_encoded_xml_and_comments_survive():
    data = '<?xml version="1.0" encoding="GB2312"?>\n<x><!-- 注释 --><![CDATA[a<b]]>中文</x>'.encode("gb2312")
    tree = parse_xml(data, path_for_errors="gb.xml")
    root = tree.getroot()
    assert "".join(root.itertext()) == " 注释 a<b中文" or "中文" in "".join(root.itertext())
    assert tree.docinfo.encoding.upper() == "GB2312"


def test_xml_safe_text_keeps_offsets():
    s = "a\x00b\x1bc\ud800d\tok\n"
    out = xml_safe_text(s)
    assert len(out) == len(s) and out == "a\ufffdb\ufffdc\ufffdd\tok\n"
