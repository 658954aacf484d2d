"""Faster drop-in versions of two spaCy components, with the same output token for token.

In ``en_core_web_sm`` the attribute ruler and the rule lemmatizer are plain Python loops
over tokens and cost about a fifth of the parse. kg needs both (it reads ``pos_`` and
``lemma_``), so instead of dropping them it runs them vectorized:

- :class:`FastAttributeRuler` evaluates the ruler's one-token patterns (``TAG``,
  ``LOWER``, ``DEP``, ``IS_SPACE`` with equality, ``IN`` and ``NOT_IN``) as numpy masks
  over the document's attribute arrays and hands every other pattern to spaCy's own
  ``Matcher``; the matches are sorted and applied by the ruler's own ``set_annotations``,
  exactly as :meth:`spacy.pipeline.AttributeRuler.match` orders them.
- :class:`FastLemmatizer` calls the lemmatizer once per distinct (word, POS, morphology)
  of a document (the lemmatizer's own cache key: nothing else decides a lemma) and writes
  the lemmas back in one array.

:func:`speed_up` swaps them into a loaded pipeline under the original names. The tests
check the annotations against the stock pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["FastAttributeRuler", "FastLemmatizer", "speed_up"]

_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")


class FastAttributeRuler:
    """The attribute ruler with its one-token patterns evaluated as array masks.

    Args:
        ruler: The pipeline's ``AttributeRuler``, whose patterns and attributes are used.
    """

    def __init__(self, ruler: Any) -> None:
        import numpy as np
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        # (attr_id, match_id, [(column, values, negate)]) per vectorizable pattern.
        self._vector: list[tuple[int, int, list[tuple[int, Any, bool]]]] = []
        self._rest = Matcher(ruler.vocab, validate=False)
        for attr_id, entry in enumerate(ruler.patterns):
            key = str(attr_id)
            match_id = strings.add(key)
            for pattern in entry["patterns"]:
                tests = _compile(pattern, strings, np) if entry["index"] == 0 else None
                if tests is None:
                    self._rest.add(key, [pattern])
                else:
                    self._vector.append((attr_id, match_id, tests))

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, MORPH, LEMMA (and the odd TAG or DEP) on ``doc``, as the ruler does."""
        import numpy as np
        from spacy.attrs import IDS

        matches: list[tuple[int, int, int, int]] = []
        if len(doc):
            cols = doc.to_array([IDS[c] for c in _COLUMNS])
            for attr_id, match_id, tests in self._vector:
                mask = np.ones(len(doc), dtype=bool)
                for column, values, negate in tests:
                    hit = np.isin(cols[:, column], values)
                    mask &= ~hit if negate else hit
                matches.extend(
                    (attr_id, match_id, int(i), int(i) + 1) for i in np.flatnonzero(mask)
                )
            strings = self.ruler.vocab.strings
            for match_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                matches.append((int(strings[match_id]), match_id, start, end))
        matches = sorted(set(matches))
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Any, *, batch_size: int = 128) -> Any:
        """Annotate a stream of documents."""
        for doc in docs:
            yield self(doc)


def _compile(pattern: list[dict[str, Any]], strings: Any, np: Any) -> Any:
    """Return the array tests of a one-token pattern, or ``None`` if it needs the Matcher."""
    if len(pattern) != 1:
        return None
    tests: list[tuple[int, Any, bool]] = []
    for attr, spec in pattern[0].items():
        if attr not in _COLUMNS:
            return None
        column = _COLUMNS.index(attr)
        negate = False
        if isinstance(spec, dict):
            if len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN"):
                return None
            op, values = next(iter(spec.items()))
            negate = op == "NOT_IN"
        else:
            values = [spec]
        if attr == "IS_SPACE":
            if not all(isinstance(v, bool) for v in values):
                return None
            hashes = [int(v) for v in values]
        elif all(isinstance(v, str) for v in values):
            hashes = [strings.add(v) for v in values]
        else:
            return None
        tests.append((column, np.array(hashes, dtype=np.uint64), negate))
    return tests


class FastLemmatizer:
    """The rule lemmatizer, called once per distinct (word, POS, morphology) of a document.

    Args:
        lemmatizer: The pipeline's ``Lemmatizer`` (rule mode, not overwriting).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none yet."""
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return self.lemmatizer(doc)  # type: ignore[no-any-return]
        cols: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = np.flatnonzero(cols[:, 3] == 0)
        if len(todo):
            # A lemma depends on the word, its POS and its morphology, nothing else.
            pairs = cols[todo, :3]
            _, first, inverse = np.unique(pairs, axis=0, return_index=True, return_inverse=True)
            strings = doc.vocab.strings
            lemmas = np.zeros(len(first), dtype=np.uint64)
            for group in np.argsort(first, kind="stable"):
                token = doc[int(todo[first[group]])]
                lemmas[group] = strings.add(self.lemmatizer.lemmatize(token)[0])
            cols[todo, 3] = lemmas[inverse.reshape(-1)]
            doc.from_array([LEMMA], cols[:, 3:4])
        return doc

    def pipe(self, docs: Any, *, batch_size: int = 128) -> Any:
        """Lemmatize a stream of documents."""
        for doc in docs:
            yield self(doc)


_FAST_RULER = "kg_fast_attribute_ruler_v1"
_FAST_LEMMATIZER = "kg_fast_lemmatizer_v1"


def _make_fast_ruler(nlp: Language, name: str, source: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe(source))


def _make_fast_lemmatizer(nlp: Language, name: str, source: str) -> FastLemmatizer:
    lemmatizer = nlp.get_pipe(source)
    lemmatizer(nlp.make_doc(""))  # checks its tables once, as its first call would
    return FastLemmatizer(lemmatizer)


def _register() -> None:
    from spacy.language import Language

    for factory, func, assigns in (
        (_FAST_RULER, _make_fast_ruler, ["token.pos", "token.morph", "token.lemma"]),
        (_FAST_LEMMATIZER, _make_fast_lemmatizer, ["token.lemma"]),
    ):
        if not Language.has_factory(factory):
            Language.factory(factory, assigns=assigns, default_config={"source": ""}, func=func)


def speed_up(nlp: Language) -> Language:
    """Swap the fast components into ``nlp`` where it has the stock ones; return ``nlp``.

    Each keeps the name and place of the component it stands in for. Pipelines without
    them, or configured differently (a lookup lemmatizer, an overwriting one), are left
    as they are.
    """
    from spacy.pipeline import AttributeRuler, Lemmatizer

    _register()
    for name in list(nlp.pipe_names):
        component = nlp.get_pipe(name)
        if type(component) is AttributeRuler:
            factory = _FAST_RULER
        elif type(component).__name__.endswith("Lemmatizer") and isinstance(component, Lemmatizer):
            if component.mode != "rule" or component.overwrite:
                continue
            factory = _FAST_LEMMATIZER
        else:
            continue
        temporary = f"kg_fast_{name}"
        nlp.add_pipe(factory, name=temporary, after=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(temporary, name)
    return nlp
