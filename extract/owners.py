"""Owners: a Responsible Owner entry as printed -> atomic owners -> canonical roles.

In: one owner entry as printed beside an action, line breaks already joined by spaces
("Chief Operating Officer Prisons/Deputy Director, Strategic Development Group /Chief Probation Officer").
Out: `split_owners` gives the atomic owners as printed (three, there); `describe_owner` gives an
`actionplans.schemas.Owner` for one of them: canonical role and level from the gazetteer in
`data/roles.yml`, the organisation printed in brackets, and whether the gazetteer knew it.

An entry is split on "/" and ";" always, and on " and ", "&" and "," only where the text after
them starts a new role ("... and Chief Probation Officer") or is one ("..., and Rehabilitation
Lead"), so that names holding those words stay whole ("Rehabilitation and Care Services Group",
"Head of Education, Skills and Work", "Deputy Director, Strategic Development Group").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml
from actionplans.schemas import Owner

__all__ = ["bare_title", "describe_owner", "ends_owner", "is_post", "post_of", "second_after_title", "split_owners",
           "starts_owner"]


@dataclass(frozen=True)
class _Role:
    role: str
    level: str
    post: bool


@dataclass(frozen=True)
class _Gazetteer:
    heads: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    bare_titles: frozenset[str]
    placeholders: frozenset[str]
    aliases: dict[str, _Role]
    patterns: tuple[tuple[re.Pattern[str], str], ...]


def _norm(text: str) -> str:
    """Lower case, '&' read as 'and', apostrophes dropped, other punctuation as spaces."""
    s = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^\w\s]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@functools.cache
def _gazetteer() -> _Gazetteer:
    # LibYAML's parser where PyYAML has it: the same data, 24 ms -> 2.4 ms of every extracting process's start-up
    raw = yaml.load(resources.files("actionplans.extract").joinpath("data/roles.yml").read_text("utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    split = raw["split"]
    aliases: dict[str, _Role] = {}
    for entry in raw["roles"]:
        role = _Role(entry["role"], entry["level"], bool(entry.get("post", True)))
        for alias in [entry["role"], *entry.get("aliases", [])]:
            aliases.setdefault(_norm(str(alias)), role)
    return _Gazetteer(
        heads=tuple(tuple(h.split()) for h in split["heads"]),
        nouns=frozenset(split["nouns"]),
        bare_titles=frozenset(_norm(t) for t in split["bare_titles"]),
        placeholders=frozenset(str(p).lower() for p in split["placeholders"]),
        aliases=aliases,
        patterns=tuple((re.compile(p["pattern"]), p["level"]) for p in raw["patterns"]),
    )


# ---------------------------------------------------------------------------------------------- splitting

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# " and ", ", and ", " & ", ", " (a comma needs no space after it in extracted text), "; "
_CONJ = re.compile(r"(\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*|\s*;\s*)", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return _norm(text).split()


def _known(text: str) -> bool:
    return _norm(_BRACKETED.sub(" ", text)) in _gazetteer().aliases


def _opens_with_head(text: str) -> bool:
    """'Chief Probation Officer', 'Head of Safety': a head word and a role noun."""
    g = _gazetteer()
    words = _words(_BRACKETED.sub(" ", text))
    opens = any(tuple(words[: len(h)]) == h for h in g.heads)
    return opens and any(w in g.nouns for w in words)


def _starts_role(text: str) -> bool:
    """'Chief Probation Officer', 'Head of Safety', 'NHS England': text that opens a new owner."""
    return _known(text) or _opens_with_head(text)


def _ends_role(text: str) -> bool:
    """'Rehabilitation Lead', 'Equalities Manager': text that is a role by its last word."""
    words = _words(_BRACKETED.sub(" ", text))
    return bool(words) and (words[-1] in _gazetteer().nouns or _known(text))


def _is_role(text: str) -> bool:
    words = _words(_BRACKETED.sub(" ", text))
    return _known(text) or any(w in _gazetteer().nouns for w in words)


def _looks_like_owner(text: str) -> bool:
    """A side of a '/' that can stand alone: a role, a known organisation, or more than one word."""
    return _is_role(text) or len(_words(text)) >= 2


def _protect(text: str) -> tuple[str, list[str]]:
    """Hide bracketed notes, so that '/', ',' and 'and' inside them split nothing."""
    kept: list[str] = []

    def hide(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    return _BRACKETED.sub(hide, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


# Role nouns that name a body, not a person's post ('Strategic Development Group', 'Safer Custody Team')
BODIES = frozenset(("group", "groups", "team", "teams", "service", "services", "unit", "units", "board", "committee",
                    "directorate", "governance"))


def _ends_post(text: str) -> bool:
    """'... Coordinator', '... Supervisor': text whose last word names a person's post (a role noun that names no
    body, and no head word that a portfolio follows), so it is complete."""
    last = _words(_BRACKETED.sub(" ", text))[-1:]
    return bool(last) and last[0] in _gazetteer().nouns and last[0] not in BODIES | {"head", "heads", "chief"}


def _personal_name(text: str) -> bool:
    """'Chris Doyle', 'Priya Nowak': two or three capitalised words, none of them a role's, not a known body."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(map(_name_word, words)) and not _known(text)


def _name_word(word: str) -> bool:
    """A capitalised word no role uses ('Chris'; not 'Safety')."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and not (
        word.lower() in _gazetteer().nouns or word.lower() in _role_words())


def name_begun(text: str) -> bool:
    """'Sam': one capitalised word no role uses and no known owner is, as a person's given name before its surname."""
    return _name_word(text) and not _known(text)


@functools.cache
def _role_words() -> frozenset[str]:
    """Every word of every role the gazetteer names ('safer', 'custody', ...): not parts of a person's name."""
    return frozenset(w for alias in _gazetteer().aliases for w in alias.split())


def _ends_noun(text: str) -> bool:
    """'Reception Supervisor': text whose last word is a role noun (not merely a known name, 'NHS England')."""
    return _words(_BRACKETED.sub(" ", text))[-1:] in [[n] for n in _gazetteer().nouns]


def _titled(text: str) -> bool:
    """'Family Engagement Worker': two words or more, each capitalised (small joining words aside), as a
    post is printed; an unlisted post after a complete one is a second owner, not part of the first."""
    words = _BRACKETED.sub(" ", text).split()
    small = {"of", "and", "for", "the", "&", "in", "to"}
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in small for w in words)


# What parts a person's name from their post: 'Tom Clarke – Head of Security', 'Beth Khan, Equalities Lead'.
_NAME_PART = re.compile(r"\s+[\u2013\u2014-]\s+|,")
_DASHED = re.compile(r"\s[\u2013\u2014-]\s")


def _split_conjunctions(piece: str, kept: list[str]) -> list[str]:
    parts = _CONJ.split(piece)
    segments, seps = parts[0::2], parts[1::2]
    g = _gazetteer()
    out: list[str] = []
    current = segments[0]
    for sep, seg in zip(seps, segments[1:], strict=False):
        left, right = _restore(current, kept), _restore(seg, kept)
        if ";" in sep:
            new = True
        elif "," in sep and _personal_name(left) and not _personal_name(right):
            new = False  # "Chris Doyle, Head of Residence": a person, then their post
        elif "," in sep and _norm(left) in g.bare_titles:
            # "Deputy Director, Strategic Development Group": the comma introduces the portfolio.
            # "Governor, Equalities Lead" and "Deputy Governor, FM provider" are two owners all the same, and so
            # are a title and a known body the two do not name together ("Governor, Home Office"), and a title and
            # a person named with their post ("Deputy Governor, Imran Nowak – Head of Security").
            new = _opens_with_head(right) or _ends_post(right) or second_after_title(left, right) or (
                bool(_DASHED.search(right)) and _personal_name(_NAME_PART.split(right)[0].strip()))
        elif _opens_with_head(right):
            new = True
        elif _personal_name(_NAME_PART.split(right)[0].strip()) and _is_role(left) and (
                "," not in sep or _DASHED.search(right)):
            # "Head of Safety and Marek Hughes, ...", "..., Imran Mensah – Head of Safety": a post is complete, and a
            # person's name opens the next owner (after a bare comma, "Head of Safety, Marek Hughes" is one person)
            new = True
        elif _known(right):
            new = _is_role(left)
        else:
            # "..., and Rehabilitation Lead" is a second owner; "Deputy Director, Rehabilitation and Care
            # Services Group" is one: a body's name ("... Group") after a bare "and" continues the name.
            body = bool(set(_words(_BRACKETED.sub(" ", right))[-1:]) & BODIES)
            new = _is_role(left) and (_ends_role(right) or (_ends_post(left) or _ends_noun(left)) and _titled(right)
                                      ) and not (body and "," not in sep)
        if new:
            out.append(current)
            current = seg
        else:
            current = current + sep + seg
    out.append(current)
    return out


def _tidy(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" ,;:.-\u2013\u2022*")


def split_owners(entry: str) -> list[str]:
    """Split an owner entry as printed into atomic owners, in the order printed. Never raises."""
    if type(entry) is str:
        return list(_split_text(entry))  # a list of its own: the remembered answer is shared
    return _split_owners(entry)


@functools.lru_cache(maxsize=8192)
def _split_text(entry: str) -> tuple[str, ...]:
    """`split_owners` of a text, remembered: the table stages split the same entries as they read each row's owner
    cell (once per line of an entry, and again under the document's habits), and plans repeat their owners."""
    return tuple(_split_owners(entry))


def _split_owners(entry) -> list[str]:
    try:
        return _split(entry)
    except Exception:  # noqa: BLE001 - a bad owner cell must not stop a document
        text = _tidy(entry) if isinstance(entry, str) else ""
        return [text] if text else []


def _split(entry: str) -> list[str]:
    if not isinstance(entry, str):
        return []
    text = _tidy(entry)
    g = _gazetteer()
    if not text or text.lower() in g.placeholders or not re.search(r"\w", text):
        return []
    # "HMP/YOI Doncaster" names one establishment: its slash separates nothing.
    text = re.sub(r"\b(HMP|HMYOI|YOI)\s*/\s*(YOI|HMP|RC)\b", lambda m: f"{m[1]}\u2215{m[2]}", text,
                  flags=re.IGNORECASE)
    hidden, kept = _protect(text)
    # Slashes first: "A/B/C"; a slash between fragments that cannot stand alone stays ("Safety/Security").
    pieces: list[str] = []
    for raw in re.split(r"\s*/\s*", hidden):
        piece = raw.strip()
        if not piece:
            continue
        if pieces and not (_looks_like_owner(_restore(piece, kept))
                           and _looks_like_owner(_restore(pieces[-1], kept))):
            pieces[-1] = pieces[-1] + "/" + piece
        else:
            pieces.append(piece)
    owners: list[str] = []
    for piece in pieces:
        for part in _split_conjunctions(piece, kept):
            owner = _tidy(_restore(part, kept)).replace("\u2215", "/")
            if owner and owner.lower() not in g.placeholders:
                owners.append(owner)
    return owners


# ---------------------------------------------------------------------------------------------- roles

_ESTABLISHMENT = re.compile(r",?\s*\b(?:hmp\s*/?\s*(?:and\s+)?yoi|hmp|hmyoi|hmp\s*&\s*yoi|hmprc|hmirc|irc)\b.*$",
                            re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _lookup(name: str) -> tuple[_Role | None, str | None]:
    """Gazetteer entry for an owner (None if unknown) and a level from the patterns."""
    g = _gazetteer()
    bare = _BRACKETED.sub(" ", name)
    candidates = [_norm(bare), _norm(_ESTABLISHMENT.sub("", bare))]
    # Plurals as printed ("Heads of Offender Management Delivery", "Governors").
    for c in list(candidates):
        candidates.append(re.sub(r"\b(head|governor|director|lead|manager|officer)s\b", r"\1", c))
        candidates.append(re.sub(r"^(?:the|all|each|every|local|establishment|prison)\s+", "", c))
    for c in candidates:
        if c in g.aliases:
            return g.aliases[c], None
    key = candidates[0]
    for rx, level in g.patterns:
        if rx.search(key):
            return None, level
    return None, None


def describe_owner(name: str) -> Owner:
    """Canonical role, level and bracketed organisation of one atomic owner. Never raises."""
    text = name if isinstance(name, str) else ""
    try:
        orgs = [m.group(0)[1:-1].strip() for m in _BRACKETED.finditer(text)]
        organisation = next((o for o in orgs if o), None)
        found, level = _lookup(_tidy(text))
        if found is not None:
            if organisation is None and not found.post:
                organisation = found.role
            return Owner(text=text, role=found.role, level=found.level, organisation=organisation, known=True)
        if level is None and organisation is not None:
            level = _lookup(organisation)[0].level if _lookup(organisation)[0] else None
        return Owner(text=text, role=None, level=level or ("other" if text.strip() else None),
                     organisation=organisation, known=False)
    except Exception:  # noqa: BLE001 - a bad owner must not stop a document
        return Owner(text=text)


def is_post(name: str) -> bool:
    """True when an owner names a person's post (a Governor, a Head of X), not only a team or body."""
    try:
        found, _level = _lookup(_tidy(name))
    except Exception:  # noqa: BLE001
        return False
    if found is not None:
        return found.post
    nouns = _gazetteer().nouns  # any role noun that names no body ('... Worker', '... Practitioner')
    return any(w in nouns and w not in BODIES for w in _words(_BRACKETED.sub(" ", name)))


def post_of(text: str) -> str:
    """'Tom Clarke – Head of Security' -> 'Head of Security': the post after a person's name, else the text."""
    m = re.match(r"^\s*([A-Z][a-z]+(?:\s+[A-Z][a-z'-]+){1,2})\s*([,\u2013\u2014-]|\()\s*(.+)$", text)
    if not m or not _personal_name(m.group(1)):
        return text
    # 'Tom Clarke (Head of Security)' loses its closing bracket; a post that ends in a bracket of its own keeps it
    return m.group(3).removesuffix(")") if m.group(2) == "(" else m.group(3)


def bare_title(text: str) -> bool:
    """'Deputy Director', 'Executive Director': a title that a portfolio may follow."""
    return _norm(text) in _gazetteer().bare_titles


def second_after_title(title: str, text: str) -> bool:
    """After a bare title, is `text` a second owner rather than the title's portfolio? A known body is, unless the
    gazetteer names the two together, whole or as the start of a longer post ('Director' + 'Youth Custody Service';
    'Executive Director' + 'Public Sector Prisons', which begins '... Public Sector Prisons North'): 'Prison Group
    Director' + 'Home Office' are two owners, as 'Governor, Home Office' are."""
    if not _known(text):
        return False
    together = _norm(_BRACKETED.sub(" ", f"{title} {text}"))
    return not any(a == together or a.startswith(together + " ") for a in _gazetteer().aliases)


def ends_owner(text: str) -> bool:
    """Does this text end a complete owner ('... Rehabilitation Lead'), so that what follows may be a new one?"""
    try:
        return _ends_role(text)
    except Exception:  # noqa: BLE001
        return False


def starts_owner(text: str) -> bool:
    """Does this text open an owner ('Head of ...', 'Chief ... Officer', a known role)?"""
    try:
        return _starts_role(text)
    except Exception:  # noqa: BLE001
        return False
