"""Charts drawn as SVG on the server, from rows the database gives: no script, no network.

In: rows from SQL (below, beside each chart) and a date to count overdue actions against.
Out: SVG strings, each bar a link to the rows it counts, with a title a screen reader can read.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .schema import ACTION_JOIN, AGREED, COMPLETED, NOT_AGREED, PARTLY, _in, overdue, vagueness

ANSWERS = [("agreed", "Agreed / accepted", "#2e7d32"), ("partly_agreed", "Partly agreed", "#f9a825"),
           ("not_agreed", "Not agreed / rejected", "#c62828"), ("no_decision", "No decision printed", "#9e9e9e")]
MONTH_PARTS = [("overdue", "Overdue", "#c62828"), ("done", "Completed", "#78909c"), ("open", "Not yet due", "#1565c0")]
SPECIFICITY = [("owner_and_date", "Owner and date", "#2e7d32"), ("no_date", "Owner, no date", "#f9a825"),
               ("no_owner", "Date, no owner", "#ef6c00"), ("neither", "Neither", "#c62828")]

DECISIONS_SQL = f"""
SELECT d.id AS document_id, coalesce(d.establishment, d.title) AS label, d.title, d.submitted,
  sum(r.decision IN {_in(AGREED)}) AS agreed, sum(r.decision IN {_in(PARTLY)}) AS partly_agreed,
  sum(r.decision IN {_in(NOT_AGREED)}) AS not_agreed, sum(r.decision IS NULL) AS no_decision
FROM documents d JOIN recommendations r ON r.document_id = d.id
GROUP BY d.id ORDER BY d.submitted IS NULL, d.submitted, d.title"""

DUE_MONTHS_SQL = f"""
SELECT substr(a.due, 1, 7) AS month, sum({overdue("date(:as_of)")}) AS overdue,
  sum(NOT {overdue("date(:as_of)")} AND (coalesce(a.status, '') IN {_in(COMPLETED)}
      OR coalesce(a.completed, 0) = 1)) AS done,
  sum(NOT {overdue("date(:as_of)")} AND NOT (coalesce(a.status, '') IN {_in(COMPLETED)}
      OR coalesce(a.completed, 0) = 1)) AS open
FROM actions a WHERE a.due IS NOT NULL GROUP BY month ORDER BY month"""

SPECIFICITY_SQL = f"""
SELECT d.id AS document_id, coalesce(d.establishment, d.title) AS label, d.title,
  sum({vagueness()} IS NULL) AS owner_and_date, sum({vagueness()} = 'no date') AS no_date,
  sum({vagueness()} = 'no owner') AS no_owner, sum({vagueness()} = 'no owner, no date') AS neither
{ACTION_JOIN}
WHERE rtrim(a.text) NOT LIKE '%:'
GROUP BY d.id ORDER BY d.submitted IS NULL, d.submitted, d.title"""

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"


def _short(text: str, n: int = 34) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _legend(parts, y: int, x0: int = 0) -> str:
    out, x = [], x0
    for _, name, colour in parts:
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{x + 17}" y="{y + 10}" font-size="12">{escape(name)}</text>')
        x += 26 + 7 * len(name)
    return "".join(out)


def stacked_bars(rows: list[dict], parts, link, title: str, unit: str, share: bool = False) -> str:
    """Horizontal stacked bars, one per row labelled row['label']; `link(row, key)` gives each segment's URL.

    With `share`, every bar is full width and its segments are shares of the row's total, so plans of very
    different sizes can be compared; the total is printed at the end of each bar either way.
    """
    label_w, bar_w, bar_h, gap, top = 250, 520, 24, 10, 34
    totals = [sum(r[k] or 0 for k, _, _ in parts) for r in rows]
    most = max(totals, default=0) or 1
    height = top + len(rows) * (bar_h + gap) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {label_w + bar_w + 60} {height}" '
           f'width="{label_w + bar_w + 60}" height="{height}" style="{FONT};max-width:100%;height:auto">'
           f"<title>{escape(title)}</title>", _legend(parts, 4)]
    for i, (row, total) in enumerate(zip(rows, totals)):
        y = top + i * (bar_h + gap)
        out.append(f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 4}" font-size="13" text-anchor="end">'
                   f"<title>{escape(row.get('title') or row['label'])}</title>{escape(_short(row['label']))}</text>")
        x = label_w
        for key, name, colour in parts:
            n = row[key] or 0
            if not n:
                continue
            w = bar_w * n / ((total or 1) if share else most)
            out.append(f'<a href="{escape(link(row, key))}"><rect x="{x:.1f}" y="{y}" width="{w:.1f}" '
                       f'height="{bar_h}" fill="{colour}"><title>{escape(row["label"])}: {n} {escape(name.lower())} '
                       f"{unit}</title></rect>")
            if w >= 18:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_h / 2 + 4}" font-size="12" fill="#fff" '
                           f'text-anchor="middle" pointer-events="none">{n}</text>')
            out.append("</a>")
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar_h / 2 + 4}" font-size="12" fill="#444">{total}</text>')
    out.append("</svg>")
    return "".join(out)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def due_months(rows: list[dict], as_of: dt.date, link) -> str:
    """Vertical stacked bars of actions by the month they fall due, overdue ones in red, a line at `as_of`."""
    title = f"Actions by month due, overdue as of {as_of.isoformat()}"
    if not rows:
        return f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="400" height="40"><title>{title}</title>' \
               f'<text x="0" y="24" style="{FONT}">No action has a due date.</text></svg>'
    by_month = {r["month"]: r for r in rows}
    months = _months(rows[0]["month"], rows[-1]["month"])
    left, top, plot_h, bottom = 40, 34, 220, 64
    col = max(10, min(36, 760 // max(len(months), 1)))
    width = left + col * len(months) + 20
    most = max(sum(r[k] or 0 for k, _, _ in MONTH_PARTS) for r in rows) or 1
    step = max(1, most // 5)
    w, h = max(width, 480), top + plot_h + bottom
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" '
           f'width="{w}" height="{h}" style="{FONT};max-width:100%;height:auto">'
           f"<title>{escape(title)}</title>", _legend(MONTH_PARTS, 4)]
    for v in range(0, most + 1, step):
        y = top + plot_h - plot_h * v / most
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e0e0e0"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{v}</text>')
    label_every = max(1, len(months) // 24)
    for i, month in enumerate(months):
        x = left + i * col
        row = by_month.get(month)
        y = top + plot_h
        for key, name, colour in MONTH_PARTS:
            n = (row or {}).get(key) or 0
            if not n:
                continue
            bar = plot_h * n / most
            y -= bar
            out.append(f'<a href="{escape(link(month, key))}"><rect x="{x + 2}" y="{y:.1f}" width="{col - 4}" '
                       f'height="{bar:.1f}" fill="{colour}"><title>{month}: {n} {escape(name.lower())}</title>'
                       "</rect></a>")
        if i % label_every == 0:
            lx, ly = x + col / 2, top + plot_h + 10
            out.append(f'<text x="{lx:.1f}" y="{ly}" font-size="11" text-anchor="end" fill="#333" '
                       f'transform="rotate(-60 {lx:.1f} {ly})">{month}</text>')
    as_of_month = as_of.isoformat()[:7]
    if months[0] <= as_of_month <= months[-1]:
        i = months.index(as_of_month)
        x = left + i * col + col * (as_of.day / 31)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{top + plot_h}" stroke="#000" '
                   f'stroke-dasharray="4 3"/><text x="{x + 4:.1f}" y="{top + 8}" font-size="11">as of '
                   f"{as_of.isoformat()}</text>")
    elif as_of_month > months[-1]:
        out.append(f'<text x="{width - 10}" y="{top + 8}" font-size="11" text-anchor="end">as of {as_of.isoformat()}'
                   " (after the last due date) →</text>")
    out.append(f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/></svg>')
    return "".join(out)
