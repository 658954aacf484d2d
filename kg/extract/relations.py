"""Relation patterns over a dependency parse.

Each pattern is a small tree walk with a name; the name is the ``rule`` field of
what it produces. Patterns:

- ``svo``: active clause, subject → verb (lexicon) → direct object.
- ``svo-passive``: "X was attacked by Y".
- ``verb-prep``: "talks with", "spoke by telephone with", "called on".
- ``control``: "threatened to target Japan" (the governing verb's relation, the
  embedded verb's object).
- ``light-verb``: "hold talks with", "step up defense cooperation", "impose
  tariffs on".
- ``mutual``: a symmetric relation between conjoined subjects ("The United States
  and Japan agreed").
- ``nominal-between``, ``nominal-compound``, ``nominal-possessive``: relation
  nouns ("cooperation between X and Y", "the U.S.-Japan alliance", "China, North
  Korea's main ally").
- ``title``, ``appos-title``: affiliations from titles and appositions.
- ``body-of-state``: a government body and its state.
- ``open``: a verb the lexicon does not know, between two actors.

Negation, modality and attribution come from :func:`clause_context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

from kg.extract import lexicon as lx
from kg.extract.facts import Candidate
from kg.extract.gender import name_gender
from kg.nlp import text_of
from kg.ontology import OPEN_PREFIX, RELATIONS, Category
from kg.types import Mention, Modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["clause_context", "find_candidates", "pair_contexts", "pronoun_mentions"]

_SUBJ_DEPS = frozenset({"nsubj", "csubj"})
_PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
_OBJ_DEPS = frozenset({"dobj", "dative", "obj"})
_UP_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "prep", "pobj"})
_MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_HEAD_STATE_LABELS = frozenset({"GPE", "NORP", "ORG"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_QUOTES = frozenset({'"', "“", "”"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})

_CONF = {
    "svo": 0.8,
    "svo-passive": 0.75,
    "verb-prep": 0.75,
    "control": 0.7,
    "light-verb": 0.7,
    "backed-by": 0.75,
    "mutual": 0.65,
    "nominal-between": 0.6,
    "nominal-compound": 0.6,
    "nominal-possessive": 0.65,
    "title": 0.9,
    "appos-title": 0.85,
    "staff-title": 0.85,
    "campaign-title": 0.85,
    "body-of-state": 0.9,
    "open": 0.3,
    "person-of": 0.7,
    "in-place": 0.6,
    "place-appos": 0.7,
    "place-verb": 0.75,
    "copular-title": 0.75,
    "person-paren": 0.6,
    "person-poss": 0.6,
    "party-designator": 0.9,
    "composition": 0.8,
}
_VIA_HEAD_PENALTY = 0.15


class _Make(Protocol):
    def __call__(
        self,
        subj: tuple[int, bool],
        relation: str,
        obj: tuple[int, bool],
        rule: str,
        ctx: _Context,
        detail: str = "",
    ) -> Candidate: ...


@dataclass(frozen=True, slots=True)
class _Context:
    negated: bool
    modality: Modality
    speaker: int


@dataclass(slots=True)
class _Finder:
    doc: Doc
    mentions: Sequence[Mention]
    token_mention: list[int]
    offset: int
    # Mentions of party designators ("R-Ky."): their state qualifier says whose, not partOf.
    designated: frozenset[int] = frozenset()

    # -- arguments -----------------------------------------------------------------
    def actor(self, tok: Token) -> tuple[int, bool] | None:
        """Return (mention index, reached indirectly) for a token.

        Indirect: through a head noun ("U.S. officials" -> United States) or a personal
        pronoun ("he" -> the last person named before it, within two sentences).
        """
        idx = self.token_mention[tok.i]
        if idx >= 0:
            return idx, False
        if tok.lower_ in _PERSON_PRONOUNS and tok.pos_ == "PRON":
            antecedent = self.antecedent(tok)
            return (antecedent, True) if antecedent is not None else None
        if tok.pos_ in _NOUN_POS:
            for child in tok.children:
                if child.dep_ not in _MOD_DEPS:
                    continue
                cidx = self.token_mention[child.i]
                if cidx < 0:
                    continue
                label = self.mentions[cidx].label
                if label in _HEAD_STATE_LABELS or (label == "PERSON" and child.dep_ == "poss"):
                    return cidx, True
        return None

    def actors(self, toks: Sequence[Token]) -> list[tuple[int, bool]]:
        out: list[tuple[int, bool]] = []
        for tok in _with_conjuncts(toks):
            found = self.actor(tok)
            if found is not None and found[0] not in {o[0] for o in out}:
                out.append(found)
        return out

    def subjects(self, verb: Token) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ in _SUBJ_DEPS]
        if subj and verb.dep_ == "relcl" and subj[0].lower_ in _RELATIVE_PRONOUNS:
            return [verb.head]  # "Booth, who assassinated Lincoln": Booth acts
        if subj:
            return subj
        # Control and coordination: "X threatened to target", "X met Y and agreed".
        tok = verb
        if (
            tok.dep_ == "pcomp"
            and tok.head.dep_ == "prep"
            and tok.head.head.dep_ in _OBJ_DEPS
            and tok.head.head.head.lemma_.lower() in _PREP_OBJECT_CONTROL
        ):
            return [tok.head.head]  # "accused the NBA of siding with China", "of" on the NBA
        for _ in range(4):
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
                judge = tok.head.head
                objs = [c for c in judge.children if c.dep_ in _OBJ_DEPS]
                if objs and judge.lemma_.lower() in _PREP_OBJECT_CONTROL:
                    # "accused the NBA of siding with China", "the NBA, which he accused of
                    # siding with China": the accused sides, not the accuser.
                    if objs[0].lower_ in _RELATIVE_PRONOUNS and judge.dep_ == "relcl":
                        return [judge.head]
                    return objs
                tok = tok.head  # "told reporters after meeting X": the teller meets
            if tok.dep_ not in ("xcomp", "conj", "advcl", "prep", "acomp") or tok.head.i == tok.i:
                break
            head = tok.head
            if tok.dep_ == "xcomp":
                objs = [c for c in head.children if c.dep_ in _OBJ_DEPS]
                if objs and head.lemma_.lower() in _OBJECT_CONTROL:
                    return objs
            subj = [c for c in head.children if c.dep_ in _SUBJ_DEPS]
            if subj:
                return subj
            tok = head
        return []

    def reporter_of(self, tok: Token) -> int | None:
        """Return the person who reports a clause ``tok`` is the subject of, or ``None``.

        "X said he did not meet Y": ``he`` is X, the subject of the speech verb, not another
        person named between them ("X, asked about Z, said he ...").
        """
        clause = tok.head
        if tok.dep_ not in _SUBJ_DEPS | _PASS_SUBJ_DEPS or clause.dep_ != "ccomp":
            return None
        verb = clause.head
        if verb.lemma_.lower() not in lx.SPEECH_VERBS:
            return None
        for subj in (c for c in verb.children if c.dep_ in _SUBJ_DEPS):
            idx = self.token_mention[subj.i]
            if idx >= 0 and self.mentions[idx].label == "PERSON" and self._agrees(tok, idx):
                return idx
        return None

    def antecedent(self, tok: Token) -> int | None:
        """Return the person mention a personal pronoun stands for, or ``None``.

        In order: the reporter of the clause it is the subject of ("X said *he* ..."); the
        subject of the clause its own clause hangs from ("X met Y while *he* was director",
        "X met Y and *he* said"); the subject of the sentence before, when the pronoun opens
        its own sentence's subject and no person is named before it there ("X met Y. *He*
        said"); else the last person named at most two sentences back. A person whose name
        says the other gender is never taken ("*she*" is not "Mitt Romney").
        """
        for found in (
            self.reporter_of(tok),
            self._governing_subject(tok),
            self._previous_subject(tok),
        ):
            if found is not None:
                return found
        return self.last_person_before(tok)

    def _agrees(self, tok: Token, idx: int) -> bool:
        """Whether mention ``idx`` may be what pronoun ``tok`` stands for, by gender."""
        want = _PRONOUN_GENDER.get(tok.lower_, "")
        got = self._gender(idx)
        return not want or not got or want == got

    def _gender(self, idx: int) -> str:
        """The gender a person mention's name says; a surname alone takes its full name's."""
        text = self.mentions[idx].text
        said = name_gender(text)
        if said or len(text.split()) > 1:
            return said
        known = {
            name_gender(m.text)
            for m in self.mentions
            if m.label == "PERSON" and len(m.text.split()) > 1 and m.text.split()[-1] == text
        } - {""}
        return known.pop() if len(known) == 1 else ""

    def _person_subject(self, verb: Token, before: Token) -> int | None:
        """The person mention that is a subject of ``verb`` and ends before ``before``."""
        for subj in verb.children:
            if subj.dep_ not in _SUBJ_DEPS | _PASS_SUBJ_DEPS or subj.i >= before.i:
                continue
            idx = self.token_mention[subj.i]
            if idx >= 0 and self._is_person(idx) and self._agrees(before, idx):
                return idx
        return None

    def _is_person(self, idx: int) -> bool:
        """Whether mention ``idx`` names a person: tagged so, or a named person's surname.

        "Mike Pompeo ... *Pompeo* met Kim": the tagger may call the surname alone an ORG.
        """
        m = self.mentions[idx]
        if m.label == "PERSON":
            return True
        return len(m.text.split()) == 1 and any(
            o.label == "PERSON" and o.end <= m.start and o.text.split()[-1] == m.text
            for o in self.mentions
        )

    def _governing_subject(self, tok: Token) -> int | None:
        """The subject of the clause above the pronoun's: "X met Y while *he* was director"."""
        if tok.dep_ not in _SUBJ_DEPS | _PASS_SUBJ_DEPS or tok.head.dep_ not in ("advcl", "conj"):
            return None
        return self._person_subject(tok.head.head, tok)

    def _previous_subject(self, tok: Token) -> int | None:
        """The subject of the sentence before, if no person is named between: "X met Y. *He*"."""
        if tok.dep_ not in _SUBJ_DEPS | _PASS_SUBJ_DEPS:
            return None
        sent = tok.sent
        before = self.doc[sent.start : tok.i]
        if sum(t.text in _QUOTES for t in before) % 2:
            return None  # '"I don't know how *he* will deal with Congress," Dole said'
        named = (self.token_mention[t.i] for t in before)
        if sent.start == 0 or any(i >= 0 and self._is_person(i) for i in named):
            return None
        return self._person_subject(self.doc[sent.start - 1].sent.root, tok)

    def last_person_before(self, tok: Token) -> int | None:
        """Return the last person mention before ``tok``, at most two sentences back."""
        sent = tok.sent
        earliest = sent.start_char
        prev = sent.start - 1
        for _ in range(2):
            if prev < 0:
                break
            earliest = self.doc[prev].sent.start_char
            prev = self.doc[prev].sent.start - 1
        here = tok.idx + self.offset
        excluded = self._not_antecedents(tok)
        best: int | None = None
        for idx, m in enumerate(self.mentions):
            if m.end > here or m.start < earliest + self.offset or not self._is_person(idx):
                continue
            if idx in excluded or not self._agrees(tok, idx):
                continue
            if best is None or m.start > self.mentions[best].start:
                best = idx
        return best

    def _not_antecedents(self, tok: Token) -> set[int]:
        """The mentions of ``tok``'s own clause that a personal pronoun cannot stand for.

        An object pronoun is not its clause's subject ("Obama praised *him*"); a subject
        pronoun is not an object or possessor in an adjunct before it ("With a nod toward
        Obama's broken promise, *he* skewered the president", "After meeting Obama, *he*
        left"; but "When Obama arrived, *he* spoke" may be Obama, and so may the possessor of
        that clause's subject: "If Obama's calls are any indication, *he* spoke with ...").
        """
        verb = tok.head
        out: set[int] = set()
        if tok.dep_ in _OBJ_DEPS:
            for c in verb.children:
                if c.dep_ in _SUBJ_DEPS and self.token_mention[c.i] >= 0:
                    out.add(self.token_mention[c.i])
        elif tok.dep_ in _SUBJ_DEPS | _PASS_SUBJ_DEPS:
            for c in verb.children:
                if c.i >= tok.i or c.dep_ not in ("prep", "advcl", "npadvmod"):
                    continue
                for t in c.subtree:
                    idx = self.token_mention[t.i]
                    if idx < 0 or self.token_mention[t.head.i] == idx:
                        continue  # not a mention, or not the root of its mention
                    if t.dep_ in _SUBJ_DEPS | _PASS_SUBJ_DEPS:
                        continue
                    if t.dep_ == "poss" and t.head.dep_ in _SUBJ_DEPS | _PASS_SUBJ_DEPS:
                        continue  # the possessor of the adjunct clause's subject
                    out.add(idx)
        return out

    def mention_token_index(self, idx: int) -> int:
        """Return the index of the first token of mention ``idx``."""
        for i, m in enumerate(self.token_mention):
            if m == idx:
                return i
        return 0

    def mention_token_span(self, idx: int) -> tuple[int, int]:
        m = self.mentions[idx]
        return m.start - self.offset, m.end - self.offset


_OBJECT_CONTROL = frozenset({"urge", "ask", "allow", "force", "press", "tell", "persuade", "help"})
# Verbs whose object does what their preposition's clause says ("accused X of siding with Y").
_PREP_OBJECT_CONTROL = frozenset({
    "accuse", "blame", "criticize", "criticise", "praise", "credit", "thank", "charge",
    "fault", "condemn", "punish", "suspect", "commend", "congratulate", "applaud", "attack",
    "slam", "rebuke", "chide", "scold", "sanction", "indict", "convict",
})  # fmt: skip


def _with_conjuncts(toks: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in toks:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


def _has_neg(tok: Token) -> bool:
    if any(c.dep_ == "neg" and c.lower_ != "never" for c in tok.children):
        return True
    # "never" denies, but not before a comparative: "this alliance has never been stronger"
    return any(c.lower_ == "never" for c in tok.children) and not any(
        c.tag_ in ("JJR", "RBR") and c.dep_ in ("acomp", "attr") for c in tok.children
    )


def _imperative(tok: Token) -> bool:
    """Whether ``tok`` is an imperative: a call to act, not an act.

    A verb in its base form with no subject ("work with Congress", "let us talk"), or one a
    "please" comes before in its clause, whatever the parser took for its subject
    ("Please, Nancy Pelosi, Mitch McConnell, please come together": a vocative).
    """
    if tok.tag_ not in ("VB", "VBP") or tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if tok.dep_ == "conj":
        return tok.head.pos_ in ("VERB", "AUX") and _imperative(tok.head)
    if any(t.lower_ == "please" and t.i < tok.i for t in tok.subtree):
        return True
    return tok.tag_ == "VB" and not any(
        c.dep_ in _SUBJ_DEPS | _PASS_SUBJ_DEPS | {"expl", "aux", "auxpass", "mark"}
        for c in tok.children
    )


def _for_to_infinitive(tok: Token) -> bool:
    """Whether ``tok`` heads a "for X to ..." clause: an act wanted or needed, not one done.

    "The first step is for him to consult with Congress", "it is time for Obama to meet
    Putin": the clause's subject comes after "for", its verb after "to".
    """
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    )


def clause_context(verb: Token, finder_actor: _Finder | None = None) -> _Context:
    """Return negation, modality and speaker of the clause headed by ``verb``.

    Walks up from ``verb`` through clausal links: "vowed not to allow" and
    "refused to meet" are negated; "wants to", "is considering", what is said with "will"
    and an imperative ("work with Congress") are intended; "would", "if …" are hypothetical;
    "X said (that) …" is reported by X.
    """
    negated = _has_neg(verb)
    hypothetical = False
    intended = False
    reported = False
    speaker = -1
    if any(c.dep_ == "aux" and c.lower_ in lx.HYPOTHETICAL_AUX for c in verb.children):
        hypothetical = True
    if verb.lemma_.lower() not in lx.CONTINUING_VERBS and any(
        c.dep_ == "aux" and c.lower_ in lx.FUTURE_AUX for c in verb.children
    ):
        intended = True  # "will this week visit Britain": planned, not yet held
    tok = verb
    for _ in range(8):
        if any(c.dep_ == "mark" and c.lower_ in lx.HYPOTHETICAL_MARKS for c in tok.children):
            hypothetical = True
        if _imperative(tok):
            intended = True  # "Please, Nancy Pelosi, Mitch McConnell, please come together"
        if _for_to_infinitive(tok):
            intended = True  # "the first step is for him to consult with Congress": not yet
        if tok.dep_ not in _UP_DEPS or tok.head.i == tok.i:
            break
        head = tok.head
        lemma = head.lemma_.lower()
        if tok.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep"):
            if lemma in lx.NEGATING_VERBS and tok.dep_ == "xcomp":
                negated = True
            if _has_neg(head) and tok.dep_ in ("xcomp", "ccomp"):
                negated = True
            if lemma in lx.INTENT_VERBS and tok.dep_ in ("xcomp", "pcomp", "pobj", "prep"):
                intended = True
            if lemma in lx.REQUEST_VERBS and tok.dep_ == "xcomp":
                intended = True
            if lemma in lx.HYPOTHETICAL_HEADS and tok.dep_ == "xcomp":
                hypothetical = True  # "likely to oppose"
            if any(c.dep_ == "aux" and c.lower_ in lx.HYPOTHETICAL_AUX for c in head.children):
                hypothetical = True
        if tok.dep_ == "acl" and head.pos_ == "NOUN" and tok.tag_ == "VB":
            # an infinitive on a noun: "has no plans to meet", "a bid to oust", "his refusal
            # to testify"
            if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
                negated = True
            if lemma in lx.NEGATING_NOUNS:
                negated = True
            elif lemma in lx.INTENT_NOUNS:
                intended = True
        if (
            tok.dep_ == "advcl"
            and lemma in lx.REQUEST_VERBS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            intended = True  # "called for President Reagan immediately to force Japan"
        if tok.dep_ in ("conj", "advcl") and any(
            c.dep_ == "aux" and c.lower_ in lx.HYPOTHETICAL_AUX for c in head.children
        ):
            hypothetical = True  # "would block Iran, while working with Russia"
        if tok.dep_ == "ccomp" and lemma in lx.SPEECH_VERBS:
            reported = True
            if finder_actor is not None and speaker < 0:
                subj = [c for c in head.children if c.dep_ in _SUBJ_DEPS]
                found = finder_actor.actors(subj)
                if found:
                    speaker = found[0][0]
        if tok.dep_ == "ccomp" and lemma in lx.INTENT_VERBS and lemma not in lx.SPEECH_VERBS:
            intended = True
        tok = head
    modality: Modality = "asserted"
    if hypothetical:
        modality = "hypothetical"
    elif intended:
        modality = "intended"
    elif reported:
        modality = "reported"
    return _Context(negated, modality, speaker)


def _make_finder(doc: Doc, mentions: Sequence[Mention], offset: int) -> _Finder:
    token_mention = [-1] * len(doc)
    for idx, m in enumerate(mentions):
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            token_mention[tok.i] = idx
    from kg.extract.mentions import designator_mentions

    spans = {(m.start, m.end) for m in designator_mentions(text_of(doc), offset)}
    designated = frozenset(i for i, m in enumerate(mentions) if (m.start, m.end) in spans)
    return _Finder(doc, mentions, token_mention, offset, designated)


def _mention_root(f: _Finder, idx: int) -> Token | None:
    m = f.mentions[idx]
    span = f.doc.char_span(m.start - f.offset, m.end - f.offset, alignment_mode="expand")
    return span.root if span is not None else None


def _chain(tok: Token) -> list[Token]:
    """``tok`` and its heads up to the root of its sentence."""
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def pronoun_mentions(
    doc: Doc, mentions: Sequence[Mention], *, offset: int = 0
) -> list[tuple[Mention, int]]:
    """Return the personal pronouns that stand for a person named before them.

    Each is a ``PERSON`` mention of the pronoun's own words with the index of the mention
    it stands for, read as the patterns read "he" (:meth:`_Finder.antecedent`: the subject
    of the speech verb whose clause it opens, "X said *he* would meet Y"; of the clause its
    own hangs from; of the sentence before; else the last person named at most two sentences
    back, never one whose name says the other gender). A pronoun with no person before it
    is left out.

    Example:
        >>> from kg.nlp import load_pipeline  # doctest: +SKIP
        >>> doc = load_pipeline()("Biden spoke. He met Xi.")  # doctest: +SKIP
        >>> [(m.text, i) for m, i in pronoun_mentions(doc, find_mentions(doc))]  # doctest: +SKIP
        [('He', 0)]
    """
    f = _make_finder(doc, mentions, offset)
    out: list[tuple[Mention, int]] = []
    for tok in doc:
        if tok.lower_ not in _PERSON_PRONOUNS or tok.pos_ != "PRON" or f.token_mention[tok.i] >= 0:
            continue
        antecedent = f.antecedent(tok)
        if antecedent is None:
            continue
        start = tok.idx + offset
        out.append((Mention(tok.text, start, start + len(tok.text), "PERSON"), antecedent))
    return out


def pair_contexts(
    doc: Doc,
    mentions: Sequence[Mention],
    pairs: Sequence[tuple[int, int, str]],
    *,
    offset: int = 0,
) -> list[tuple[bool, Modality, int]]:
    """Return (negated, modality, speaker) of relations between pairs of mentions.

    The clause of a pair is the first verb on the dependency path from the object up to
    where it meets the subject's path ("X refused to *meet* Y", "X said Y *attacked* Z"),
    else the first on the subject's side; :func:`clause_context` reads that verb. A
    relation that is not stated by a verb of its own (an affiliation or a place: "Japanese
    Defence Minister Onodera said ...") is asserted unless such a verb is found; an
    affiliation, a standing relation, takes only a verb that can state it (where the two
    paths meet, or a relative clause: :func:`_states_between`), not the verb of a clause
    that holds one of the two alone, and is negated by a verb of leaving ("resigned from").
    A relation its subject states by speaking (criticizes, urges, ...) takes the clause of
    the speaking ("X said Y's plan would fail"), unless a verb of the words states it. Any
    other relation takes the clause it stands in ("Japan would welcome *talks* with China"),
    and is negated under "no" or "without" between a mention and that verb ("no evidence of
    collusion between X and Y"), or, a cooperation or a communication, as the object of a
    verb of denial ("denied any collusion with Moscow").

    Args:
        doc: The parsed text.
        mentions: Its mentions (offsets into the article).
        pairs: (subject index, object index, relation name) per relation.
        offset: Where ``doc`` starts in the article.
    """
    f = _make_finder(doc, mentions, offset)
    out: list[tuple[bool, Modality, int]] = []
    for subj, obj, relation in pairs:
        ctx = _pair_context(f, subj, obj, relation)
        out.append((ctx.negated, ctx.modality, ctx.speaker))
    return out


def _pair_context(f: _Finder, subj: int, obj: int, relation: str) -> _Context:
    category = RELATIONS[relation].category if relation in RELATIONS else None
    presupposed = category in _PRESUPPOSED
    standing = category == "affiliation"
    asserted = _Context(False, "asserted", -1)
    a, b = _mention_root(f, subj), _mention_root(f, obj)
    if a is None or b is None:
        return asserted
    up_a, up_b = _chain(a), _chain(b)
    seen_a = {t.i for t in up_a}
    meet = next((t for t in up_b if t.i in seen_a), None)
    verb: Token | None = None
    for chain, other in ((up_b, seen_a), (up_a, {t.i for t in up_b})):
        for tok in chain:
            if tok.pos_ in ("VERB", "AUX") and (not standing or _states_between(tok, meet, other)):
                verb = tok
                break
            if meet is not None and tok.i == meet.i:
                break
        if verb is not None:
            break
    if relation in _SPOKEN:
        verb = _speech_of(a, up_b, category) or verb
    if verb is None and not presupposed and meet is not None:
        verb = next((t for t in _chain(meet) if t.pos_ in ("VERB", "AUX")), None)
    denied = not presupposed and _denied_by_noun(up_b, up_a)
    if verb is None:
        return _Context(True, "asserted", -1) if denied else asserted
    ctx = clause_context(verb, f)
    if standing and _leaves(verb):
        denied = True  # "Frazier resigned from the council", "stepped down as chair"
    if category in _DENIABLE and (
        _denies_object(verb, up_b, up_a) or _denies_ties(verb, up_b, up_a)
    ):
        denied = True  # "Trump has denied any collusion with Moscow", "... any collusion"
    if category == "cooperation" and _worsened_ties(up_b, up_a):
        denied = True  # "relations between Moscow and Washington have deteriorated"
    return _Context(True, ctx.modality, ctx.speaker) if denied else ctx


# Relations a speaker states by speaking: "the Refugee Council said Mr Howard's proposals
# would mean no safe haven" criticizes Howard, whatever the proposals would do.
_SPOKEN = frozenset(
    {
        "praises", "supports", "threatens", "accuses", "criticizes", "rejects", "opposes",
        "warns", "demandsFrom", "urges", "asks",
    }
)  # fmt: skip


def _speech_of(subject: Token, up_obj: list[Token], category: Category | None) -> Token | None:
    """The verb of speech whose speaker is ``subject`` and whose words hold the object.

    Its clause is the relation's when the relation is a speech act ("X said Y's plan would
    fail": X criticizes Y, asserted), unless a verb of the words states that relation
    itself ("X said he would criticize Y": hypothetical). A body speaks by its official
    ("USDA undersecretary Daniel Amstutz said": the USDA's mention is the speaker's).
    """
    speaker = subject
    while speaker.dep_ in ("compound", "poss", "nmod", "amod") and speaker.head.i != speaker.i:
        speaker = speaker.head  # a body speaks by its official: "USDA undersecretary X said"
    speech = speaker.head
    if speaker.dep_ != "nsubj" or speech.lemma_.lower() not in lx.SPEECH_VERBS:
        return None
    chain = [t.i for t in up_obj]
    if speech.i not in chain:
        return None
    for tok in up_obj[: chain.index(speech.i)]:
        stated = lx.VERB_RELATIONS.get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
        if stated in RELATIONS and RELATIONS[stated].category == category:
            return None
    return speech


def _leaves(verb: Token) -> bool:
    """Whether ``verb`` says its subject left (an office, a party): "resigned", "stepped down"."""
    particle = lx.LEAVING_VERBS.get(verb.lemma_.lower())
    if particle is None:
        return False
    return not particle or any(
        c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in verb.children
    )


# Relations a noun can name as the object of a verb that denies it ("denied any collusion
# with Moscow", "halted talks with Iran"). A conflict stays: "Iran rejected the accusation"
# is itself the relation.
_DENIABLE: frozenset[Category] = frozenset({"cooperation", "communication"})


def _below(verb: Token, chain: list[Token]) -> Token | None:
    """The token of a mention's chain that hangs from ``verb`` (how the mention reaches it)."""
    return next((t for t in chain if t.head.i == verb.i and t.i != verb.i), None)


def _denies_object(verb: Token, *chains: list[Token]) -> bool:
    """Whether ``verb`` denies (refuses, halts ...) the noun through which a mention reaches it."""
    if verb.lemma_.lower() not in lx.NEGATING_VERBS:
        return False
    for chain in chains:
        below = _below(verb, chain)
        if below is not None and below.dep_ == "dobj" and below.pos_ == "NOUN":
            return True
    return False


def _denies_ties(verb: Token, *chains: list[Token]) -> bool:
    """Whether a mention denies a tie as a whole: "Trump has denied any collusion".

    ``verb`` denies (:data:`~kg.extract.lexicon.NEGATING_VERBS`) a noun of a tie
    (:data:`~kg.extract.lexicon.DENIED_TIES`), and one of the mentions is its subject: the
    cooperation that the clause gives the pair is the one denied.
    """
    if verb.lemma_.lower() not in lx.NEGATING_VERBS:
        return False
    if not any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in lx.DENIED_TIES
        for c in verb.children
    ):
        return False
    return any(
        (below := _below(verb, chain)) is not None and below.dep_ in ("nsubj", "nsubjpass")
        for chain in chains
    )


def _worsened_ties(*chains: list[Token]) -> bool:
    """Whether a mention stands in ties said to have gone bad.

    "Relations between Moscow and Washington have deteriorated", "strained ties with
    Beijing", "the souring relationship between the two": the tie noun
    (:data:`~kg.extract.lexicon.STANDING_TIES`) on a mention's way up is the subject of a verb
    of worsening or carries an adjective of it; the cooperation it would state does not hold.
    """
    for chain in chains:
        for tok in chain[1:]:
            if tok.pos_ in ("VERB", "AUX"):
                break
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lx.STANDING_TIES:
                continue
            if any(c.dep_ == "amod" and c.lower_ in lx.WORSENED_ADJECTIVES for c in tok.children):
                return True
            head = tok.head
            if tok.dep_ == "nsubj" and head.lemma_.lower() in lx.WORSENING_VERBS:
                return True
    return False


_PRESUPPOSED: frozenset[Category] = frozenset({"affiliation", "location"})
"""Categories stated by titles and appositions more than by verbs: a relation of these is
asserted unless a verb of its own says otherwise (:func:`pair_contexts`)."""


def _states_between(verb: Token, meet: Token | None, other: set[int]) -> bool:
    """Whether ``verb`` can state a standing relation between a pair (an office, a membership).

    It can when it governs both mentions (it is where their paths meet: "Gillum *would be*
    Florida's first black governor"), shares its subject with the verb that does, through
    open complements ("Manafort denied ever *doing* work for the government of Ukraine"), or
    is a relative clause on the other mention's path ("McCaul, who *will serve* as the new
    chairman for the House Homeland Security"); or a condition holds the mention. A verb
    on one side only, below the meeting point, says something else about that side:
    "Chancellor Helmut Kohl said the West German government *will stick* to its timetable"
    does not make Kohl's office a plan.
    """
    if any(c.dep_ == "mark" and c.lower_ in lx.HYPOTHETICAL_MARKS for c in verb.children):
        return True  # the mention stands in a condition: "If you're a conservative Republican"
    tok = verb
    while meet is not None and tok.i != meet.i and tok.dep_ == "xcomp":
        tok = tok.head  # a verb whose subject is the governing verb's ("denied doing work for")
    if meet is not None and tok.i == meet.i:
        return True
    return tok.dep_ in ("relcl", "acl") and tok.head.i in other


_STANCE_TARGET_LINKS = frozenset({"poss", "compound", "nmod", "prep"})


class Stance(NamedTuple):
    """A noun of stance that joins two mentions ("Paul, a fierce opponent of the NSA")."""

    noun: str
    """The noun's lemma."""
    relation: str
    """The relation the noun states (:data:`~kg.extract.lexicon.STANCE_RELATIONS`), or ``""``."""
    holder: int
    """The mention who takes the stance (Paul), or -1 when the parse does not tell."""
    target: int
    """The mention the stance is towards (the NSA), or -1."""


def stance_linked(
    doc: Doc, mentions: Sequence[Mention], pairs: Sequence[tuple[int, int]], *, offset: int = 0
) -> list[Stance | None]:
    """The noun of stance that joins each pair, if any ("Paul, a fierce opponent of the NSA").

    Such a pair is not an affiliation, whatever reads it as one: the noun ("opponent",
    "critic", "ally") on the dependency path between the two mentions says how one stands
    towards the other. The target is the mention under the noun ("of the NSA", "Trump's
    critics", "Trump ally Lindsey Graham"); the holder, the other one.
    """
    f = _make_finder(doc, mentions, offset)
    out: list[Stance | None] = []
    for a_idx, b_idx in pairs:
        a, b = _mention_root(f, a_idx), _mention_root(f, b_idx)
        if a is None or b is None:
            out.append(None)
            continue
        up_a, up_b = _chain(a), _chain(b)
        on_a, on_b = {t.i for t in up_a}, {t.i for t in up_b}
        # the path: each side up to where they meet, and the meeting token itself
        between = [t for t in up_b[1:] if t.i not in on_a]
        between += [t for t in up_a[1:] if t.i not in on_b]
        meet = next((t for t in up_b if t.i in on_a), None)
        if meet is not None and meet.i not in (a.i, b.i):
            between.append(meet)
        noun = next(
            (t for t in between if t.pos_ == "NOUN" and t.lemma_.lower() in lx.STANCE_NOUNS), None
        )
        if noun is None:
            out.append(None)
            continue
        lemma = noun.lemma_.lower()
        under_a, under_b = noun.i in on_a, noun.i in on_b
        holder, target = -1, -1
        if under_a != under_b:
            target, holder = (a_idx, b_idx) if under_a else (b_idx, a_idx)
        elif under_a:
            # both hang from the noun ("Trump ally Lindsey Graham" as one phrase): the
            # target modifies it, the holder is set beside it
            link_a = up_a[[t.i for t in up_a].index(noun.i) - 1].dep_
            link_b = up_b[[t.i for t in up_b].index(noun.i) - 1].dep_
            if link_a in _STANCE_TARGET_LINKS and link_b == "appos":
                target, holder = a_idx, b_idx
            elif link_b in _STANCE_TARGET_LINKS and link_a == "appos":
                target, holder = b_idx, a_idx
        out.append(Stance(lemma, lx.STANCE_RELATIONS.get(lemma, ""), holder, target))
    return out


# Words under which an outlet or its journalist is spoken to, not worked for: "told CNN",
# "said on Fox News", "in an interview with NBC", "speaking to ... on MSNBC".
_ADDRESSING = frozenset({"interview", "speak", "talk", "appear", "appearance", "ask"})
_POSSESSIVE_GAP = re.compile(r"\s*['’]s?\s+")


def _addressed(tok: Token) -> bool:
    """Whether ``tok`` is spoken to or on: "told *CNN*", "an interview with *NBC*"."""
    head = tok.head
    if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() in ("tell", "ask"):
        return True
    if tok.dep_ != "pobj" or head.lower_ not in ("to", "with", "on"):
        return False
    governor = head.head
    if governor.dep_ == "npadvmod":
        governor = governor.head  # "Earlier this week on CNN, Mook said"
    return governor.lemma_.lower() in lx.SPEECH_VERBS | _ADDRESSING


def speech_outlets(
    doc: Doc, mentions: Sequence[Mention], pairs: Sequence[tuple[int, int]], *, offset: int = 0
) -> list[bool]:
    """Whether each (person, body) pair joins a speaker to the outlet they speak to or on.

    "Mook told CNN's Jake Tapper", "said on CNN", "In an interview with NBC, Trump said",
    "told Greta Van Susteren of MSNBC": the outlet is where the person speaks, or whose
    journalist they address, not whom they work for ("CNN's Jake Tapper" works for CNN).
    """
    f = _make_finder(doc, mentions, offset)
    text = text_of(doc)
    out: list[bool] = []
    for person_idx, body_idx in pairs:
        person, body = _mention_root(f, person_idx), _mention_root(f, body_idx)
        if person is None or body is None:
            out.append(False)
            continue
        gap = text[f.mentions[body_idx].end - offset : f.mentions[person_idx].start - offset]
        if _POSSESSIVE_GAP.fullmatch(gap):
            out.append(False)  # "MSNBC's Andrea Mitchell", however the parser hangs it
            continue
        owner = body.head if body.dep_ == "poss" else None  # "CNN's Jake Tapper"
        if body.dep_ == "pobj" and body.head.lower_ == "of":
            owner = body.head.head  # "Greta Van Susteren of MSNBC"
        out.append(
            _addressed(body) or (owner is not None and owner.i != person.i and _addressed(owner))
        )
    return out


def _denied_by_noun(*chains: list[Token]) -> bool:
    """Whether a noun phrase between a mention and its clause's verb denies the relation.

    "There was no evidence of collusion between the campaign and the Kremlin", "if he
    proceeds without authorization from Parliament": the relation stands under "no" or
    "without", not under a negated verb.
    """
    for chain in chains:
        for tok in chain[1:]:
            if tok.pos_ in ("VERB", "AUX"):
                break
            if tok.dep_ == "prep" and tok.lower_ == "without":
                return True
            if tok.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children
            ):
                return True
    return False


def find_candidates(
    doc: Doc, mentions: Sequence[Mention], *, offset: int = 0
) -> Iterator[Candidate]:
    """Yield candidate relations between the ``mentions`` of ``doc``.

    Args:
        doc: The parsed text.
        mentions: Its actor mentions (offsets into the article, shifted by ``offset``).
        offset: Where ``doc`` starts in the article.
    """
    finder = _make_finder(doc, mentions, offset)
    seen: dict[tuple[int, str, int, int], Candidate] = {}
    for sent in doc.sents:
        for cand in _sentence_candidates(finder, sent):
            if cand.subject == cand.object:
                continue
            key = (cand.subject, cand.relation, cand.object, cand.sentence_start)
            old = seen.get(key)
            if old is None or cand.confidence > old.confidence:
                seen[key] = cand
    yield from seen.values()
    yield from _designator_candidates(doc, mentions, offset)


def _designator_candidates(
    doc: Doc, mentions: Sequence[Mention], offset: int
) -> Iterator[Candidate]:
    """Affiliations a party designator states: "Rand Paul, R-Ky." is a Republican for Kentucky.

    The person is the one named right before the designator; the party mention is
    ``memberOf``, the state one ``represents``, and the chamber of the title before the name
    ("Sen.") ``holdsPosition``.
    """
    from kg.extract.mentions import (
        DESIGNATOR_STATE,
        LEGISLATOR_TITLE,
        PARTY_DESIGNATOR,
        end_of_words,
    )

    text = text_of(doc)
    index = {(m.start, m.end, m.qualifier): i for i, m in enumerate(mentions)}
    people = {m.end: i for i, m in enumerate(mentions) if m.label == "PERSON"}
    for match in PARTY_DESIGNATOR.finditer(text):
        before = end_of_words(text, match.start())
        person = next(
            (
                people[end]
                for end in range(before + offset, before + offset - 3, -1)
                if end in people
            ),
            None,
        )
        if person is None:
            continue
        sent = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if sent is None:
            continue
        s_start, s_end = sent.sent.start_char + offset, sent.sent.end_char + offset
        spans = {"party": match.span("party")}
        if match.group("state"):
            spans["state"] = match.span("state")
        titled = LEGISLATOR_TITLE.search(text, max(0, before - 80), before)
        if titled is not None:
            spans["title"] = titled.span("title")
        for group, relation in (
            ("title", "holdsPosition"),
            ("party", "memberOf"),
            ("state", "represents"),
        ):
            if group not in spans:
                continue
            gs, ge = spans[group]
            idx = index.get((gs + offset, ge + offset, DESIGNATOR_STATE))
            if idx is not None:
                yield Candidate(
                    subject=person,
                    relation=relation,
                    object=idx,
                    sentence_start=s_start,
                    sentence_end=s_end,
                    confidence=_CONF["party-designator"],
                    rule="party-designator",
                )


def _sentence_candidates(f: _Finder, sent: Span) -> Iterator[Candidate]:
    s_start = sent.start_char + f.offset
    s_end = sent.end_char + f.offset

    def make(
        subj: tuple[int, bool],
        relation: str,
        obj: tuple[int, bool],
        rule: str,
        ctx: _Context,
        detail: str = "",
    ) -> Candidate:
        conf = _CONF[rule] - (_VIA_HEAD_PENALTY if subj[1] or obj[1] else 0.0)
        if ctx.modality != "asserted" or ctx.negated:
            conf -= 0.05
        return Candidate(
            subject=subj[0],
            relation=relation,
            object=obj[0],
            sentence_start=s_start,
            sentence_end=s_end,
            negated=ctx.negated,
            modality=ctx.modality,
            speaker=ctx.speaker,
            confidence=round(max(conf, 0.05), 3),
            rule=rule,
            detail=detail,
        )

    for tok in sent:
        if tok.pos_ == "VERB":
            yield from _verb_candidates(f, tok, make)
        if tok.pos_ in _NOUN_POS:
            yield from _noun_candidates(f, tok, make)
            yield from _copular_title(f, tok, make)
        if tok.dep_ == "amod":
            yield from _backed_by(f, tok, make)
    yield from _title_candidates(f, sent, make)


# Nouns for a state's government after its demonym ("the Russia-backed Syrian government").
_STATE_BODY_NOUNS = frozenset({"government", "regime", "army", "military", "administration"})


def _backed_by(f: _Finder, participle: Token, make: _Make) -> Iterator[Candidate]:
    """A backer joined to a participle by a hyphen: "Iran-backed Houthi rebels".

    The actor before the hyphen backs the one the participle describes ("Hezbollah, the
    Iranian-backed militant group", "Assad's Russia-backed forces": Assad). Said of the
    actor as a standing fact, whatever the clause around it says.
    """
    word = participle.lower_
    if "-" in word and f.token_mention[participle.i] >= 0:
        # "U.S.-backed": one token, the state split off it as a mention of its own
        backer = f.token_mention[participle.i]
        word = word.rsplit("-", 1)[1]
    elif (
        participle.i >= 2
        and participle.nbor(-1).text in ("-", "–")
        and not participle.nbor(-1).whitespace_
        and not participle.nbor(-2).whitespace_
    ):
        backer = f.token_mention[participle.i - 2]
    else:
        return
    relation = lx.BACKING_PARTICIPLES.get(word)
    if relation is None or backer < 0:
        return
    noun = participle.head
    target = f.actor(noun)
    if target is not None and target[1]:
        # Reached through the noun: a name after the participle ("Iran-backed Houthi
        # rebels"), not the backer's own ("House GOP-backed proposals"); a state only as its
        # government ("the Russia-backed Syrian government", not "Ankara-backed Syrian
        # fighters" or "the Iranian-backed Lebanese group Hezbollah").
        state = f.mentions[target[0]].label in ("GPE", "NORP")
        if f.mention_token_span(target[0])[0] < participle.idx or (
            state and noun.lemma_.lower() not in _STATE_BODY_NOUNS
        ):
            target = None
    if target is None and noun.dep_ == "appos":
        target = f.actor(noun.head)  # "Hezbollah, the Iranian-backed militant group"
        if target is not None and target[1]:
            target = None
    if target is None or target[0] == backer:
        return
    asserted = _Context(False, "asserted", -1)
    yield make((backer, False), relation, target, "backed-by", asserted)


def _verb_candidates(f: _Finder, verb: Token, make: _Make) -> Iterator[Candidate]:
    lemma = verb.lemma_.lower()
    ctx = clause_context(verb, f)
    passive = any(c.dep_ in _PASS_SUBJ_DEPS for c in verb.children)
    yield from _place_candidates(f, verb, lemma, ctx, make)
    yield from _composition_candidates(f, verb, lemma, passive, ctx, make)
    # A passive participle on a noun ("Republicans, led by McConnell", "Assad, backed by
    # Russia"): the noun is the passive subject.
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBN" and not passive
    if passive or (reduced and any(c.dep_ == "agent" for c in verb.children)):
        objs = f.actors(
            [verb.head] if reduced else [c for c in verb.children if c.dep_ in _PASS_SUBJ_DEPS]
        )
        if reduced:  # the noun itself, not a body it names ("HSBC economists led by X")
            objs = [o for o in objs if not o[1]]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        subjs = f.actors([g for g in agents if g.dep_ == "pobj"])
        rel = lx.VERB_RELATIONS.get(lemma)
        if rel:
            for s in subjs:
                for o in objs:
                    yield make(s, _verbal(rel, verb, o, f, s[0]), o, "svo-passive", ctx)
        if lemma in lx.EMPLOYING_VERBS:  # "Steele was hired by Fusion GPS"
            for s in subjs:
                for o in objs:
                    yield make(o, "worksFor", s, "svo-passive", ctx)
        return
    subj_toks = f.subjects(verb)
    subjs = f.actors(subj_toks)
    if not subjs:
        return
    direct = f.actors([c for c in verb.children if c.dep_ in _OBJ_DEPS])
    rel = lx.VERB_RELATIONS.get(lemma)
    governor = verb.head if verb.dep_ == "xcomp" else None
    if (
        governor is not None
        and governor.lemma_.lower() in lx.VERB_RELATIONS
        and not any(c.dep_ in _OBJ_DEPS for c in governor.children)
    ):
        # "threatened to target Japan": the governing verb's relation, asserted as
        # the governing clause is; the embedded verb adds its object.
        gov_rel = lx.VERB_RELATIONS[governor.lemma_.lower()]
        gov_ctx = clause_context(governor, f)
        for s in subjs:
            for o in direct:
                yield make(s, gov_rel, o, "control", gov_ctx)
        return
    if rel:
        for s in subjs:
            for o in direct:
                if rel == "informs" and _is_unknown_org(f.mentions[o[0]]):
                    continue  # "told the BBC": an interview, not a relation between actors
                yield make(s, _verbal(rel, verb, o, f, s[0]), o, "svo", ctx)
    if lemma in lx.EMPLOYING_VERBS:  # "Fusion GPS hired Christopher Steele"
        for s in subjs:
            for o in direct:
                yield make(o, "worksFor", s, "svo", ctx)
    obj_preps = [
        p
        for c in verb.children
        if c.dep_ in _OBJ_DEPS and c.pos_ == "NOUN"
        for p in c.children
        if p.dep_ == "prep"
    ]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "agent")):
        prel = lx.PREP_VERBS.get((lemma, prep.lower_))
        pobjs = [g for g in prep.children if g.dep_ == "pobj"]
        if prel:
            for s in subjs:
                for o in f.actors(pobjs):
                    yield make(s, prel, o, "verb-prep", ctx)
        # "go ahead with joint drills", "agreed at a meeting"
        for noun in pobjs:
            yield from _light_noun(f, noun, subjs, ctx, make)
    for prep in obj_preps:
        # "fired two shells at Seoul": the parser often hangs the phrase on the object.
        prel = lx.PREP_VERBS.get((lemma, prep.lower_))
        if prel:
            for s in subjs:
                for o in f.actors([g for g in prep.children if g.dep_ == "pobj"]):
                    yield make(s, prel, o, "verb-prep", ctx)
    for obj in (c for c in verb.children if c.dep_ in _OBJ_DEPS):
        if rel is None or lemma in lx.LIGHT_VERBS or lemma in lx.REVERSING_VERBS:
            yield from _light_noun(f, obj, subjs, ctx, make)
    symmetric_rel = rel or lx.PREP_VERBS.get((lemma, "with"))
    if symmetric_rel and RELATIONS[symmetric_rel].symmetric and len(subjs) >= 2 and not direct:
        for i, a in enumerate(subjs):
            for b in subjs[i + 1 :]:
                yield make(a, symmetric_rel, b, "mutual", ctx)
    if (
        rel is None
        and direct
        and lemma not in lx.EMPLOYING_VERBS
        and lemma not in lx.SPEECH_VERBS
        and lemma not in lx.LIGHT_VERBS
        and lemma not in lx.INTENT_VERBS
        and verb.is_alpha
    ):
        for s in subjs:
            for o in direct:
                if not o[1] and not s[1]:
                    yield make(s, OPEN_PREFIX + lemma, o, "open", ctx)


# Verbs that say what a body is made of, and the preposition (or object) of its members:
# "the G-7 is made up of A, B and C", "NATO consists of ...", "the council, which includes
# Iran", "A, B and C make up the G-7".
_COMPOSED_OF = frozenset({"make", "compose", "consist", "comprise"})
_COMPOSING = frozenset({"include", "comprise"})
_GROUP_LABELS = frozenset({"ORG", "NORP"})


def _composition_candidates(
    f: _Finder, verb: Token, lemma: str, passive: bool, ctx: _Context, make: _Make
) -> Iterator[Candidate]:
    """Members of a body from a verb of composition: each member is ``memberOf`` the body.

    "The G-7 is made up of the United States, Canada and Japan", "NATO consists of",
    "the council, which includes Iran and the Congo", "the coalition comprises Labour",
    "Canada and Japan make up the G-7". The body is an organization or a group named as
    such (not a place: "Chatham County includes Savannah"), and both sides are named, not
    reached through a head noun.
    """
    up = any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    groups: list[Token] = []
    members: list[Token] = []
    of = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if lemma in _COMPOSED_OF and (lemma != "make" or up) and of:
        groups = (
            [c for c in verb.children if c.dep_ in _PASS_SUBJ_DEPS] if passive else f.subjects(verb)
        )
        members = [g for g in of if g.dep_ == "pobj"]
    elif lemma in _COMPOSING and not passive:
        groups = f.subjects(verb)
        members = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
    elif lemma == "make" and up and not passive:
        members = f.subjects(verb)
        groups = [c for c in verb.children if c.dep_ in _OBJ_DEPS]
    bodies = [g for g in f.actors(groups) if not g[1] and f.mentions[g[0]].label in _GROUP_LABELS]
    for body in bodies:
        for member in f.actors(members):
            if not member[1] and member[0] != body[0]:
                yield make(member, "memberOf", body, "composition", ctx)


_ABSTRACT_OBJECTS = frozenset(
    {
        "policy", "plan", "proposal", "decision", "record", "stance", "remark", "comment",
        "approach", "handling", "strategy", "position", "budget", "bill", "law", "claim",
        "statement", "leadership", "government", "administration", "idea", "speech",
    }
)  # fmt: skip


_VERBAL_ATTACKS = frozenset({"attack", "hit", "strike", "slam", "blast"})


def _verbal(
    rel: str, verb: Token, obj: tuple[int, bool], f: _Finder | None = None, subj: int = -1
) -> str:
    """Attacks in words are criticism: "attacked UK policy", "Clinton hit Sanders".

    And joining a person is acting with them, no membership: "Alito joined Gorsuch",
    "Trump was joined by Pence".
    """
    if rel == "memberOf" and f is not None and f.mentions[obj[0]].label == "PERSON":
        return "cooperatesWith"
    if rel != "attacks":
        return rel
    if obj[1]:
        for child in verb.children:
            if child.dep_ in _OBJ_DEPS and child.lemma_.lower() in _ABSTRACT_OBJECTS:
                return "criticizes"
    if (
        f is not None
        and subj >= 0
        and verb.lemma_.lower() in _VERBAL_ATTACKS | {"attack"}
        and f.mentions[subj].label == "PERSON"
        and f.mentions[obj[0]].label == "PERSON"
    ):
        return "criticizes"
    return rel


_TIE_NOUNS = frozenset({"tie", "relation", "relationship"})
_WARM_WORDS = frozenset(
    {"close", "strong", "warm", "friendly", "good", "deep", "strategic", "diplomatic",
     "military", "economic", "trade", "bilateral", "special", "cordial", "closer",
     "stronger", "warmer", "better", "improved", "full", "formal"}
)  # fmt: skip
_WARMING_VERBS = frozenset(
    {"strengthen", "deepen", "improve", "boost", "build", "establish", "forge", "restore",
     "expand", "bolster", "enhance", "normalize", "normalise", "upgrade", "cement", "renew"}
)  # fmt: skip


def _neutral_tie(noun: Token) -> bool:
    """Whether "ties"/"relations" carry no polarity here.

    "Close ties", "diplomatic relations" and "strengthen ties" are cooperation;
    "Trump's ties to Russia" under investigation, or "relations have soured", are not.
    """
    if noun.lemma_.lower() not in _TIE_NOUNS:
        return False
    if any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in _WARM_WORDS for c in noun.children
    ):
        return False
    return not (noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in _WARMING_VERBS)


def _light_noun(
    f: _Finder, noun: Token, subjs: list[tuple[int, bool]], ctx: _Context, make: _Make
) -> Iterator[Candidate]:
    """Relation nouns as objects: "step up defense cooperation", "hold talks with X"."""
    rel = lx.NOUN_RELATIONS.get(noun.lemma_.lower())
    if rel is None or f.token_mention[noun.i] >= 0 or _neutral_tie(noun):
        return
    partners: list[tuple[int, bool]] = []
    agents: list[tuple[int, bool]] = []
    patient_of = noun.lemma_.lower() in lx.PATIENT_OF_NOUNS
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in lx.NOUN_PREPS:
            continue
        if prep.lower_ == "of" and not patient_of:
            continue
        found = f.actors([g for g in prep.children if g.dep_ == "pobj"])
        # "the threat from North Korea": the prepositional object is the agent.
        (agents if prep.lower_ == "from" else partners).extend(found)
    if agents:
        for a in agents:
            for s in subjs:
                if a[0] != s[0]:
                    yield make(a, rel, s, "light-verb", ctx)
        return
    if not partners and noun.head.pos_ == "VERB":
        for prep in noun.head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "on", "against", "toward"):
                partners += f.actors([g for g in prep.children if g.dep_ == "pobj"])
    subj_ids = {s[0] for s in subjs}
    partners = [p for p in partners if p[0] not in subj_ids]
    verb = noun.head if noun.dep_ in ("dobj", "obj") else noun.head.head
    verb_lemma = verb.lemma_.lower()
    if verb_lemma in lx.INTENT_VERBS | lx.REQUEST_VERBS and ctx.modality in (
        "asserted",
        "reported",
    ):
        ctx = _Context(ctx.negated, "intended", ctx.speaker)  # "wanted dialogue with X"
    if verb_lemma in lx.REVERSING_VERBS and verb_lemma not in lx.VERB_RELATIONS:
        ctx = _Context(True, ctx.modality, ctx.speaker)  # "suspended talks with X"
    if partners:
        for s in subjs:
            for p in partners:
                prel = rel
                if rel == "attacks" and all(f.mentions[x[0]].label == "PERSON" for x in (s, p)):
                    prel = "criticizes"  # "refrained from attacks on Fiorina"
                yield make(s, prel, p, "light-verb", ctx)
    elif RELATIONS[rel].symmetric and len(subjs) >= 2:
        for i, a in enumerate(subjs):
            for b in subjs[i + 1 :]:
                yield make(a, rel, b, "mutual", ctx)


def _noun_candidates(f: _Finder, noun: Token, make: _Make) -> Iterator[Candidate]:
    """Nominal relations: "cooperation between X and Y", "X's main ally"."""
    rel = lx.NOUN_RELATIONS.get(noun.lemma_.lower())
    if rel is None or f.token_mention[noun.i] >= 0 or _neutral_tie(noun):
        return
    ctx = _noun_context(f, noun)
    symmetric = RELATIONS[rel].symmetric
    between = [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "between"
        for g in p.children
        if g.dep_ == "pobj"
    ]
    parties = f.actors(between)
    if symmetric and len(parties) >= 2:
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                yield make(a, rel, b, "nominal-between", ctx)
    modifiers = [
        c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN"
    ]
    mods = [m for m in f.actors(modifiers) if not m[1]]
    if symmetric and len(mods) >= 2:
        for i, a in enumerate(mods):
            for b in mods[i + 1 :]:
                yield make(a, rel, b, "nominal-compound", ctx)
    # "China, North Korea's main ally": the noun stands for an actor it is attached to.
    poss = [c for c in noun.children if c.dep_ == "poss"]
    owners = [o for o in f.actors(poss) if not o[1]]
    # "its alliance with Washington": the possessor (or the clause's subject for a
    # pronoun) has the relation with the prepositional object. A relation noun is
    # presupposed, so an intention around it does not make it less of a fact.
    partners = f.actors(
        [
            g
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "with"
            for g in p.children
            if g.dep_ == "pobj"
        ]
    )
    if partners and poss:
        holders = owners
        if not holders and poss[0].pos_ == "PRON":
            verb = _governing_verb(noun)
            holders = f.actors(f.subjects(verb)) if verb is not None else []
        pctx = ctx if ctx.modality != "intended" else _Context(ctx.negated, "asserted", -1)
        for h in holders:
            for p in partners:
                if h[0] != p[0]:
                    yield make(h, rel, p, "nominal-possessive", pctx)
    if owners and rel in ("alliedWith", "cooperatesWith") and noun.dep_ in ("appos", "conj"):
        holders = [h for h in f.actors([noun.head]) if not h[1]]
        for h in holders:
            for o in owners:
                yield make(h, rel, o, "nominal-possessive", ctx)


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok
    return None


def _noun_context(f: _Finder, noun: Token) -> _Context:
    tok = noun
    for _ in range(6):
        if tok.pos_ == "VERB":
            return clause_context(tok, f)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return _Context(False, "asserted", -1)


def _title_candidates(f: _Finder, sent: Span, make: _Make) -> Iterator[Candidate]:
    """Affiliations: "Japanese Defence Minister Itsunori Onodera", "Dunford, chairman of"."""
    asserted = _Context(False, "asserted", -1)
    doc = f.doc
    done: set[int] = set()
    for tok in sent:
        idx = f.token_mention[tok.i]
        if idx < 0 or idx in done:
            continue
        done.add(idx)
        mention = f.mentions[idx]
        start, end = f.mention_token_span(idx)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if mention.label == "ORG" and mention.qualifier:
            if idx in f.designated:
                continue
            state = _find_mention_by_text(f, sent, mention.qualifier, idx)
            if state is not None:
                yield make((idx, False), "partOf", (state, False), "body-of-state", asserted)
            continue
        root = span.root
        yield from _in_place(f, idx, root, make, asserted)
        if mention.label != "PERSON":
            continue
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    found = f.actor(pobj)
                    if found is None or found[1]:
                        continue
                    label = f.mentions[found[0]].label
                    if label == "ORG":
                        yield make((idx, False), "memberOf", found, "person-of", asserted)
                    elif label == "GPE":
                        # "the senator of Texas"/"Kim of North Korea" speaks for a state;
                        # "Daniel Urquhart of Aumsville" lives in a town.
                        state = _is_state(f.mentions[found[0]].text)
                        elected = _has_office_title(f.doc, span.start)
                        relation = "represents" if state or elected else "locatedIn"
                        yield make((idx, False), relation, found, "person-of", asserted)
        # "Alban Maginness (Social Democratic and Labour Party)"
        if span.end + 1 < len(doc) and doc[span.end].text == "(":
            inner = f.token_mention[span.end + 1]
            if (
                inner >= 0
                and f.mentions[inner].label == "ORG"
                and len(f.mentions[inner].text) > 2  # "(CA)": a state, not a party
                and not f.mentions[inner].text.startswith("@")  # "(@BetoORourke)": a handle
                and _gazetteer_type(f.mentions[inner].text) in (None, "Organization")
            ):
                yield make((idx, False), "memberOf", (inner, False), "person-paren", asserted)
        # "Civic Passion's Cheng Chung-tai", "Google's Sundar Pichai"
        for child in root.children:
            owner = f.token_mention[child.i] if child.dep_ == "poss" else -1
            if owner >= 0 and owner != idx and f.mentions[owner].label == "ORG":
                yield make((idx, False), "memberOf", (owner, False), "person-poss", asserted)
        # Prefix titles: tokens before the name in its own subtree.
        prefix = [t for t in root.subtree if t.i < span.start and t.i >= sent.start]
        if prefix:
            yield from _title_relation(f, idx, prefix, "title", make, asserted)
        for child in root.children:
            if child.dep_ == "appos" and f.token_mention[child.i] < 0:
                words = [t for t in child.subtree if t.i > span.end - 1]
                yield from _title_relation(f, idx, words, "appos-title", make, asserted)
        if root.dep_ == "appos" and f.token_mention[root.head.i] < 0:
            head = root.head
            words = [t for t in head.subtree if t.i < span.start]
            yield from _title_relation(f, idx, words, "appos-title", make, asserted)


_TITLE_DEPS = frozenset({"attr", "pobj", "oprd", "dobj", "conj", "npadvmod"})


def _has_leader_title(low: str) -> bool:
    """Whether a lower-case phrase holds a leader title as a whole word, not a part."""
    padded = f" {low.replace('-', ' ')} "
    return any(f" {t.replace('-', ' ')} " in padded for t in lx.LEADER_TITLES)


def _title_kind(title: str) -> str | None:
    """Return the affiliation a title gives its holder, or ``None`` if it is no title."""
    low = title.lower()
    words = set(low.replace("-", " ").split())
    if "member" in words or "members" in words:
        return "memberOf"
    subordinate = bool(words & {"vice", "deputy", "assistant", "former", "acting", "ex"})
    if not subordinate and any(low == t or low.endswith(" " + t) for t in lx.LEADER_TITLES):
        return "leaderOf"
    if words & lx.POSITION_TITLES or _has_leader_title(low):
        return "holdsPosition"
    return None


def _copular_title(f: _Finder, noun: Token, make: _Make) -> Iterator[Candidate]:
    """Titles in the predicate: "X was a member of Y", "served as leader of Y"."""
    if noun.dep_ not in _TITLE_DEPS or f.token_mention[noun.i] >= 0:
        return
    if noun.dep_ == "pobj" and noun.head.lower_ != "as":
        return
    title_words = [
        c.text
        for c in noun.lefts
        if c.pos_ == "ADJ" and c.lower_ in lx.TITLE_ADJECTIVES and f.token_mention[c.i] < 0
    ]
    title = " ".join([*title_words, noun.text])
    relation = _title_kind(title)
    if relation is None:
        return
    orgs = [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in ("of", "for", "at", "in")
        for o in f.actors([g for g in p.children if g.dep_ == "pobj"])
        if not o[1] and f.mentions[o[0]].label in ("ORG", "GPE", "NORP")
    ]
    orgs += [
        o
        for o in f.actors([c for c in noun.children if c.dep_ in ("compound", "nmod", "amod")])
        if not o[1] and f.mentions[o[0]].label == "ORG"
    ]
    if not orgs:
        return
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return
    holders = [
        h
        for h in f.actors([c for c in verb.children if c.dep_ in _SUBJ_DEPS | _PASS_SUBJ_DEPS])
        if f.mentions[h[0]].label == "PERSON"
    ]
    ctx = clause_context(verb, f)
    for h in holders:
        for o in orgs:
            yield make(h, relation, o, "copular-title", ctx, detail=title)


_PLACE_LABELS = frozenset({"GPE", "LOC"})
_LOCATABLE = {"ORG": "basedIn", "GPE": "locatedIn", "LOC": "locatedIn"}


def _in_place(f: _Finder, idx: int, root: Token, make: _Make, ctx: _Context) -> Iterator[Candidate]:
    """Location: "the Labour Party in Great Britain", "Dallas, Texas"."""
    relation = _LOCATABLE.get(f.mentions[idx].label)
    if relation is None:
        return
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                place = f.actor(pobj)
                if place is not None and not place[1] and place[0] != idx:
                    if f.mentions[place[0]].label in _PLACE_LABELS:
                        yield make((idx, False), relation, place, "in-place", ctx)
    contains = _container_test(f.mentions[idx].text) if f.mentions[idx].label == "GPE" else None
    end = f.mention_token_span(idx)[1]
    for child in root.children:
        # "Dallas, Texas": the second place, set off by a comma, contains the first; so
        # does a third after it ("McAllen, Texas, U.S.", all hung on the first).
        if contains is None:
            break
        if child.dep_ in ("appos", "npadvmod") and child.i > root.i:
            place = f.actor(child)
            if (
                place is not None
                and not place[1]
                and place[0] != idx
                and f.mentions[place[0]].label in _PLACE_LABELS
                and f.doc.text[end : f.mention_token_span(place[0])[0]].strip() == ","
                and contains(f.mentions[place[0]].text)
            ):
                yield make((idx, False), "locatedIn", place, "place-appos", ctx)
                end = f.mention_token_span(place[0])[1]
                contains = _container_test(f.mentions[place[0]].text)


def _place_candidates(
    f: _Finder, verb: Token, lemma: str, ctx: _Context, make: _Make
) -> Iterator[Candidate]:
    """Place verbs: "X is based in Y", "X, headquartered in Y", "X lives in Y"."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        rel = lx.PLACE_VERBS.get((lemma, prep.lower_))
        if rel is None:
            continue
        places = f.actors([g for g in prep.children if g.dep_ == "pobj"])
        holders = [c for c in verb.children if c.dep_ in _PASS_SUBJ_DEPS | _SUBJ_DEPS]
        if not holders and verb.dep_ in ("acl", "relcl"):
            holders = [verb.head]
        for h in f.actors(holders):
            if h[1]:
                continue  # "an Iraqi Kurd living in Swansea": the Kurd, not Iraq
            for p in places:
                if not p[1] and f.mentions[p[0]].label in _PLACE_LABELS:
                    yield make(h, rel, p, "place-verb", ctx)


_ELECTED_TITLES = frozenset(
    {
        "sen", "senator", "rep", "representative", "gov", "governor", "congressman",
        "congresswoman", "mayor", "delegate", "assemblyman", "assemblywoman", "mp", "lord",
    }
)  # fmt: skip


def _has_office_title(doc: Doc, start: int) -> bool:
    """Whether a title of elected office stands before the name ("Sen. Mitt Romney")."""
    for tok in doc[max(0, start - 3) : start]:
        if tok.lower_.rstrip(".") in _ELECTED_TITLES:
            return True
    return False


def _gazetteer_type(text: str) -> str | None:
    from kg.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(text)
    return entry.type if entry is not None else None


def _is_state(text: str) -> bool:
    """Whether ``text`` names a state by name or alias (not by its capital)."""
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    return found is not None and found[0].type == "Country" and found[1] != "capital"


def _container_test(text: str) -> Callable[[str], bool] | None:
    """What may contain the place ``text`` after a comma, or ``None`` if nothing may.

    A place the gazetteer does not know (a town) is in a state or a state's part ("Jackson,
    Wyo."); a state's part only in a state ("Texas, U.S."; "North Carolina, Texas, Georgia"
    is a list); a state or a capital in nothing ("Australia, Jamaica" is a list, and
    "Washington, D.C." is a capital kg reads as its state).
    """
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    if found is None:
        return _contains_places
    if found[0].type == "Place" and found[1] != "capital":
        return _is_state
    return None


def _contains_places(text: str) -> bool:
    """Whether ``text`` names a state or a state's part ("Texas", "Wyo.", "Ontario").

    Only such a place, after a comma, contains the place before it: "Amherst, Concord,
    Nashua" is a list of towns.
    """
    from kg.extract.mentions import designated_state
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    if found is not None:
        return found[0].type in ("Country", "Place") and found[1] != "capital"
    return designated_state(text, "united-states") is not None


def _names_a_city(text: str) -> bool:
    """Whether ``text`` is a capital: in a title ("London mayor") it is the city."""
    from kg.gazetteer import load_gazetteer

    found = load_gazetteer().lookup_kind(text)
    return found is not None and found[1] == "capital"


def _is_unknown_org(mention: Mention) -> bool:
    from kg.gazetteer import load_gazetteer

    return mention.label == "ORG" and load_gazetteer().lookup(mention.text) is None


def _find_mention_by_text(f: _Finder, sent: Span, text: str, near: int) -> int | None:
    best: int | None = None
    for idx, m in enumerate(f.mentions):
        if m.text == text and m.label != "ORG" and idx != near:
            if best is None or abs(idx - near) < abs(best - near):
                best = idx
    return best


# The words of a campaign's staff titles: "campaign chairman", "campaign spokeswoman".
_CAMPAIGN_STAFF = frozenset(
    {"chairman", "chairwoman", "chair", "manager", "spokesman", "spokeswoman", "spokesperson",
     "adviser", "advisor", "aide", "director", "strategist", "staffer", "pollster",
     "treasurer", "lawyer", "attorney", "official"}
)  # fmt: skip


def _campaign_of(f: _Finder, person: int, words: list[Token]) -> tuple[int, str] | None:
    """The candidate whose campaign's title stands before ``person``, and the title.

    The words must be a name (a person, or a body the tagger made of one), "campaign" and a
    staff word, with nothing between but "former" or "'s": "Trump campaign chairman",
    "former Clinton campaign spokesman", "Obama's campaign manager". Words before the name
    that name no one may be its title, as in an apposition: "Paul Manafort, President Donald
    Trump's former campaign chairman".
    """
    rest = [t for t in words if t.lower_ not in ("former", "ex", "the", "'s", "’s")]
    if len(rest) < 3 or rest[-2].lower_ != "campaign" or rest[-1].lower_ not in _CAMPAIGN_STAFF:
        return None
    name = rest[:-2]
    while name and f.token_mention[name[0].i] < 0:
        name = name[1:]  # "President" before "Donald Trump's"
    owners = {f.token_mention[t.i] for t in name}
    if len(owners) != 1 or -1 in owners or rest[-2].i - name[-1].i > 3:
        return None  # the name stands right before "campaign" ("'s", "former" between)
    owner = owners.pop()
    mention = f.mentions[owner]
    if owner == person or mention.label not in ("PERSON", "ORG"):
        return None
    if mention.label == "ORG" and (
        len(mention.text.split()) > 1 or _gazetteer_type(mention.text) not in (None, "Person")
    ):
        return None  # "Senate campaign chairman": a body's, not a candidate's
    return owner, " ".join(t.text for t in rest[-2:])


def _title_relation(
    f: _Finder, person: int, words: list[Token], rule: str, make: _Make, ctx: _Context
) -> Iterator[Candidate]:
    orgs: list[int] = []
    title_words: list[str] = []
    campaign = _campaign_of(f, person, words)
    if campaign is not None:
        # "Trump campaign chairman Paul Manafort": staff of the candidate's campaign work for
        # the candidate (benchmarks/gold/ANNOTATION.md: spokespeople and staff, worksFor)
        owner, title = campaign
        yield make((person, False), "worksFor", (owner, False), "campaign-title", ctx, detail=title)
        return
    for t in words:
        idx = f.token_mention[t.i]
        if idx >= 0:
            if (
                idx != person
                and f.mentions[idx].label in _HEAD_STATE_LABELS
                and idx not in orgs
                and not _names_a_city(f.mentions[idx].text)
            ):
                orgs.append(idx)
            continue
        if t.pos_ in ("DET", "PUNCT", "ADP", "PART", "CCONJ", "PRON", "NUM", "VERB", "ADV"):
            continue
        if t.pos_ == "ADJ" and t.lower_ not in lx.TITLE_ADJECTIVES:
            continue
        title_words.append(t.text)
    title = " ".join(title_words).strip()
    # "chief U.S. economist for Capital Economics", "at Goldman Sachs": the job is the
    # body's; the state only says what it studies
    employer = any(
        t.dep_ == "prep"
        and t.lower_ in ("for", "at")
        and t.head.pos_ in ("NOUN", "PROPN")  # not "who was at Judicial Watch"
        and any(
            f.token_mention[g.i] >= 0 and f.mentions[f.token_mention[g.i]].label == "ORG"
            for g in t.children
            if g.dep_ == "pobj"
        )
        for t in words
    )
    if employer:
        orgs = [m for m in orgs if f.mentions[m].label != "GPE"]
    if not orgs or not title:
        return
    # "Arizona Sen. John McCain", "Texas Gov. Greg Abbott": the abbreviations as the words
    low = " ".join(lx.TITLE_ABBREVIATIONS.get(w, w) for w in title.lower().split())
    low_words = set(low.replace("-", " ").split())
    is_title = _has_leader_title(low) or bool(low_words & lx.POSITION_TITLES)
    if not is_title:
        # "FBI lawyer Lisa Page": an occupation after a body's name (not a state's:
        # "American journalist" says nothing of an employer).
        last = low.split()[-1]
        staff = last in lx.STAFF_TITLES or (last[:-1] in lx.STAFF_TITLES and last[-1] == "s")
        bodies = [m for m in orgs if f.mentions[m].label == "ORG"]
        if staff and rule == "title" and bodies:
            org = max(bodies, key=f.mention_token_index)  # the nearest before the word
            yield make((person, False), "worksFor", (org, False), "staff-title", ctx, detail=title)
        return
    if "campaign" in low_words:
        return  # "Senate campaign chairman Cory Gardner" chairs a campaign, not the Senate
    subordinate = bool(low_words & {"vice", "deputy", "assistant", "former", "acting", "ex"})
    leader = not subordinate and any(
        low == t or low.endswith(" " + t) or low.startswith(t + " of") for t in lx.LEADER_TITLES
    )
    # The organization nearest the title word is the one the title belongs to.
    # A state that only qualifies a body in the title ("the U.S. Joint Chiefs") is not it.
    qualifiers = {f.mentions[m].qualifier for m in orgs if f.mentions[m].qualifier}
    orgs = [m for m in orgs if f.mentions[m].text not in qualifiers] or orgs
    heads = [t.i for t in words if t.lower_ in low_words and f.token_mention[t.i] < 0]
    anchor = heads[-1] if heads else words[-1].i
    org = min(orgs, key=lambda m: abs(f.mention_token_index(m) - anchor))
    relation = "leaderOf" if leader else "holdsPosition"
    if relation == "holdsPosition" and low_words & lx.LEGISLATOR_TITLES:
        if f.mentions[org].label == "GPE":
            relation = "represents"  # "Arizona Sen. John McCain" sits for Arizona
    if "shadow" in low_words:
        # "Labour's shadow chancellor Ed Balls": a post in the party's shadow cabinet, not
        # its leadership; "Britain's shadow chancellor" holds no office of the state
        if f.mentions[org].label != "ORG":
            return
        relation = "memberOf"
    yield make((person, False), relation, (org, False), rule, ctx, detail=title)
