"""Actor mentions from a parsed document: NER spans, cleaned.

Cleaning: leading articles and trailing possessives are cut ("the United
States", "North Korea’s"); datelines ("WASHINGTON (Reuters) -") are dropped;
person names split by the tagger ("Kim" + "In" + "Ryong") are joined; bodies
named with their state ("the U.S. Joint Chiefs of Staff", "Japanese Defence
Ministry") become a body mention qualified by the state plus a state mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.lexicon import (
    AGREEMENT_HEADS,
    AGREEMENT_NAMES,
    DEPARTMENT_WORDS,
    EVENT_NAMES,
    GENDERED_HONORIFICS,
    LEADER_TITLES,
    MARKET_VERBS,
    OFFICE_TITLES,
    ORG_HEAD_WORDS,
    POSITION_TITLES,
    STAFF_TITLES,
    TITLE_ADJECTIVES,
)
from kg.nlp import text_of
from kg.types import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.gazetteer import GazetteerEntry

__all__ = ["ACTOR_LABELS", "BODY_NOUNS", "designator_mentions", "end_of_words", "find_mentions"]

ACTOR_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
_STATE_LABELS = frozenset({"GPE", "NORP"})
_LEADING = frozenset({"the", "a", "an"})
_STORM_WORDS = frozenset({"hurricane", "storm", "typhoon", "cyclone", "tropical"})
_ROYAL_TITLES = frozenset(
    {"king", "queen", "prince", "princess", "duke", "duchess", "emperor", "pope"}
)
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_SKIP_IN_NAME = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "his", "its"}
)
# "WASHINGTON (Reuters) -", "TOKYO, Aug 18 (Reuters) –", "WARSAW, Poland –", at the start of
# a text or of its first line after a byline ("Doug Stanglin\n\nUSA TODAY\n\nWARSAW, Poland –").
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[^()\n]{0,30})?\s*(?:\([A-Za-z .&]{1,30}\)\s*)?[-–—]+\s"
)
# Byline lines before a dateline: short, no sentence ("Deirdre Shesgreen", "USA TODAY").
_BYLINE_LINE = re.compile(r"[^\S\n]*[A-Z][^.!?:\n]{0,39}\n+")
_BYLINE_LINES = 3
_ALPHA = re.compile(r"[^\W\d_]")


def dateline_end(text: str) -> int:
    r"""Return where the dateline of ``text`` ends (0 when there is none).

    Example:
        >>> dateline_end("WASHINGTON, (Reuters) – The United States said")
        24
        >>> dateline_end("USA TODAY\n\nWARSAW, Poland – Polish President Andrzej Duda said")
        28
        >>> dateline_end("The United States said")
        0
    """
    pos = 0
    for _ in range(_BYLINE_LINES + 1):
        match = DATELINE.match(text, pos)
        if match is not None:
            return match.end()
        line = _BYLINE_LINE.match(text, pos)
        if line is None:
            return 0
        pos = line.end()
    return 0


# Capitalized bodies a demonym names ("Scottish Executive", "Iraqi Army", "Welsh Assembly").
# Words before "Mr"/"Mrs" that make it a nickname, not a person: "No More Mr Nasty", "the Mr
# Nasty of books", "to play Mr. Fixit"; and a nickname's last word: "Mr. Nice Guy".
_NICKNAME_BEFORE = frozenset({"the", "no", "more", "another", "play", "playing", "played"})
_NICKNAME_LAST = frozenset({"guy", "guys", "man"})
# Campaign slogans the tagger reads as a name ("Vote Blair, Get Brown"): the verb is not part of
# the person's name.
_SLOGAN_VERBS = frozenset(
    {"vote", "elect", "re-elect", "reelect", "impeach", "dump", "defeat", "get", "stop", "free"}
)
_EVENT_DETERMINER = re.compile(r"^(?:this|that|next|last|his|her|their|its)\s+")
# A name in quotes after these words is a nickname ("dubbing Mr Brown 'Sir Wastealot'",
# "nicknamed her “Crooked Hillary”").
_NAMING_WORDS = frozenset(
    {"dubbed", "dubbing", "dub", "nicknamed", "nicknaming", "so-called", "called", "calling",
     "branded", "branding", "christened", "labelled", "labeled"}
)  # fmt: skip
_OPENING_QUOTES = frozenset({'"', "'", "“", "‘", "``", "`"})
# A name the tagger calls a person that ends with the word for a body ("The Christian Medical
# Fellowship (CMF)"): an organization.
_BODY_SUFFIXES = frozenset(
    {"fellowship", "society", "association", "foundation", "institute", "trust", "federation",
     "league", "union", "church", "council", "party", "campaign", "coalition", "alliance",
     "network", "forum", "centre", "center", "group", "commission", "committee", "club",
     "list", "mps", "meps", "msps", "inquirer", "telegraph", "times", "gazette", "tribune",
     "journal", "herald", "chronicle", "observer"}
)  # fmt: skip
# Titles the tagger takes into a person's name after a party or a brief ("Lib Dem MP Lembit
# Opik", "Lifelong Learning Minister Jim Wallace").
_INNER_TITLES = frozenset(
    {"mp", "mep", "msp", "mla", "am", "qc", "minister", "secretary", "senator", "spokesman",
     "spokeswoman", "chairman", "chairwoman", "mayor", "governor"}
)  # fmt: skip
# Words the tagger takes into a name at its start: "Multiple Harris staffers", "MPs Brexit",
# and epithets ("Crooked Hillary Clinton").
_QUANTIFIERS = frozenset(
    {"multiple", "several", "many", "some", "other", "both", "all", "various", "numerous",
     "few", "fellow", "most", "mps", "meps", "msps", "lawmakers", "senators", "officials",
     "crooked", "lyin", "lyin'", "lying", "sleepy", "crazy", "shifty", "low-energy"}
)  # fmt: skip
_POST_NOMINALS = frozenset({"QC", "KC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE"})
_CAMPAIGN_HEADS = frozenset(
    {"pac", "coalition", "campaign", "movement", "committee", "fund", "group", "project"}
)
_BODIES_AFTER_DEMONYM = frozenset(
    {"executive", "government", "parliament", "assembly", "cabinet", "army", "navy", "police",
     "senate", "congress", "ministry", "embassy", "military", "council", "court"}
)  # fmt: skip


def _trim(span: Span) -> tuple[int, int] | None:
    """Return token bounds of ``span`` without articles, possessives and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in _LEADING
        or doc[start].lower_ in _POSSESSIVE
        or doc[start].is_punct
        or doc[start].is_space
        or _joined_prefix(doc, start, end)
    ):
        start += 1
    # A spaced dash or a line break ends a name ("Mr Howard - can he", "Scotland\n\n"), but
    # not the wrap of a hard-wrapped line ("Senate Democratic Leader Robert\nByrd told").
    for i in range(start + 1, end):
        if doc[i].is_space and _soft_wrap(doc, i):
            continue
        if doc[i].is_space or (doc[i].is_punct and doc[i - 1].whitespace_ and doc[i].text != "."):
            end = i
            break
    while end > start and (
        doc[end - 1].lower_ in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    if end - start == 1 and doc[start].lower_ in TITLE_ADJECTIVES:
        return None  # "Supreme" tagged alone in "Supreme Leader Ali Khamenei": a title's word
    # "North Korea’s" can come as one token: cut the clitic off the characters.
    return start, end


# Prefixes the tagger takes into a name with a hyphen: "Ex-Labour leader Neil Kinnock".
_JOINED_PREFIXES = frozenset({"ex", "former"})  # not "pro-", "anti-", "non-": no name of the actor


def _joined_prefix(doc: Doc, i: int, end: int) -> bool:
    """Whether token ``i`` is a prefix joined to the name by a hyphen ("Ex-Labour")."""
    return (
        i + 2 < end
        and doc[i].lower_ in _JOINED_PREFIXES
        and not doc[i].whitespace_
        and doc[i + 1].text in ("-", "–")
        and not doc[i + 1].whitespace_
    )


# A line this long that breaks inside a sentence is a hard-wrapped one (Reuters wraps at ~65).
_WRAPPED_LINE = 40


def _soft_wrap(doc: Doc, i: int) -> bool:
    """Whether the space token ``doc[i]`` is a single line break inside hard-wrapped prose."""
    if doc[i].text != "\n" or i + 1 >= len(doc) or not doc[i + 1].is_title:
        return False
    text = text_of(doc)
    line_start = text.rfind("\n", 0, doc[i].idx) + 1
    return doc[i].idx - line_start >= _WRAPPED_LINE


_HYPHENS = frozenset({"-", "‐", "‑"})


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends a hyphenated word with the two before it ("Jong-un", "Jae-in").

    The tagger gives the last syllable of a Korean given name its own token, often lowercase
    or read as a preposition ("in" of "Moon Jae-in"); it is still the name's.
    """
    return (
        i >= 2
        and doc[i - 1].text in _HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_alpha
        and doc[i].is_alpha
    )


def _char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    first, last = doc[start], doc[end - 1]
    s, e = first.idx, last.idx + len(last.text)
    for clitic in ("’s", "'s"):
        if last.text.endswith(clitic) and e - s > len(clitic):
            e -= len(clitic)
            break
    return s, e


def _extend_person(doc: Doc, start: int, end: int) -> int:
    """Join title-cased name parts the tagger split off ("Kim" "In" "Ryong")."""
    limit = min(len(doc), end + 3)
    new_end = end
    i = end
    while i < limit:
        tok: Token = doc[i]
        if tok.is_space and new_end == i and _soft_wrap(doc, i):
            # "president Victor Paz\nEstenssoro": the name goes on after a hard wrap.
            i, limit = i + 1, min(len(doc), limit + 1)
            continue
        # A sentence start right after a name word is a parser slip ("Kim | In Ryong").
        new_sentence = tok.is_sent_start and doc[i - 1].is_punct
        if not tok.is_title or new_sentence or tok.ent_type_ in _SKIP_IN_NAME:
            break
        if "\n" in doc[i - 1].whitespace_ or tok.lower_ in {t.lower_ for t in doc[start:i]}:
            break  # a heading or caption follows ("Ted Cruz\nCruz was ...")
        if tok.ent_type_ == "PERSON":
            # "Kim" "In" "Ryong": a second PERSON span right after joins the first.
            if new_end > end and tok.ent_iob_ == "B":
                j = i
                while (
                    j < len(doc)
                    and doc[j].ent_type_ == "PERSON"
                    and (j == i or doc[j].ent_iob_ == "I")
                ):
                    j += 1
                return j
            break
        if tok.whitespace_ == "" and i + 1 < len(doc) and doc[i + 1].is_punct:
            new_end = i + 1
            break
        new_end = i + 1
        i += 1
    # Only accept the extension when it ends in a proper noun ("Ryong"), not "In".
    if new_end > end and doc[new_end - 1].pos_ == "PROPN":
        return new_end
    return end


def _person_possessor(
    doc: Doc, start: int, end: int, surnames: set[str]
) -> tuple[int, bool] | None:
    """Return where a person's possessive ends in an organization span, and if a body follows.

    "Obama's State of the Union", "Trump's Day One": the tagger's organization is a person's
    event; "Trump’s Justice Department" is the body. The owner is a person when the document
    names a person by that word. Returns the clitic's index and whether what follows it names
    a body, or ``None`` when the span is no person's possessive.
    """
    clitic = next((k for k in range(start + 1, end - 1) if doc[k].lower_ in _POSSESSIVE), None)
    if clitic is None or clitic - start > 3:
        return None
    owner = doc[start:clitic]
    if not all(t.is_title and t.pos_ == "PROPN" for t in owner) or owner[-1].text not in surnames:
        return None
    rest = doc[clitic + 1 : end]
    from kg.gazetteer import load_gazetteer

    body = (
        rest[-1].lower_ in ORG_HEAD_WORDS
        or rest[0].lower_ in ORG_HEAD_WORDS
        or load_gazetteer().lookup(rest.text) is not None
    )
    return clitic, body


def _unbalanced_parenthesis(text: str) -> int:
    """Return where a name holding half a parenthesis ends, or ``len(text)``.

    "British National Party(BNP": the tagger took the acronym's opening in.
    """
    opening = text.find("(")
    if opening > 0 and ")" not in text[opening:]:
        return len(text[:opening].rstrip())
    return len(text)


def _party_prefix(doc: Doc, start: int, end: int) -> int:
    """Return where a person's name starts after a party the tagger took in, else 0."""
    from kg.gazetteer import load_gazetteer

    for k in range(start + 1, min(start + 3, end - 1)):
        entry = load_gazetteer().lookup(doc[start:k].text)
        if entry is not None and entry.type == "Organization" and doc[k].is_title:
            return k
    return 0


def _quoted_nickname(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` opens a quote after a naming word ("dubbed 'Sir X'")."""
    k = start - 1
    word = doc[k].lower_.rstrip(".") if k >= 0 else ""
    if word in GENDERED_HONORIFICS or word in ("sir", "lord", "lady"):
        k -= 1
    if k < 1 or doc[k].text not in _OPENING_QUOTES:
        return False
    return any(t.lower_ in _NAMING_WORDS for t in doc[max(0, k - 4) : k])


def _nickname(doc: Doc, start: int, end: int) -> bool:
    """Whether "Mr" + the name at ``start:end`` is a nickname ("No More Mr Nasty")."""
    if start < 1 or doc[start - 1].lower_.rstrip(".") not in GENDERED_HONORIFICS:
        return False
    before = doc[start - 2].lower_ if start >= 2 else ""
    return (end - start == 1 and before in _NICKNAME_BEFORE) or (
        end - start >= 2 and doc[end - 1].lower_ in _NICKNAME_LAST
    )


def _names_agreement(text: str) -> bool:
    """Whether a name is an agreement's ("NAFTA", "the Good Friday Agreement")."""
    words = text.casefold().replace("’s", "").replace("'s", "").split()
    if words[:1] == ["the"]:
        words = words[1:]
    return bool(words) and (" ".join(words) in AGREEMENT_NAMES or words[-1] in AGREEMENT_HEADS)


def find_mentions(doc: Doc, *, offset: int = 0) -> list[Mention]:
    """Return the actor mentions of ``doc``, in text order.

    Args:
        doc: A parsed spaCy document.
        offset: Added to every character offset (the document's place in its article).

    Returns:
        Mentions with offsets into the article text.
    """
    doc_text = text_of(doc)  # spaCy rebuilds Doc.text on every access
    skip_until = dateline_end(doc_text) if offset == 0 else 0
    mentions: list[Mention] = []
    ents = list(doc.ents)
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON"}
    taken_until = -1
    for ent in ents:
        if ent.label_ not in ACTOR_LABELS or ent.start < taken_until:
            continue
        bounds = _trim(ent)
        if bounds is None:
            continue
        start, end = bounds
        label = ent.label_
        if end - start == 1 and doc[start].text in _POST_NOMINALS:
            continue  # "Tom McCabe MSP" tagged as a name and an organization: no actor
        if label == "ORG" and end - start >= 4:
            # "Vox's Ella Nilsen": a person named with the outlet or body they work for.
            clitic = next(
                (k for k in range(start + 1, end - 2) if doc[k].lower_ in _POSSESSIVE), None
            )
            after = doc[clitic + 1 : end] if clitic is not None else doc[end:end]
            if (
                clitic is not None
                and len(after) in (2, 3)
                and all(t.pos_ == "PROPN" and t.is_title for t in after)
                and not any(t.lower_ in ORG_HEAD_WORDS for t in after)
            ):
                start, label = clitic + 1, "PERSON"
        if label == "ORG" and end - start >= 3:
            officer = _person_after_body(doc, start, end)
            if officer is not None:
                # "Governor of the Bank of England Richard Smith": the tagger ran the
                # body and the name of its officer together; both are actors.
                bs, be = _char_bounds(doc, start, officer)
                if bs >= skip_until:
                    mentions.append(Mention(doc_text[bs:be], bs + offset, be + offset, "ORG"))
                start, label = officer, "PERSON"
        if label == "ORG" and end - start >= 3:
            owned = _person_possessor(doc, start, end, surnames)
            if owned is not None:
                # "Obama's State of the Union": Obama, and no organization.
                clitic, has_body = owned
                ps, pe = _char_bounds(doc, start, clitic)
                if ps >= skip_until:
                    mentions.append(Mention(doc_text[ps:pe], ps + offset, pe + offset, "PERSON"))
                if not has_body:
                    continue
                start = clitic + 1
        if label == "ORG" and end - start == 1 and _apposed_person(doc, start):
            label = "PERSON"  # "Harrington, a professor of political science": a person
        if label == "PERSON" and end - start > 1 and doc[end - 1].lower_ in _BODY_SUFFIXES:
            label = "ORG"  # "The Christian Medical Fellowship (CMF)": a body
        if label == "PERSON" and end - start > 1 and doc[start].lower_ in _SLOGAN_VERBS:
            if doc[end - 1].lower_ in _CAMPAIGN_HEADS:
                label = "ORG"  # "Stop Hillary PAC": a campaign named by its slogan
            else:
                start += 1  # "Vote Blair, Get Brown", "Impeach Obama": the person
        if label == "PERSON":
            while (
                end - start > 1
                and (doc[start].pos_ not in ("PROPN", "NOUN") or doc[start].lower_ in _QUANTIFIERS)
                and not _known_person(doc[start:end].text)
            ):
                start += 1  # "Wherever Obama goes": the tagger took the adverb in (but a
                # known name keeps the first name it mis-tagged: "Barack" as a preposition)
            clitic = next(
                (k for k in range(start + 1, end - 1) if doc[k].lower_ in _POSSESSIVE), None
            )
            if clitic is not None:
                # "National Journal's Ron Brownstein" is Brownstein; "Trump's Cabinet", Trump.
                after = doc[clitic + 1 : end]
                if len(after) >= 2 and all(t.pos_ == "PROPN" for t in after):
                    start = clitic + 1
                else:
                    end = clitic
            while (
                end - start > 1
                and (
                    doc[end - 1].pos_ in ("VERB", "AUX", "NUM", "ADV", "ADP", "PRON", "PART")
                    or doc[end - 1].is_lower
                )
                and not _hyphen_joined(doc, end - 1)
            ):
                end -= 1  # "Obama carried", "Trump 01:11", but not "Kim Jong-un", "Moon Jae-in"
            while end - start > 1 and doc[end - 1].lower_ in {
                t.lower_ for t in doc[start : end - 1]
            }:
                end -= 1  # "Martin O'Malley O'Malley"
            if start > 0 and doc[start - 1].lower_ in _STORM_WORDS:
                continue  # "Hurricane Matthew"
            if _nickname(doc, start, end) or _quoted_nickname(doc, start):
                continue  # "No More Mr Nasty", "Mr. Nice Guy": a nickname, nobody's name
            end = _extend_person(doc, start, end)
            inner = [k for k in range(start + 1, end - 1) if doc[k].lower_ in _INNER_TITLES]
            if inner:
                start = inner[-1] + 1  # "Lib Dem MP Lembit Opik": the name after the title
            party = _party_prefix(doc, start, end)
            if party:
                start = party  # "Lib Dem Norman Baker": the party, then the person
            while end - start > 1 and doc[end - 1].text in _POST_NOMINALS:
                end -= 1  # "Philippe Sands QC"
            taken_until = end
            if (
                start > 0
                and doc[start - 1].is_title
                and (
                    doc[start - 1].lower_ in _ROYAL_TITLES
                    or doc[start - 1].lower_.rstrip(".") in GENDERED_HONORIFICS
                )
            ):
                # "Prince Charles" is named with the title; "Mr"/"Mrs" tell two Howards apart.
                start -= 1
        if (
            label == "NORP"
            and end < len(doc)
            and doc[end].is_title
            and not doc[end].ent_type_
            and doc[end].lower_ in _BODIES_AFTER_DEMONYM
        ):
            end, label = end + 1, "ORG"  # "the Scottish" + "Executive": the tagger cut the body
        if (
            label in ("ORG", "NORP")
            and start > 0
            and doc[start - 1].is_title
            and not doc[start - 1].ent_type_
            and tuple(t.text for t in doc[start - 1 : end]) in _organization_names()
        ):
            start, label = start - 1, "ORG"  # "Liberal" + "Democrat": the tagger cut the name
        if (
            label == "GPE"
            and end < len(doc)
            and doc[end].lower_ == "state"
            and _known_form(f"{doc[start:end].text} {doc[end].text}")
        ):
            end += 1  # "Washington" + "state": the state, not the capital
        s, e = _char_bounds(doc, start, end)
        if s < skip_until:
            continue
        e = s + _unbalanced_parenthesis(doc_text[s:e])
        text = doc_text[s:e]
        if not _ALPHA.search(text):
            continue
        if text.casefold() in _PRONOUNS and not (len(text) > 1 and text.isupper()):
            continue  # "us" is a pronoun, "US" the state ("the US military said")
        if _EVENT_DETERMINER.sub("", text.casefold()) in EVENT_NAMES:
            continue  # "this State of the Union", "Day One": an occasion, no actor
        if _names_agreement(text):
            continue  # "NAFTA", "the Paris Agreement": an agreement, no actor
        occasion = next((ev for ev in EVENT_NAMES if text.casefold().endswith(" " + ev)), "")
        if occasion:
            # "Obama State Of The Union Seeks To ...": Obama, without his occasion.
            e -= len(occasion) + 1
            text = doc_text[s:e]
            for possessive in ("'s", "’s"):
                if text.endswith(possessive):  # "Nigel Farage's Brexit": Nigel Farage
                    e -= len(possessive)
                    text = doc_text[s:e]
        if doc_text[e : e + 6].lower() in ("-style", "–style"):
            continue  # "a Madrid-style pre-election bombing": a comparison, no actor
        if (
            label == "ORG"
            and end - start == 1
            and doc[start].lower_ in DEPARTMENT_WORDS
            and (
                (end < len(doc) and doc[end].is_title)
                or (doc[start].text,) not in _organization_names()
            )
        ):
            # "Defense" in "U.S. Defense Secretary": part of a title; "Labour won" is the party.
            continue
        if label == "GPE" and _is_market(doc[start:end]):
            continue  # "Tokyo closed 1.1% higher": the stock market, not the state
        if label == "ORG" and end - start >= 2:
            split = _split_state_prefix(doc, start, end)
            if split is not None:
                state_end, state_label = split
                ss, se = _char_bounds(doc, start, state_end)
                bs, be = _char_bounds(doc, state_end, end)
                state_text = doc_text[ss:se]
                mentions.append(Mention(state_text, ss + offset, se + offset, state_label))
                body = doc_text[bs:be]
                mentions.append(Mention(body, bs + offset, be + offset, "ORG", state_text))
                continue
        qualifier = ""
        if label == "ORG":
            qualifier = _possessor_state(doc, start, end)
        mentions.append(Mention(text, s + offset, e + offset, label, qualifier))
    mentions.extend(
        _office_mentions(doc, doc_text, offset, taken={(m.start, m.end) for m in mentions})
    )
    mentions.extend(_named_before_titles(doc, offset, taken=[(m.start, m.end) for m in mentions]))
    mentions.extend(_government_mentions(doc, offset))
    named = _named_before_roles(doc, offset) + _body_phrases(doc, offset)
    if named:
        spans = [(m.start, m.end) for m in named]
        mentions = [
            m
            for m in mentions
            if not any(s <= m.start and m.end <= e for s, e in spans)
            and (m.label != "ORG" or not any(m.start < e and s < m.end for s, e in spans))
        ]
        mentions.extend(named)
    groups, occasions = numbered_groups(doc_text, offset)  # "the G20 Summit": no actor
    designated = designator_mentions(doc_text, offset) + groups
    cleared = [(m.start, m.end) for m in designated] + occasions
    if cleared:
        mentions = [m for m in mentions if not any(m.start < e and s < m.end for s, e in cleared)]
        mentions.extend(designated)
    mentions = _split_dotted(doc, offset, skip_until, mentions)
    mentions.extend(_defined_acronyms(doc_text, offset, mentions))
    mentions.extend(_repeated_names(doc, mentions, offset, skip_until))
    mentions = _split_joined(mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


_JOINED = re.compile(r"^(\S.*?) (?:and|&) (\S.*)$")
# "the Reporters Committee for Freedom of the Press (RCFP)": an acronym defined after a name.
_DEFINED_ACRONYM = re.compile(r"[ \t]*\(([A-Z][A-Z&]{1,9})\)")
# A dotted name the tokenizer keeps with what its hyphen joins: "U.S.-backed", "U.S.-China".
_DOTTED_PREFIX = re.compile(r"((?:[A-Z]\.){2,3})[-–]\s?(.*)")


def _overlaps_any(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _defined_acronyms(doc_text: str, offset: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The acronym a body's name defines in parentheses, where the tagger did not tag it.

    "the Reporters Committee for Freedom of the Press (RCFP)": the tagger took "(RCFP" into
    the name, which was cut there, or left it out; the acronym is a mention of its own (the
    resolver gives it the name's entity), so the article's later "RCFP said" is found too.
    """
    out: list[Mention] = []
    for m in mentions:
        if m.label not in ("ORG", "GPE") or " " not in m.text:
            continue
        match = _DEFINED_ACRONYM.match(doc_text, m.end - offset)
        if match is None:
            continue
        start, end = match.start(1) + offset, match.end(1) + offset
        if not _overlaps_any(start, end, mentions) and not _overlaps_any(start, end, out):
            out.append(Mention(match.group(1), start, end, m.label))
    return out


def _split_dotted(doc: Doc, offset: int, skip_until: int, mentions: list[Mention]) -> list[Mention]:
    """Split the states and bodies named before a hyphen inside one token: "U.S.-backed".

    The tokenizer keeps "U.S.-China" (and "U.S.-", before "Japanese") as one word, which the
    tagger reads as no name or as one ("U.S.-Mexico" an organization). The dotted name is a
    mention when the gazetteer knows it, and so is what follows the hyphen in the same word
    when it names a country ("China", "Iranian"); "backed", "led" are no names.
    """
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out = list(mentions)
    for tok in doc:
        match = _DOTTED_PREFIX.fullmatch(tok.text)
        if match is None or tok.idx < skip_until:
            continue
        start, end = tok.idx + offset, tok.idx + offset + len(tok.text)
        whole = [m for m in out if (m.start, m.end) == (start, end)]
        if _overlaps_any(start, end, [m for m in out if m not in whole]):
            continue
        entry = gaz.lookup(match.group(1))
        if entry is None:
            continue
        out = [m for m in out if m not in whole]
        label = "GPE" if entry.type == "Country" else "ORG"
        out.append(Mention(match.group(1), start, start + len(match.group(1)), label))
        rest = match.group(2)
        other = gaz.lookup(rest) if rest[:1].isupper() else None
        if other is not None and other.type == "Country":
            rest_start = start + match.start(2)
            label = "GPE" if rest == other.name else "NORP"
            out.append(Mention(rest, rest_start, rest_start + len(rest), label))
    return out


def _split_joined(mentions: list[Mention]) -> list[Mention]:
    """Split a name the tagger joined over "and" when each half is named on its own.

    "both Comey and FBI lawyer Lisa Page" was one organization, "Comey and FBI"; the
    document names Comey and the FBI alone elsewhere, so these are two mentions. A name
    whose halves are not both named alone stays whole ("Office of Management and Budget",
    "Immigration and Customs Enforcement").
    """
    known: dict[str, str] = {}
    for m in mentions:
        if " and " in m.text or " & " in m.text:
            continue
        known.setdefault(m.text, m.label)
        if m.label == "PERSON" and " " in m.text:
            known.setdefault(m.text.rsplit(" ", 1)[1], "PERSON")  # a surname
    out: list[Mention] = []
    for m in mentions:
        match = _JOINED.match(m.text) if m.label in ("ORG", "PERSON", "GPE") else None
        if match is None or match[1] not in known or match[2] not in known:
            out.append(m)
            continue
        left, right = match[1], match[2]
        out.append(Mention(left, m.start, m.start + len(left), known[left]))
        out.append(Mention(right, m.end - len(right), m.end, known[right]))
    return out


# Names said again where the tagger missed them: people, bodies and states.
_REPEATED_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def _repeated_names(
    doc: Doc, mentions: Sequence[Mention], offset: int, skip_until: int
) -> list[Mention]:
    """The other occurrences of names the tagger found once, where it found nothing.

    The tagger reads each sentence alone, so a name it tags in one ("Brett Kavanaugh",
    "Kavanaugh") can go untagged in the next ("Christine Blasey Ford has accused Kavanaugh");
    a name keeps its reading through an article. An occurrence counts when its words are
    the same, written the same way (capitals included), proper nouns, and not part of
    anything else the tagger found (a date, "the Ford Foundation") or of a longer name.
    A person named in full is also looked for by the surname alone ("Kavanaugh").
    """
    if not mentions:
        return []
    covered = bytearray(len(doc))
    for ent in doc.ents:
        covered[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
    keys: dict[tuple[str, ...], tuple[str, str]] = {}  # words -> (label, qualifier)
    for m in mentions:
        if m.label not in _REPEATED_LABELS:
            continue
        span = doc.char_span(m.start - offset, m.end - offset)
        if span is None:
            continue
        covered[span.start : span.end] = b"\x01" * len(span)
        words = tuple(t.text for t in span)
        keys.setdefault(words, (m.label, m.qualifier))
        if m.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            keys.setdefault(words[-1:], ("PERSON", m.qualifier))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(keys, key=len, reverse=True):  # the longest name first
        by_first.setdefault(words[0], []).append(words)
    out: list[Mention] = []
    for i, tok in enumerate(doc):
        if covered[i] or tok.text not in by_first:
            continue
        for words in by_first[tok.text]:
            end = i + len(words)
            if end > len(doc) or any(covered[i:end]):
                continue
            span = doc[i:end]
            label, qualifier = keys[words]
            if tuple(t.text for t in span) != words or not all(
                _name_word(t, person=label == "PERSON" and len(words) == 1) for t in span
            ):
                continue
            first = i
            if label == "PERSON" and len(words) == 1:
                first = _given_names_before(doc, i, covered)
                span = doc[first:end]
            before = doc[first - 1] if first > 0 else None
            after = doc[end] if end < len(doc) else None
            if (
                before is not None
                and before.pos_ == "PROPN"
                and before.is_title
                and not _title_or_honorific(before)
            ) or (after is not None and after.pos_ == "PROPN" and after.is_title):
                continue  # part of a longer name the tagger did not take
            s = span.start_char
            if s < skip_until:
                continue  # the dateline
            out.append(Mention(span.text, s + offset, span.end_char + offset, label, qualifier))
            covered[first:end] = b"\x01" * (end - first)
            break
    return out


# What the tagger reads a surname as at the head of a sentence or of a clause ("Trump became
# the vehicle for that change": NOUN; "Trump steps up attacks": VERB).
_MISREAD_NAME_POS = frozenset({"NOUN", "VERB", "ADJ"})


def _name_word(tok: Token, *, person: bool) -> bool:
    """Whether ``tok`` can be a word of a name found elsewhere in the article.

    A proper noun written with a capital; and where ``person`` (a person's one-word name,
    "Trump" after "Donald Trump"), also a capitalized word the tagger read as a common one,
    but not the end of a hyphenated word ("pro-Trump").
    """
    if tok.pos_ == "PROPN":
        return tok.is_title or tok.is_upper
    return (
        person
        and tok.is_title
        and tok.pos_ in _MISREAD_NAME_POS
        and not (tok.i > 0 and tok.nbor(-1).text in ("-", "–") and not tok.nbor(-1).whitespace_)
    )


_MOST_GIVEN_NAMES = 3


def _given_names_before(doc: Doc, i: int, covered: bytearray) -> int:
    """Return where a person's full name starts when a known surname ends it.

    The tagger found "Dr. Ford" but not "Christine Blasey Ford": the capitalized proper
    nouns just before the surname, in its sentence, are the given names (up to three; never
    a title or an honorific: "President Ford", "Dr. Ford" stay the surname).
    """
    first = i
    while (
        first > 0
        and i - first < _MOST_GIVEN_NAMES
        and not doc[first].is_sent_start
        and not covered[first - 1]
    ):
        tok = doc[first - 1]
        if not (tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha) or _title_or_honorific(tok):
            break
        first -= 1
    return first


# Short titles and forms of address written before names (besides _TITLE_WORDS).
_NAME_PREFIXES = frozenset(
    {
        "dr", "prof", "rev", "fr", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "cpl",
        "adm", "cmdr", "amb", "atty", "pres", "pope", "prince", "princess", "sheikh", "sheik",
        "ayatollah", "imam", "pastor", "rabbi", "bishop", "cardinal", "saint", "st",
    }
)  # fmt: skip


def _title_or_honorific(tok: Token) -> bool:
    """Whether a word is a title or an honorific ("President", "Sen.", "Dr.", "Mrs")."""
    word = tok.lower_.rstrip(".")
    return word in _TITLE_WORDS or word in GENDERED_HONORIFICS or word in _NAME_PREFIXES


_NAME_JOINERS = frozenset({"of", "for", "and", "the", "&"})
_LONGEST_NAME = 6


# A person's role in an apposition after a name ("Priebus, the Wisconsin lawyer", "Saccone —
# a candidate"); singular only ("the CIA, the military and officials" is a list).
_PERSON_ROLES = frozenset(
    {t for t in LEADER_TITLES | POSITION_TITLES | STAFF_TITLES if " " not in t}
    | {"professor", "activist", "founder", "author", "businessman", "businesswoman",
       "billionaire", "veteran", "physician", "doctor", "priest", "pastor", "rabbi", "imam"}
) - {"head", "chief", "member", "general", "executive", "deputy", "vice", "official"}  # fmt: skip


def _apposed_person(doc: Doc, i: int) -> bool:
    """Whether the one-word name at ``i``, tagged as a body, is a person by its apposition.

    "Harrington, a professor of political science at Queens College", "Priebus, the Wisconsin
    lawyer": a singular noun of a person's role, apposed after a capitalized word the gazetteer
    does not know (not "CNN" or "Congress").
    """
    tok = doc[i]
    if not tok.is_title or tok.is_upper or _known_form(tok.text):
        return False
    return any(
        c.dep_ == "appos" and c.tag_ == "NN" and c.lower_ in _PERSON_ROLES for c in tok.children
    )


@lru_cache(maxsize=1)
def _known_form(text: str) -> bool:
    """Whether the gazetteer knows ``text`` by itself (a name or alias, no relative form)."""
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    return found is not None and found[1] != "country_relative"


def _person_after_body(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts at the end of an organization's span, or ``None``.

    The span must be a body the gazetteer knows, then a given name and one or two more
    capitalized words ("Bank of England Richard Smith"; a given name that is not always
    one gender, "Robin", is not known as one).
    """
    from kg.extract.gender import first_name_genders

    for k in range(max(start + 1, end - 5), end - 1):
        after = doc[k:end]
        words = [t for t in after if not (t.i + 1 < end and _hyphen_joined(doc, t.i + 1))]
        if (
            2 <= len(words) <= 3
            and (doc[k].text.lower() in first_name_genders() or _known_person(after.text))
            and all(t.is_title and t.pos_ == "PROPN" for t in words)
            and _known_form(doc[start:k].text)
        ):
            return k
    return None


@lru_cache(maxsize=4096)
def _known_person(text: str) -> bool:
    """Whether the gazetteer knows ``text`` as a person's own name or alias ("Barack Obama")."""
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    return found is not None and found[0].type == "Person" and found[1] in ("name", "alias")


@lru_cache(maxsize=1)
def _organization_names() -> frozenset[tuple[str, ...]]:
    """Capitalized organization names of the gazetteer, as word tuples: ``("Labour",)``."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: set[tuple[str, ...]] = set()
    for form, ident, kind in gaz.phrases():
        entry = gaz.get(ident)
        words = tuple(form.split())
        if (
            entry is not None
            and entry.type == "Organization"
            and kind in ("name", "alias", "acronym")
            and len(words) <= _LONGEST_NAME
            and words[0][:1].isupper()
            and all(w[:1].isupper() or w in _NAME_JOINERS for w in words)
        ):
            out.add(words)
    return frozenset(out)


_TITLE_WORDS = frozenset(
    t for t in LEADER_TITLES | POSITION_TITLES | {"mep", "msp", "mla", "sen", "rep"} if " " not in t
)


def _named_before_titles(doc: Doc, offset: int, *, taken: list[tuple[int, int]]) -> list[Mention]:
    """Return the organizations the tagger left untagged before a title and a name.

    "Labour MP Barry Sheerman", "Tory leader Michael Howard": names of the gazetteer, written
    as it writes them.
    """
    names = _organization_names()
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.start < 2:
            continue
        title = ent.start - 1
        word = doc[title].lower_
        if word.rstrip(".") not in _TITLE_WORDS and word not in STAFF_TITLES:
            continue
        title = _title_phrase_start(doc, title)
        for n in range(min(_LONGEST_NAME, title), 0, -1):
            span = doc[title - n : title]
            if tuple(t.text for t in span) not in names or any(t.ent_type_ for t in span):
                continue
            s, e = span.start_char + offset, span.end_char + offset
            if not any(s < te and ts < e for ts, te in taken):
                out.append(Mention(span.text, s, e, "ORG"))
            break
    return out


def _title_phrase_start(doc: Doc, title: int) -> int:
    """Return the first token of the title phrase that ends at token ``title``.

    Up to two lower-case words before the title word belong to it ("general secretary",
    "election coordinator", "co-chairman"): "Labour general secretary Iain McNicol".
    """
    start = title
    words = 0
    while start > 0 and words < 2:
        prev = doc[start - 1]
        if prev.text in ("-", "–") and not prev.whitespace_ and start - 2 >= 0:
            joined = doc[start - 2]
            if joined.is_lower and joined.is_alpha and not joined.whitespace_:
                start -= 2  # "co-chairman"
                continue
        if not (prev.is_lower and prev.is_alpha) or prev.lower_ in _LEADING or prev.ent_type_:
            break
        if prev.pos_ not in ("NOUN", "ADJ"):
            break
        start -= 1
        words += 1
    return start


# Lower-case nouns of a person's role in an organization named right before them ("Fostering
# Network executive director Robert Tapsfield", "a Border Patrol agent").
_ROLE_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "director", "executive", "chairman",
     "chairwoman", "chief", "leader", "official", "officials", "officer", "officers", "agent",
     "agents", "journalist", "reporter", "correspondent", "editor", "columnist", "analyst",
     "economist", "lawyer", "lawyers", "member", "members", "president", "secretary", "head",
     "founder", "researcher", "researchers", "boss", "manager", "adviser", "advisor",
     "campaigner", "campaigners", "activist", "activists", "ambassador", "minister"}
)  # fmt: skip
_NAME_RUN_JOINERS = frozenset({"for", "of", "and", "&"})
_NOT_IN_RUN = frozenset({"PERSON", "GPE", "NORP", "LOC", "CARDINAL", "MONEY", "PERCENT"})


def _named_before_roles(doc: Doc, offset: int) -> list[Mention]:
    """Return organizations named by capitalized words right before a role noun.

    "Fostering Network executive director Robert Tapsfield", "a Department for Education and
    Skills spokeswoman", "a Border Patrol agent": two to six capitalized words (with "for",
    "of", "and" between them) before a lower-case role noun name the organization, whatever
    the tagger made of them. A person, a place or a state in the run stops it.
    """
    out: list[Mention] = []
    for tok in doc:
        if tok.i < 2 or not tok.is_lower or tok.lower_ not in _ROLE_NOUNS:
            continue
        after = tok.i + 1
        while after < len(doc) and doc[after].is_lower and doc[after].lower_ in _ROLE_NOUNS:
            after += 1
        # "Fostering Network executive director Robert Tapsfield": before a role and a person,
        # a name the tagger took for a person is the organization.
        stops = _NOT_IN_RUN
        if after < len(doc) and doc[after].ent_type_ == "PERSON":
            stops = _NOT_IN_RUN - {"PERSON"}
        start = tok.i
        while start > 0:
            prev = doc[start - 1]
            if prev.ent_type_ in stops:
                break
            if prev.is_title or (prev.is_upper and len(prev) > 1 and prev.is_alpha):
                start -= 1
            elif prev.lower_ in _NAME_RUN_JOINERS and start < tok.i:
                start -= 1
            else:
                break
        # "Some Labour officials", "Former Goldman Sachs analyst": no name opens on a determiner
        # or an adjective ("Fostering Network" does, on a gerund).
        while start < tok.i and (
            doc[start].lower_ in _NAME_RUN_JOINERS | _LEADING
            or doc[start].pos_ not in ("PROPN", "NOUN", "VERB")
        ):
            start += 1
        words = [t for t in doc[start : tok.i] if t.lower_ not in _NAME_RUN_JOINERS]
        if len(words) < 2 or len(words) > _LONGEST_NAME or doc[start].lower_ in _LEADING:
            continue
        s, e = _char_bounds(doc, start, tok.i)
        out.append(Mention(text_of(doc)[s:e], s + offset, e + offset, "ORG"))
    return out


# Bodies named by a common noun phrase ("the Commons education select committee", "its 13-bank
# advisory committee"); the noun alone ("the committee") names none.
BODY_NOUNS = frozenset({"committee", "commission", "council", "panel", "board", "subcommittee"})
_BODY_DETERMINERS = frozenset({"the", "its", "their", "his", "her"})


def _body_phrases(doc: Doc, offset: int) -> list[Mention]:
    """Return bodies named by a definite noun phrase with a modifier before a body noun."""
    out: list[Mention] = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if not root.is_lower or root.lower_ not in BODY_NOUNS or root.i != chunk.end - 1:
            continue
        if chunk[0].lower_ not in _BODY_DETERMINERS:
            continue
        start = chunk.start + 1
        while start < root.i and (doc[start].is_space or doc[start].is_punct):
            start += 1
        if start >= root.i or any(t.ent_type_ in ("PERSON", "GPE") for t in doc[start : root.i]):
            continue
        s, e = _char_bounds(doc, start, root.i + 1)
        out.append(Mention(text_of(doc)[s:e], s + offset, e + offset, "ORG"))
    return out


def _government_mentions(doc: Doc, offset: int) -> list[Mention]:
    """Return "the government" said alone: the government of the state the article is about.

    Only the bare phrase counts: "the Iraqi government", "the new government" and "the
    government of Iraq" name their state or none. Resolution picks the state
    (:mod:`kg.resolve`).
    """
    out: list[Mention] = []
    for tok in doc:
        if (
            tok.text != "government"
            or tok.ent_type_
            or tok.i == 0
            or doc[tok.i - 1].lower_ != "the"
            or any(c.dep_ in ("amod", "compound", "poss", "nmod", "nummod") for c in tok.children)
            or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("of", "in"))
        ):
            continue
        out.append(Mention(tok.text, tok.idx + offset, tok.idx + len(tok) + offset, "GOVERNMENT"))
    return out


# A US legislator's party and state after the name: "Rand Paul, R-Ky.", "(D-N.Y.)", "(R-Texas)",
# "(R of S.C.)", "(R) of Georgia", or the party alone: "Saxby Chambliss (R)".
PARTY_DESIGNATOR = re.compile(
    r"(?:\(|,\s)(?P<party>[RD])(?:\)\s+of\s+|\s?[-–]\s?|\s+of\s+|(?P<bare>\)))"
    r"(?(bare)|(?P<state>[A-Z][A-Za-z.]{1,12}(?:\s?[A-Z][a-z.]{1,12})?)(?=\s*[),;]|\.?\s))"
)
# The chamber a designated legislator sits in, by the title before the name: "Sen. Rand Paul".
LEGISLATOR_TITLE = re.compile(
    r"(?<![\w.])(?P<title>Sen\.|Senator|Rep\.|Representative|Congressman|Congresswoman)"
    r"\s+(?P<name>(?:[\"“]?[A-Z][\w.'’-]*[\"”]?\s+){0,3}[A-Z][\w'’-]*)\s*\Z"
)
# Whose party and state a designator names: the qualifier of its mentions.
DESIGNATOR_STATE = "U.S."


def end_of_words(text: str, end: int) -> int:
    """``end`` moved back over whitespace and a possessive: where the name before it ends.

    A blanked link card may stand before a designator, and the name may be a possessive
    ("Speaker Paul Ryan's (R-Wis.) office").

    Example:
        >>> end_of_words("Rep. Jaime Herrera Beutler      (R-Wash.)", 32)
        26
        >>> text = "Paul Ryan’s (R-Wis.) office"
        >>> text[: end_of_words(text, 12)]
        'Paul Ryan'
        >>> text = "Mitch McConnell     ’s (R-Ky.)"
        >>> text[: end_of_words(text, 23)]
        'Mitch McConnell'
    """
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if text[max(0, end - 2) : end] in ("’s", "'s"):
        end -= 2
        while end > 0 and text[end - 1].isspace():
            end -= 1
    return end


def designator_mentions(text: str, offset: int = 0) -> list[Mention]:
    """Return the party and state mentions of the party designators in ``text``.

    The party letter, the state (a name, an AP abbreviation or a postal code) and the title
    before the name become mentions qualified by the United States, so "R" is the Republican
    Party, "Ky." Kentucky and "Sen." the Senate; a state the gazetteer does not know gets no
    mention The name after a title is a person, whatever the tagger made of it.

    Example:
        >>> [(m.text, m.label) for m in designator_mentions("Sen. Rand Paul, R-Ky., said")]
        [('Sen.', 'ORG'), ('Rand Paul', 'PERSON'), ('R', 'ORG'), ('Ky.', 'GPE')]
        >>> [m.text for m in designator_mentions("Sen. Saxby Chambliss (R) of Georgia said")]
        ['Sen.', 'Saxby Chambliss', 'R', 'Georgia']
    """
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    state = gaz.lookup(DESIGNATOR_STATE)
    out: list[Mention] = []
    if state is None:
        return out
    for match in PARTY_DESIGNATOR.finditer(text):
        name = match.group("state")
        ps, pe = match.span("party")
        before = end_of_words(text, match.start())
        titled = LEGISLATOR_TITLE.search(text, max(0, before - 80), before)
        if titled is not None:
            ts, te = titled.span("title")
            out.append(
                Mention(titled.group("title"), ts + offset, te + offset, "ORG", DESIGNATOR_STATE)
            )
            # The legislator, even when the tagger misses the name ('William "Mac" Thornberry').
            ns, ne = titled.span("name")
            out.append(Mention(titled.group("name"), ns + offset, ne + offset, "PERSON"))
        out.append(Mention(match.group("party"), ps + offset, pe + offset, "ORG", DESIGNATOR_STATE))
        if name and designated_state(name, state.id) is not None:
            ss, se = match.span("state")
            out.append(Mention(name, ss + offset, se + offset, "GPE", DESIGNATOR_STATE))
    return out


# Groups of states named by their number: "G-7", "G20", "the Group of Seven". The tagger
# leaves most of them untagged or calls them products, places or persons.
_NUMBERED_GROUP = re.compile(r"^(?:G-?\d+|Group of (?:\d+|[A-Z][a-z]+))$")


@lru_cache(maxsize=1)
def _numbered_group_pattern() -> re.Pattern[str] | None:
    """A pattern of the gazetteer's organizations named by a number ("G-7", "Group of 77")."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    forms = sorted(
        {
            form
            for form, ident, _kind in gaz.phrases()
            if _NUMBERED_GROUP.match(form)
            and (entry := gaz.get(ident)) is not None
            and entry.type == "Organization"
        },
        key=len,
        reverse=True,
    )
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


_OCCASION_AFTER = re.compile(
    r"(?:[’']s)?\s+(?:[Ll]eaders[’']?\s+)?(?:[Ss]ummits?|[Mm]eetings?|[Tt]alks|[Cc]onference|"
    r"[Gg]athering|[Ff]orum)\b"
)


def numbered_groups(text: str, offset: int = 0) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Return the mentions of groups of states named by a number, whatever the tagger read.

    A group named for its meeting ("the G20 Summit", "a G-7 meeting") is the occasion, not
    an actor: its span comes back in the second list, to clear the tagger's mention there.

    Example:
        >>> found, occasions = numbered_groups("The G-7 met before the G20 summit")
        >>> [m.text for m in found], occasions
        (['G-7'], [(23, 33)])
    """
    pattern = _numbered_group_pattern()
    found: list[Mention] = []
    occasions: list[tuple[int, int]] = []
    if pattern is None:
        return found, occasions
    for m in pattern.finditer(text):
        event = _OCCASION_AFTER.match(text, m.end())
        if event is not None:
            occasions.append((m.start() + offset, event.end() + offset))
        else:
            found.append(Mention(m.group(), m.start() + offset, m.end() + offset, "ORG"))
    return found, occasions


def designated_state(name: str, country_id: str) -> GazetteerEntry | None:
    """Return the state of ``country_id`` a designator's state part names ("Ky", "Ky.", "KY")."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for form in (name, name.rstrip(".") + "."):
        place = gaz.relative_body(form, country_id) or gaz.lookup(form)
        if place is not None and place.type == "Place" and place.country == country_id:
            return place
    return None


def _office_mentions(
    doc: Doc, doc_text: str, offset: int, *, taken: set[tuple[int, int]]
) -> list[Mention]:
    """Titles of state offices used without a name: "the Japanese prime minister".

    The mention covers the title words; its qualifier is the state. Titles that stand
    before a name ("Prime Minister Shinzo Abe") are not offices alone.
    """
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "NOUN" and tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        head_word = tok.lower_
        title = head_word
        first = tok
        if head_word == "minister" and tok.i > 0 and doc[tok.i - 1].lower_ in ("prime", "foreign"):
            first = doc[tok.i - 1]
            title = f"{first.lower_} minister"
        elif head_word == "secretary" and doc[tok.i + 1 : tok.i + 3].text.lower() == "of state":
            title = "secretary of state"
        if title not in OFFICE_TITLES:
            continue
        if tok.dep_ == "compound" or (
            tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON"
        ):
            continue  # "President Trump": a title before a name
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
            continue  # "the president, Donald Trump"
        if any(
            (c.dep_ == "det" and c.lower_ in _ANY_HOLDER) or c.lower_ in _NOT_THE_HOLDER
            for c in tok.children
        ):
            continue  # "a future US president", "the former Japanese prime minister"
        state = ""
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.ent_type_ in (
                "GPE",
                "NORP",
            ):
                state = _entity_text(child)
        if not state and not _bare_office(tok, title):
            continue
        end_tok = doc[tok.i + 2] if title == "secretary of state" else tok
        s, e = first.idx + offset, end_tok.idx + len(end_tok.text) + offset
        if (s, e) not in taken:
            out.append(Mention(doc_text[s - offset : e - offset], s, e, "OFFICE", state))
    return out


# Words before an office's title that make it no particular holder's ("a US president",
# "any prime minister") or not the one in office ("a future US president", "the former
# Japanese prime minister", "the next chancellor").
_ANY_HOLDER = frozenset({"a", "an", "any", "every", "each", "no", "another", "some"})
_NOT_THE_HOLDER = frozenset(
    {"future", "next", "former", "previous", "past", "late", "earlier", "incoming", "ex"}
)

# Offices said with "the" alone that the resolver may give to their holder (the article's
# state's, when the article names the holder): "he skewered the president on CNN".
_BARE_OFFICES = frozenset({"president", "prime minister", "chancellor"})


def _bare_office(tok: Token, title: str) -> bool:
    """Whether ``tok`` is "the president" said alone: no state, no "of", no other word."""
    if title not in _BARE_OFFICES or tok.lower_ != title.split()[-1]:
        return False
    words = [c for c in tok.children if c.i < tok.i]
    if title == "prime minister":
        words = [c for c in words if c.lower_ != "prime"]
    if [c.lower_ for c in words] != ["the"]:
        return False  # "the vice president", "the former president", "our president"
    return not any(c.dep_ == "prep" for c in tok.children)  # "the president of Harvard"


def _entity_text(tok: Token) -> str:
    """Return the whole entity a token belongs to ("North Korean" for "Korean")."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            bounds = _trim(ent)
            if bounds is not None:
                s, e = _char_bounds(tok.doc, *bounds)
                return text_of(tok.doc)[s:e]
    return tok.text


def _split_state_prefix(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """Find a state name opening an organization name ("U.S." in "U.S. Joint Chiefs")."""
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    # Longest state prefix first, leaving at least one token of body.
    for cut in range(min(end - 1, start + 3), start, -1):
        words = doc[start:cut].text
        entry = gaz.demonym(words) or gaz.lookup(words)
        if entry is not None and entry.type == "Country":
            body = doc[cut:end]
            if not _is_government_body(body.text, entry.id):
                return None  # a company or a place misread as a body: keep the whole name
            if body[0].is_title or body[0].is_upper:
                label = "NORP" if gaz.demonym(words) is not None else "GPE"
                return cut, label
    return None


def _is_market(span: Span) -> bool:
    """Whether a city name is the subject of a market verb ("Tokyo closed higher")."""
    from kg.gazetteer import load_gazetteer

    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in MARKET_VERBS:
        return False
    found = load_gazetteer().lookup_kind(span.text)
    return found is None or found[1] == "capital" or found[0].type == "Place"


def _is_government_body(name: str, state_id: str) -> bool:
    """Whether ``name`` reads as a body of a state ("Defence Ministry", "Joint Chiefs")."""
    from kg.gazetteer import load_gazetteer

    # The head is before "of": "Ministry of Defence" is a body, "Federation of Government
    # Employees" a union.
    head = re.split(r"\s+of\s+", name, maxsplit=1)[0]
    words = {w.lower().strip(".,’'") for w in head.split()}
    if words & ORG_HEAD_WORDS:
        return True
    return load_gazetteer().relative_body(name, state_id) is not None


def _possessor_state(doc: Doc, start: int, end: int) -> str:
    """Return the state that owns a government body ("China’s Defence Ministry"), or ''."""
    from kg.gazetteer import load_gazetteer

    root = doc[start:end].root
    for child in root.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not (start <= child.i < end):
            if child.ent_type_ in _STATE_LABELS:
                gaz = load_gazetteer()
                state = gaz.demonym(child.text) or gaz.lookup(child.text)
                if state is not None and _is_government_body(doc[start:end].text, state.id):
                    return child.text
    return ""
