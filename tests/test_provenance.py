"""provenance.yml: the simple form the docs show is read without PyYAML, to the same mapping PyYAML reads."""

import pytest
import yaml
from actionplans.extract import provenance

SIMPLE = [
    "",
    "# only a comment\n",
    "default: sample\n",
    "default: sample\nfiles:\n  thematic-2020-minority-ethnic-rrp.pdf: rebuilt\n",
    "default: sample # a comment\nfiles: # another\n  a.pdf: rebuilt  # and one more\n\n  'b c': sample\n"
    "  \"d*\": published\n",
    "files:\n  x*.pdf: rebuilt\ndefault: published\n",
    "files:\n",
    "default: sample\nfiles:\n  a b.PDF: rebuilt\n  plan-?.pdf: sample\n",
]
# Forms YAML reads otherwise (numbers, dates, booleans as keys; aliases; flow style; odd indentation; quoting with
# escapes; duplicate keys; values that are no provenance): left to PyYAML, which reads them (or rejects them) as ever.
OTHER = [
    "default: bogus\n",
    "default: sample\nfiles:\n  a.pdf: bogus\n",
    "default: sample\nfiles:\n  2020: rebuilt\n",
    "default: sample\nfiles:\n  yes: rebuilt\n",
    "default: sample\nfiles:\n  2020-01-01: rebuilt\n",
    "default: sample\nfiles:\n  a.pdf: rebuilt\n    b.pdf: sample\n",
    "default: sample\nfiles:\n  a.pdf: rebuilt\n  a.pdf: sample\n",
    "---\ndefault: sample\n",
    "default: 'sample'\n",
    "default: sample\nfiles: {a.pdf: rebuilt}\n",
    "default: sample\nfiles:\n  '*.pdf': rebuilt\n  *.pdf: sample\n",
    "default: sample\nfiles:\n  \"a\\\"b.pdf\": rebuilt\n",
    "default: sample\nfiles:\n  'it''s.pdf': rebuilt\n",
    "default: sample\ndefault: rebuilt\n",
    "other: x\n",
]


@pytest.mark.parametrize("text", SIMPLE)
def test_the_simple_form_is_read_as_yaml_reads_it(text):
    assert provenance._simple(text) == (yaml.safe_load(text) or {})


@pytest.mark.parametrize("text", OTHER)
def test_any_other_form_is_left_to_yaml(text):
    assert provenance._simple(text) is None


def test_a_bad_provenance_is_still_a_bad_manifest(tmp_path):
    (tmp_path / "provenance.yml").write_text("default: sample\nfiles:\n  a.pdf: invented\n", encoding="utf-8")
    with pytest.raises(provenance.BadManifest, match="'invented' is not one of"):
        provenance.of(str(tmp_path / "a.pdf"))
