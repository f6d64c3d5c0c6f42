"""Score an extraction against expected records (the gold format of corpus/*.expected.json).

In: an expected-records dict (gold format: recommendations with text [head, bullets], groups of
lead + actions, due_dates) and an extracted Document dumped to JSON.
Out: the metrics the project is judged by, computed exactly as the shared scorer does
(recs_recall, recs_precision, refs, decision, text, response, owners_f1, dates_f1, due_f1,
alignment), plus the reasons behind any miss. One difference: alignment is None, not the scorer's 0, for a
plan whose expected records place no owner or date (nothing to align).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter

METRICS = ("recs_recall", "recs_precision", "refs", "decision", "text", "response", "owners_f1", "dates_f1",
           "due_f1", "alignment")
# What every corpus document must reach (issue thresholds).
THRESHOLDS = {"recs_recall": 1.0, "recs_precision": 1.0, "decision": 1.0, "text": 0.98, "response": 0.98,
              "owners_f1": 0.98, "dates_f1": 0.98, "due_f1": 0.98, "alignment": 0.98}
PLACEHOLDERS = {"", "n/a", "na", "-", "none", "not applicable"}


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"[\u2022\u25cf\u25aa\u25e6\u2023\u2219\uf0b7\uf0a7]", " ", s)
    s = re.sub(r"(^|\s)[\u2013\u2014\-](?=\s)", " ", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def key(s: str | None) -> str:
    return re.sub(r"[^a-z0-9& ]", "", norm(s)).strip()


def owner_keys(owners) -> list[str]:
    return [key(o) for o in owners if norm(o) not in PLACEHOLDERS]


def decision_key(d: str | None) -> str:
    return key(re.sub(r"[_\-]", " ", d or "")).replace(" ", "_")


def ref_key(s) -> str:
    return re.sub(r"[^a-z0-9.]", "", norm(str(s))).strip(".")


def sim(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _gold(doc: dict) -> list[dict]:
    due = doc.get("due_dates", {})
    out = []
    for r in doc["recommendations"]:
        head, bullets = r["text"]
        actions, response = [], []
        for g in r["groups"]:
            items = ([{"text": g["lead"], "owners": g.get("owners", []), "target_date": g.get("target_date")}]
                     if g.get("lead") else []) + g["actions"]
            for a in items:
                response.append(a["text"])
                owners, date = owner_keys(a.get("owners") or []), a.get("target_date")
                if owners or date:
                    actions.append({"text": a["text"], "owners": owners, "date": date, "due": due.get(date)})
        out.append({"ref": r["ref"], "text": " ".join([head] + bullets), "decision": r["decision"],
                    "response": " ".join(response), "actions": actions})
    return out


def _got(doc: dict) -> list[dict]:
    out = []
    for r in doc.get("recommendations", []):
        acts = []
        for a in r.get("actions") or []:
            td = a.get("target_date") or {}
            acts.append({"text": a.get("text", ""), "owners": owner_keys(a.get("owners") or []),
                         "date": td.get("text"), "due": td.get("due")})
        out.append({"ref": str(r.get("ref", "")), "text": r.get("text", ""),
                    "decision": decision_key(r.get("decision")), "response": r.get("response", ""),
                    "actions": acts})
    return out


def _f(tp: int, ng: int, np_: int) -> float:
    return 2 * tp / (ng + np_) if ng + np_ else 1.0


def score(gold: dict, got: dict) -> tuple[dict[str, float], list[str]]:
    """Metrics and a list of human-readable misses."""
    G, P = _gold(gold), _got(got)
    misses: list[str] = []
    by_ref: dict[str, int] = {}
    used: set[int] = set()
    match: dict[int, int] = {}
    for i, p in enumerate(P):
        by_ref.setdefault(ref_key(p["ref"]), i)
    for j, g in enumerate(G):
        i = by_ref.get(ref_key(g["ref"]))
        if i is not None and i not in used:
            match[j] = i
            used.add(i)
    for j, g in enumerate(G):
        if j in match:
            continue
        cands = [(sim(g["text"], P[i]["text"]), i) for i in range(len(P)) if i not in used]
        if cands and max(cands)[0] >= 0.9:
            match[j] = max(cands)[1]
            used.add(match[j])
    m: Counter[str] = Counter()
    for j, g in enumerate(G):
        m["gold"] += 1
        p = P[match[j]] if j in match else None
        if p is None:
            misses.append(f"rec {g['ref']}: not found")
            m["own_gold"] += sum(len(a["owners"]) for a in g["actions"])
            m["date_gold"] += sum(1 for a in g["actions"] if a["date"])
            m["due_gold"] += sum(1 for a in g["actions"] if a["date"])
            m["align_total"] += len(g["actions"])
            continue
        m["found"] += 1
        m["refs"] += ref_key(g["ref"]) == ref_key(p["ref"])
        m["decision"] += decision_key(g["decision"]) == p["decision"]
        t = sim(g["text"], p["text"])
        rs = sim(g["response"], p["response"] or " ".join(a["text"] for a in p["actions"]))
        m["text"] += t >= 0.97
        m["response"] += rs >= 0.95
        if t < 0.97 or rs < 0.95 or decision_key(g["decision"]) != p["decision"]:
            misses.append(f"rec {g['ref']}: text {t:.3f} response {rs:.3f} decision {g['decision']} vs {p['decision']}")
        go = [o for a in g["actions"] for o in a["owners"]]
        po = [o for a in p["actions"] for o in a["owners"]]
        for name, gl, pl in (("own", go, po),
                             ("date", [key(a["date"]) for a in g["actions"] if a["date"]],
                              [key(a["date"]) for a in p["actions"] if a["date"]]),
                             ("due", [str(a["due"]) for a in g["actions"] if a["date"]],
                              [str(a["due"]) for a in p["actions"] if a["date"]])):
            gc, pc = Counter(gl), Counter(pl)
            m[f"{name}_tp"] += sum((gc & pc).values())
            m[f"{name}_gold"] += len(gl)
            m[f"{name}_got"] += len(pl)
            if gc != pc:
                misses.append(f"rec {g['ref']} {name}: missing {sorted((gc - pc).elements())} "
                              f"extra {sorted((pc - gc).elements())}")
        taken: set[int] = set()
        for a in g["actions"]:
            m["align_total"] += 1
            cands = [(sim(a["text"], b["text"]), k) for k, b in enumerate(p["actions"]) if k not in taken]
            s_best, k_best = max(cands, default=(0.0, None))
            best = p["actions"][k_best] if k_best is not None and s_best >= 0.9 else None
            if best is not None:
                taken.add(k_best)
            if best and sorted(best["owners"]) == sorted(a["owners"]) and key(best["date"]) == key(a["date"]):
                m["align"] += 1
            else:
                misses.append(f"rec {g['ref']} action not aligned: {a['text'][:50]!r} -> {a['owners']} {a['date']}")
    n = max(1, m["gold"])
    res = {
        "recs_recall": m["found"] / n, "recs_precision": m["found"] / len(P) if P else 0.0,
        "refs": m["refs"] / n, "decision": m["decision"] / n, "text": m["text"] / n, "response": m["response"] / n,
        "owners_f1": _f(m["own_tp"], m["own_gold"], m["own_got"]),
        "dates_f1": _f(m["date_tp"], m["date_gold"], m["date_got"]),
        "due_f1": _f(m["due_tp"], m["due_gold"], m["due_got"]),
        # None where the gold places no owner or date: the shared scorer's 0 of 0 there measures nothing
        "alignment": m["align"] / m["align_total"] if m["align_total"] else None,
    }
    return res, misses


def below(res: dict[str, float | None]) -> list[str]:
    """Metrics under the thresholds every corpus document must reach (of those it measures)."""
    return [k for k, v in THRESHOLDS.items() if res[k] is not None and res[k] < v - 1e-9]
