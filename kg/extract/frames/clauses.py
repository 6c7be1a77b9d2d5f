"""Clauses: the grammar of the stretch between a subject and its verb, and of a clause that opens without one.

Prepositions open a phrase ("Sobre Melilla", "desde Osaka", "por su parte"), a determiner after a noun closes it,
and adverbs stand on their own ("Horas más tarde", "ya no"). Anything else is a noun phrase: someone no rule names.
statements.py finds speakers with it.
"""

from __future__ import annotations

from kg.extract.patterns import ModuleRegexes

REGEXES = ModuleRegexes(__file__)

# Words that open, close and stand between phrases.
PHRASE_PREPOSITIONS = {"a", "al", "ante", "bajo", "con", "contra", "de", "del", "desde", "durante", "en", "entre",
                       "hacia", "hasta", "mediante", "para", "por", "sin", "sobre", "tras", "acerca", "según", "pese"}
NOUN_DETERMINERS = {"el", "la", "los", "las", "lo", "su", "sus", "este", "esta", "estos", "estas", "ese", "esa",
                    "esos", "esas", "aquel", "aquella", "nuestro", "nuestra", "cada", "otro", "otra", "dicho", "dicha",
                    "propio", "propia", "mismo", "misma", "mismos", "mismas"}
ADVERBS = {"ya", "no", "sí", "también", "además", "hoy", "ayer", "anoche", "anteayer", "mañana", "luego", "después",
           "antes", "entonces", "finalmente", "asimismo", "incluso", "nuevamente", "igualmente", "tampoco", "todavía",
           "aún", "apenas", "solo", "sólo", "así", "más", "menos", "tarde", "temprano", "pronto", "poco", "muy", "bien",
           "obstante", "nunca", "jamás", "ahora", "siempre", "casi", "recién", "horas", "días", "minutos",
           "semanas", "meses", "años", "instantes", "momentos", "rato", "un", "una", "unos", "unas", "pocas", "pocos",
           "varias", "varios", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "media"}
# Words that open a parenthesis between commas: a relative clause ("…, que habló después, …").
RELATIVE_PRONOUNS = {"que", "quien", "quienes", "cuyo", "cuya", "cuyos", "cuyas", "cual", "cuales"}
# A phrase opened by one of these is a subordinate clause, whatever it holds ("Cuando llegó a Kiev, …").
SUBORDINATORS = {"cuando", "mientras", "aunque", "si", "como", "porque", "conforme", "donde", "pese", "tras", "al"}
COORDINATORS = {"y", "e", "o", "u", "ni", "pero"}
# Adverbs in -mente ("Visiblemente"), and participles and gerunds heading an adjunct ("Preguntado por…",
# "Hablando ante…"; further on, "la llegada", "la bienvenida" are nouns).
ADVERB_FORM = REGEXES.compile(r"[a-záéíóúñü]+mente")
ADJUNCT_FORM = REGEXES.compile(r"[a-záéíóúñü]+(?:ad[oa]s?|id[oa]s?|ando|iendo|yendo)")
WORD = REGEXES.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")


def parenthetical(text: str) -> bool:
    """Tell whether a stretch set between commas is a parenthesis, not a predicate or a noun phrase of its own: a
    relative clause or an adjunct ("…, que habló después, …", "…, cansado tras el viaje, …", "…, de 84 años, …").

    A noun phrase there ("…, el jefe negociador, Wu Tianming, negó") may be the subject itself.
    """
    words = WORD.findall(text)
    if not words:
        return True
    first = words[0]
    lower = first.lower()
    return (lower in RELATIVE_PRONOUNS or lower in PHRASE_PREPOSITIONS or lower in SUBORDINATORS
            or bool(ADVERB_FORM.fullmatch(lower) or ADJUNCT_FORM.fullmatch(lower)) or adverbial(text))


def adverbial(text: str) -> bool:
    """Tell whether a stretch of a clause holds no noun phrase of its own: only adverbs and prepositional phrases."""
    words = WORD.findall(text)
    if not words or words[0].lower() in SUBORDINATORS:
        return True
    in_phrase, previous = False, ""
    for i, word in enumerate(words):
        lower = word.lower()
        # A capital letter inside the stretch is a name; the first word of a sentence is capitalised anyway.
        plain = i == 0 or word == lower
        if lower in PHRASE_PREPOSITIONS:
            in_phrase, previous = True, "preposition"
        elif lower in NOUN_DETERMINERS:
            in_phrase = in_phrase and previous != "noun"  # "en la rueda de prensa el ministro": a new phrase
            previous = "determiner"
        elif plain and (lower in ADVERBS or ADVERB_FORM.fullmatch(lower) or (i == 0 and ADJUNCT_FORM.fullmatch(lower))):
            previous = "adverb"
        elif in_phrase or (lower in COORDINATORS and previous == "noun"):
            previous = "noun"
        else:
            return False
    return True


def adverbs_only(text: str) -> bool:
    """Tell whether a stretch holds nothing but adverbs ("Luego", "Ya no"): "De Mistura" is no phrase "de Mistura"."""
    return all(w.lower() in ADVERBS or ADVERB_FORM.fullmatch(w.lower()) for w in WORD.findall(text))


# The programs of the patterns compiled above, for the next run (kg/extract/patterns.py).
REGEXES.keep()
