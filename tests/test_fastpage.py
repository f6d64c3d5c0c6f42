"""The fast char path must build exactly the objects pdfplumber's own path builds."""

from pathlib import Path

import pdfplumber
import pytest
from actionplans.extract.fastpage import fast

CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.pdf"))


@pytest.mark.parametrize("pdf_path", CORPUS[:6], ids=lambda p: p.stem)
def test_same_objects_words_and_tables_as_pdfplumber(pdf_path):
    with pdfplumber.open(pdf_path) as stock, pdfplumber.open(pdf_path) as quick:
        for a, b in zip(stock.pages[:4], quick.pages[:4]):
            fast(b)
            assert a.objects.keys() == b.objects.keys()
            for kind in a.objects:
                for x, y in zip(a.objects[kind], b.objects[kind], strict=True):
                    assert list(x.items()) == list(y.items())  # same keys, same order, same values
                    assert [type(v) for v in x.values()] == [type(v) for v in y.values()]
            assert a.extract_words(x_tolerance=3) == b.extract_words(x_tolerance=3)
            assert [t.bbox for t in a.find_tables()] == [t.bbox for t in b.find_tables()]
            a.close()
            b.close()


def test_fast_changes_only_the_page_it_is_given():
    with pdfplumber.open(CORPUS[0]) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        fast(first)
        assert "process_object" in vars(first) and "process_object" not in vars(second)
