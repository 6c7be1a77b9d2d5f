"""Property: no article, however mangled, makes a build fail, and every span is exactly its slice of the text.

A bounded number of examples runs here, with a fixed seed so that CI is repeatable; `python
tests/benchmark.py` runs many more. A sample of them is also checked against the SHACL shapes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from kg.build import build_graph
from kg.rdf.validate import validate_graph
from tests.fuzz import articles, check_build

EXAMPLES = 120
VALIDATED = 6


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_builds_with_exact_spans(rules, text):
    check_build(text, rules)


@settings(max_examples=VALIDATED, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_conforms_to_the_shapes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    if not text.replace("\r", "").strip():
        return
    conforms, report = validate_graph(build_graph([path]))
    assert conforms, report
