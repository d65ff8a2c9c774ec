"""placeholders: variables, tags, URLs and e-mails kept intact and in balance (case 008 and variations)."""
import pytest

from detectors.helpers import found
from mtqa.detectors.placeholders import find_placeholders

MARK, OMI, ADD = "Design/Markup", "Accuracy/Omission", "Accuracy/Addition"


@pytest.mark.parametrize("source,target,expected", [
    ("%s files copied", "% s archivos copiados", [("target", "% s", MARK, "critical")]),
    ("%1$s of %2$d", "%2$d de %1$s", []),                                    # reordering is allowed
    ("Disk is %d%% full", "Le disque est plein à %d%%", []),                  # %% is a literal
    ("Disk is 50% full", "Le disque est plein à 50 %", []),                   # a percent sign, not printf
    ("Hello, {name}!", "Hola, {nombre}!", [("target", "{nombre}", MARK, "critical")]),
    ("Hello, {name}!", "Hola, ｛name｝!", [("target", "｛name｝", MARK, "critical")]),
    ("{0} of {1}", "{0} de", [("source", "{1}", OMI, "critical")]),
    ("Total: {0}", "Total: {0} {1}", [("target", "{1}", ADD, "critical")]),
    ("Welcome {{ user }}", "Bienvenue {{user}}", []),
    ("Click <b>Save</b> now.", "Klicken Sie jetzt auf <b>Speichern</b>.", []),
    ("Click <b>Save</b> now.", "Klicken Sie jetzt auf <b>Speichern.", [("source", "</b>", OMI, "major")]),
    ("Click <b>Save</b> now.", "Klicken Sie auf < b >Speichern</b>.", [("target", "< b >", MARK, "major")]),
    ('Press <x id="1"/> then <g id="2">OK</g>', '按 <x id="1"/> 然后 <g id="2">确定</g>', []),
    ("See https://example.org/help or mail help@example.org",
     "Voir https://example.org/aide ou help@example.org", [("target", "https://example.org/aide", MARK, "major")]),
    ("请访问https://example.org/help获取更多信息。", "Please visit https://example.org/help for more.", []),
    ("Run `make test` first", "Führen Sie zuerst make test aus", [("source", "`make test`", OMI, "major")]),
])
def test_placeholders(source, target, expected):
    assert found("placeholders", target, source, "en", "de") == expected


def test_find_placeholders_kinds():
    kinds = [(p.kind, p.text) for p in find_placeholders("%(n)s at {0}, <br/>, www.example.org, a@b.co, %%")]
    assert kinds == [("printf", "%(n)s"), ("brace", "{0}"), ("tag", "<br/>"), ("url", "www.example.org"),
                     ("email", "a@b.co")]
