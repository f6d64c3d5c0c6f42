"""Property tests for the cell splitter (extract/cells.py) over random word boxes.

Whatever words a PDF throws at it, `to_lines`, `paragraphs`, `entries` and `reflow` must not raise,
and must not lose, duplicate or reorder a word: each word's text lands in exactly one paragraph (and
one entry), in reading order.
"""

from __future__ import annotations

from actionplans.extract.cells import entries, paragraphs, reflow, to_lines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Anything a PDF's text layer may hold in one word: letters of several scripts, digits, punctuation,
# bullet glyphs (Word's private-use ones too), hyphens and soft hyphens, roman-numeral leads.
ANY_TEXT = st.one_of(
    st.text(alphabet="abcxyzABCÉéßüçøα0129.,;:()/-–—•●▪o\u00ad\uf0b7'\"!?&", min_size=1, max_size=10),
    st.sampled_from(["ix", "(a)", "ii)", "o", "-", "•", "\uf0b7", "tion", "ment", "éte", "/"]))
# Words whose text the splitter has no reason to rewrite: no bullet, hyphen or slash to mend.
SAFE_TEXT = st.text(alphabet="abcdefghjkmnpqrstuvwyzABCDEFGH", min_size=1, max_size=8)

# Derandomized: the same examples every run, so a failure is a change in the code, never bad luck.
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def words(draw, text=ANY_TEXT, unique=False, max_words=30):
    n = draw(st.integers(0, max_words))
    out = []
    for i in range(n):
        x0 = draw(st.floats(0, 500, allow_nan=False))
        top = draw(st.floats(0, 700, allow_nan=False))
        size = draw(st.sampled_from([0.0, 6.0, 9.5, 10.0, 11.0, 14.0, 24.0]))
        t = draw(text)
        if unique:
            t = f"{t}{i}"  # unique, so each word can be found again
        out.append({"text": t, "x0": x0, "x1": x0 + draw(st.floats(0.5, 120, allow_nan=False)), "top": top,
                    "bottom": top + size, "page": draw(st.integers(1, 3))})
    return out


def _tokens(parts) -> list[str]:
    return [tok for p in parts for tok in p.text.split()]


def _reading_order(lines) -> list[str]:
    return [w["text"] for ln in lines for w in ln.words]


@SETTINGS
@given(words())
def test_splitting_any_words_never_raises(ws):
    lines = to_lines(ws)
    assert sorted(id(w) for ln in lines for w in ln.words) == sorted(id(w) for w in ws)
    for p in paragraphs(lines):
        assert p.text and p.lines
        p.bbox()
    entries(lines, beside=lambda ln: int(ln.top // 40), opens=lambda t, before: len(t) % 2 == 0)
    entries(lines)
    reflow(lines)


@SETTINGS
@given(words(text=SAFE_TEXT, unique=True))
def test_every_word_lands_in_exactly_one_paragraph_in_order(ws):
    lines = to_lines(ws)
    expected = _reading_order(lines)
    assert sorted(expected) == sorted(w["text"] for w in ws)
    paras = paragraphs(lines)
    assert _tokens(paras) == expected
    for w in expected:
        assert sum(w in p.text.split() for p in paras) == 1


@SETTINGS
@given(words(text=SAFE_TEXT, unique=True), st.integers(1, 80))
def test_every_word_lands_in_exactly_one_entry_in_order(ws, band):
    lines = to_lines(ws)
    got = entries(lines, beside=lambda ln: int(ln.top // band), opens=lambda t, before: t[:1].isupper())
    assert _tokens(got) == _reading_order(lines)
    assert [ln for e in got for ln in e.lines] == lines


@SETTINGS
@given(words(text=SAFE_TEXT, unique=True))
def test_reflow_keeps_every_word(ws):
    lines = to_lines(ws)
    assert reflow(lines).split() == _reading_order(lines)


def test_reflow_after_a_hyphen_before_a_non_ascii_letter():
    ws = [{"text": "pre-", "x0": 0, "x1": 10, "top": 0, "bottom": 10, "page": 1},
          {"text": "été", "x0": 0, "x1": 10, "top": 12, "bottom": 22, "page": 1}]
    assert reflow(to_lines(ws)) == "pre-été"
