"""Make the bad inputs beside this script: one file of each kind the extractor must refuse clearly.

Run from the repository root: `python tests/data/bad/make.py`. The outputs are committed; this script
says how they were made. Needs pypdf (encryption), pypdfium2 and Pillow (the scan).
"""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[2] / "corpus" / "v1-noms-2015-hmp-kestrel-moor.pdf"

REPORT = [
    "HM Chief Inspector of Prisons",
    "Report on an unannounced inspection of HMP Kestrel Moor",
    "",
    "Introduction",
    "Kestrel Moor is a category C training prison holding about 600 adult men. At this inspection we",
    "found that outcomes for prisoners had improved in safety and respect, but that too many men",
    "spent most of the day locked in their cells with little to occupy them.",
    "",
    "Safety",
    "Most prisoners told us they felt safe. Levels of violence had fallen since the last inspection",
    "and the use of force was well governed, although body-worn cameras were not always switched on.",
    "",
    "Respect",
    "Relationships between staff and prisoners were generally good. Black and minority ethnic",
    "prisoners were less positive than others about their treatment, and the prison had not",
    "investigated why.",
]


def text_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF of Helvetica text lines, one list of lines per page, with a correct xref."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3 + 2 * len(pages)
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 770 Td"] + [f"({ln.replace('(', '[').replace(')', ']')}) '" for ln in lines]
        stream = ("\n".join(ops) + "\nET").encode("latin-1")
        kids.append(len(objs) + 1)
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objs) + 2} 0 R "
                    f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def main() -> None:
    src = SOURCE.read_bytes()
    (HERE / "not-a-pdf.pdf").write_bytes(b"<!DOCTYPE html>\n<html><head><title>Page not found</title></head>"
                                          b"<body><h1>Sorry, we cannot find that page</h1></body></html>\n")
    (HERE / "truncated.pdf").write_bytes(src[: len(src) // 3])

    import pypdf
    w = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(src)))
    w.encrypt(user_password="kestrel", owner_password="moor", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    (HERE / "password-protected.pdf").write_bytes(buf.getvalue())

    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(src)
    images = [doc[i].render(scale=40 / 72).to_pil().convert("L") for i in range(min(2, len(doc)))]
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=40)
    (HERE / "scanned.pdf").write_bytes(buf.getvalue())

    (HERE / "inspection-report.pdf").write_bytes(text_pdf([REPORT]))
    # An action-plan table with its header row but no recommendation under it.
    (HERE / "empty-plan.pdf").write_bytes(text_pdf([[
        "Action Plan: HMP Kestrel Moor", "Action Plan Submitted: 13 September 2018", "",
        "Rec No    Recommendation    Agreed/Partly Agreed/Not Agreed    Response Action Taken/Planned"
        "    Responsible Owner    Target Date"]]))


if __name__ == "__main__":
    main()
