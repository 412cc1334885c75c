"""Korean amounts: a number × 천/백/십 × 조/억/만 with its unit, read into one scale.

``1조 8천억원`` is 18,000 억원, ``1천5백억`` and ``1천 5백억`` 1,500 억, ``2만5천명`` and ``2만 5,000명`` 25,000 명;
``백만``/``천만``/``천`` before a unit are its scale as written (``1,200백만원``, ``5천만원``). Several amounts are
brought to one unit (:func:`one_unit`): the smallest scale of one base unit (``5,000억원 → 1.8조원`` is 5,000 →
18,000 억원), or the unit named apart from them (``(백만원): 10억`` is 1,000). A bare 만/억/조 is money or a number,
whichever keeps the values closer in size. The patterns here (:data:`NUM`, :data:`HI`) are parts of the target
patterns in :mod:`indexer.ingest.targets`, applied to folded text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from indexer.ingest.table_rows import UNIT_WORD

__all__ = ["HI", "NUM", "Amount", "is_money", "one_unit", "read_amount", "single_amount"]

#: A number: ``1,400``, ``98``, ``3.5``. Atomic, and never followed by another
#: digit, so ``1,4000`` or ``12,34`` is not read as a smaller number.
NUM = r"(?>[0-9]{1,3}(?:,[0-9]{3})++(?:\.[0-9]++)?|[0-9]++(?:\.[0-9]++)?)(?![0-9])"

#: The higher parts of a Korean compound amount, before its last part: ``1조 `` in ``1조 8천억원``,
#: ``2억 `` in ``2억 5천만원``, ``2만`` in ``2만5천명`` / ``2만 5,000명``, ``1천`` in ``1천5백억`` / ``1천 5백억``. A part is
#: taken only when a smaller part follows it (lookahead), so ``20억 5개소`` is two amounts, not one:
#: after 조/억 the rest must reach a smaller 억/만, after 만 a 천/백/십 part or a plain number below
#: 만 (glued, or ``5,000`` after a space), after 천/백/십 a smaller digit. Possessive, so nothing is
#: tried twice, and at most eight parts are taken, so a run of them costs little at every start;
#: :func:`read_amount` checks that the parts go down.
_DIGIT_MULT = "(?:천|백|십)"
_BELOW = r"(?![0-9.,])"  # a whole integer: not the head of a longer number or a decimal
_HI_PART = (
    rf"{NUM}{_DIGIT_MULT}?[조억][ ]?(?=(?:[1-9]{_DIGIT_MULT}[ ]?(?=[0-9])){{0,2}}+{NUM}{_DIGIT_MULT}?[억만])"
    rf"|{NUM}{_DIGIT_MULT}?만(?:[ ]?(?=[1-9]{_DIGIT_MULT})|(?=[0-9]{{1,4}}{_BELOW}|[0-9],[0-9]{{3}}{_BELOW})|[ ](?=[0-9],[0-9]{{3}}{_BELOW}))"
    rf"|[1-9]천(?:[ ]?(?=[1-9][백십])|(?=[0-9]{{1,3}}{_BELOW}))"
    rf"|[1-9]백(?:[ ]?(?=[1-9]십)|(?=[0-9]{{1,2}}{_BELOW}))"
    rf"|[1-9]십(?=[0-9]{_BELOW})"
)
HI = rf"(?:{_HI_PART}){{0,8}}+"  # bounded: at most 조, 억, 만 and three digits before each, in order
_HI_PART_RE = re.compile(rf"(?P<num>{NUM})(?P<digit>{_DIGIT_MULT})?(?P<big>조|억|만)?")

#: Scale words a unit may begin with (``억원``, ``백만원``, ``천명``, ``천만건``) and their sizes.
_SCALES = {"": 1, "천": 10**3, "만": 10**4, "백만": 10**6, "천만": 10**7, "억": 10**8, "조": 10**12}
#: Digit words before 조/억/만 that are no scale of their own: ``5천억원`` is 5,000 억원.
_DIGIT_WORDS = {"천": 1000, "백": 100, "십": 10}
#: The multiplier at the start of a unit: ``천억`` in ``천억원``, ``백만`` in ``백만원``, ``백`` in ``5백명``.
_MULT_RE = re.compile(rf"{_DIGIT_MULT}?(?:조|억|만)|{_DIGIT_MULT}")


#: An amount: its value in its unit's scale, the scale word, the base unit, and whether it is
#: written as one number in that scale (``5억원``, ``1,200백만원``; not ``5천억원``, ``1조 8천억원``).
#: A scale word 만/억/조 without a base (``20억``, ``6.5만``) has base ``""``: :func:`one_unit` reads it.
Amount = tuple[Decimal, str, str, bool]

#: Base units that are money: a bare scale word may be their scale (``20억`` is 20 억원).
_MONEY = ("원", "달러", "불")
#: Scale words that alone may be money (``20억``); ``5천`` alone stays 5 천.
_BARE_SCALES = ("만", "억", "조")


def read_amount(hi: str | None, num: str, unit: str | None) -> Amount | None:
    """``1조 8천억원`` -> 18,000 in the scale ``억`` of ``원``: number × 천/백/십 × 조/억/만, parts added.

    ``백만``/``천만``/``천`` are the unit's scale as written (``1,200백만원``, ``5천만원``, ``5천명``),
    except in the last part of a compound amount (``2억 5천만원`` is 25,000 만원, ``2만5천명`` is
    25,000 명); ``백``/``십`` are digits (``1천5백억`` is 1,500 억). None for a compound amount
    without a scale to add its parts in, or whose parts do not go down (``2만 15,000명``).
    """
    value = Decimal(num.replace(",", ""))
    unit = (unit or "").replace(" ", "")
    m = _MULT_RE.match(unit)
    mult = m.group() if m else ""
    base = unit[len(mult) :]
    plain = not hi
    if mult[:1] in _DIGIT_WORDS and (mult not in _SCALES or hi):
        value, scale, plain = value * _DIGIT_WORDS[mult[0]], mult[1:], False
    else:
        scale = mult
    if hi:
        higher = _higher_parts(hi)
        if higher is None:
            return None
        total, group, last_big, last_digit = higher
        size = _SCALES[scale]
        # The last part is below the parts before it: ``2만 5,000``, ``1천5백``, ``1억 5천만``.
        if size >= last_big or (group and value >= last_digit) or (not group and value * size >= last_big):
            return None
        value += group + total / size
    return value, scale, base, plain


def _higher_parts(hi: str) -> tuple[Decimal, Decimal, int, int] | None:
    """The parts of a compound amount before its last: their total (in 원, 명 ...), the digits
    still waiting for their scale word (``1천`` in ``1천5백억``), and the smallest scale and digit
    word seen. None when the parts do not go down (``1만 2조``, ``5백 1천``)."""
    total, group = Decimal(0), Decimal(0)
    last_big = last_digit = 10**16
    for part in _HI_PART_RE.finditer(hi):
        d = _DIGIT_WORDS.get(part.group("digit") or "", 1)
        if d >= last_digit:
            return None
        group += Decimal(part.group("num").replace(",", "")) * d
        last_digit = d
        if part.group("big"):
            size = _SCALES[part.group("big")]
            if size >= last_big:
                return None
            total, group, last_big, last_digit = total + group * size, Decimal(0), size, 10**16
    return total, group, last_big, last_digit


def _unit_parts(unit: str | None) -> tuple[str, str] | None:
    """``(scale, base)`` of a unit word written apart from the values (``억원`` -> ``억``, ``원``;
    ``명`` -> ``""``, ``명``; ``억`` is money), or None when it names no counter (``누적``)."""
    u = "".join((unit or "").split())
    if not UNIT_WORD.fullmatch(u):
        return None
    m = _MULT_RE.match(u)
    scale = m.group() if m else ""
    if scale not in _SCALES:
        return None
    base = u[len(scale) :] or ("원" if scale in ("억", "조") else "")
    return (scale, base) if base else None


def is_money(unit: str | None) -> bool:
    parts = _unit_parts(unit)
    return parts is not None and parts[1] in _MONEY


def one_unit(amounts: list[Amount], unit: str | None = None) -> tuple[list[float], str | None] | None:
    """The values of ``amounts`` in one unit, and that unit; None when their units disagree.

    ``unit`` is the unit named apart from the values (``참여 인원(명)``, ``… (백만원)``): a number
    without a unit is in it, and when every amount is in its base all are brought to its scale
    (``(억원): 5,000 → 1.8조`` is 5,000 → 18,000). Otherwise amounts written plainly in one unit
    stay as written (``31.1조원 → 26.5조원``), and amounts of one base unit go to the smallest
    scale among them (``5,000억원 → 1.8조원`` is 5,000 → 18,000 억원).

    A scale word without a base (``6.5만``, ``20억``) is read two ways: as money (``20억`` is
    20 억원, and a bare number beside it is in 억원 too), or as a number (``6.5만`` is 65,000,
    in the unit of a bare number beside it: ``42,360 → 6.5만``). A unit named apart that is no
    money leaves only the number; else the reading whose values stay closest in size wins,
    money on a tie (one amount alone is money).
    """
    parts = _unit_parts(unit) if unit else None
    bare = [s in _BARE_SCALES and not b for _, s, b, _ in amounts]
    if not any(bare):
        return _in_one_unit(amounts, unit, parts)
    readings = []
    if parts is None or parts[1] in _MONEY:
        base = parts[1] if parts is not None else "원"
        readings.append([(v, s, base, p) if is_bare else (v, s, b, p) for (v, s, b, p), is_bare in zip(amounts, bare)])
    if parts is None or parts[1] not in _MONEY or len(amounts) > 1:
        readings.append([(v * _SCALES[s], "", "", False) if is_bare else (v, s, b, p) for (v, s, b, p), is_bare in zip(amounts, bare)])
    best = None
    for reading in readings:
        one = _in_one_unit(reading, unit, parts)
        if one is not None and (best is None or _spread(one[0]) < _spread(best[0])):
            best = one
    return best


def _spread(values: list[float]) -> float:
    """How far apart in size ``values`` are: the largest over the smallest (zeros aside)."""
    sizes = [abs(v) for v in values if v]
    return max(sizes) / min(sizes) if len(sizes) > 1 else 1.0


def _in_one_unit(amounts: list[Amount], unit: str | None, parts: tuple[str, str] | None) -> tuple[list[float], str | None] | None:
    """:func:`one_unit` once every scale word has a base."""
    if parts is not None:
        amounts = [(v, *parts, p) if not s and not b else (v, s, b, p) for v, s, b, p in amounts]
        if all(b == parts[1] for _, _, b, _ in amounts):
            return [float(v * _SCALES[s] / _SCALES[parts[0]]) for v, s, _, _ in amounts], unit
    units = {scale + base for _, scale, base, _ in amounts if scale + base}
    if all(plain for *_, plain in amounts) and len(units) <= 1:
        return [float(v) for v, *_ in amounts], next(iter(units), None)
    if not units:
        return [float(v) for v, *_ in amounts], None  # numbers only (``42,360 → 6.5만`` read as 42,360 → 65,000)
    if not all(base for _, _, base, _ in amounts) or len({base for _, _, base, _ in amounts}) > 1:
        return None
    scale = min((s for _, s, _, _ in amounts), key=_SCALES.__getitem__)
    return [float(v * _SCALES[s] / _SCALES[scale]) for v, s, _, _ in amounts], scale + amounts[0][2]


def single_amount(hi: str | None, num: str, suffix: str | None) -> tuple[float, str | None] | None:
    """One amount (:func:`read_amount`) as ``(value, unit)``; None when it is no amount."""
    amount = read_amount(hi, num, suffix)
    one = one_unit([amount]) if amount is not None else None
    if one is None:
        return None
    (value,), unit = one
    return value, unit
