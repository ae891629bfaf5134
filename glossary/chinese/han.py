"""Han characters: which code points are ideographs, the punctuation around them, and
whether a text is written in simplified or traditional characters."""

from __future__ import annotations

import re
from functools import cache

import opencc

# --------------------------------------------------------------------------- characters

_HAN_RANGES = (
    (0x3007, 0x3007),  # 〇 ideographic zero
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x2A6DF),  # extension B
    (0x2A700, 0x2EE5F),  # extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # compatibility ideographs supplement
    (0x30000, 0x323AF),  # extensions G, H
)
HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)
# CJK symbols and punctuation, full-width forms, vertical forms, and the punctuation that
# Chinese text shares with English (middle dot, dashes, ellipsis, curly quotes).
CJK_PUNCT = (
    "\u3000-\u3006\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\ufe30-\ufe4f\u00b7\u2014\u2026\u2018\u2019\u201c\u201d"
)
HAN_CHAR_RE = re.compile(f"[{HAN}]")
# A run for <span lang>: Han characters with the CJK punctuation in and around them (runs
# of punctuation alone are skipped when wrapping; a plain class keeps matching linear).
MARK_RUN_RE = re.compile(f"[{HAN}{CJK_PUNCT}]+")


def is_han(ch: str) -> bool:
    """True if ``ch`` is a single Han ideograph (CJK unified, extensions, compatibility, 〇)."""
    return len(ch) == 1 and HAN_CHAR_RE.match(ch) is not None


def has_han(text: str) -> bool:
    """True if ``text`` contains at least one Han ideograph."""
    return HAN_CHAR_RE.search(text) is not None


def han_count(text: str) -> int:
    return len(HAN_CHAR_RE.findall(text))


# ------------------------------------------------------------------------------ script

# Common characters that have a different form in the other script.  Characters that are
# legitimately used in both (后, 里, 干, 台, 云, 与, 党, 制, 准, 范 …) are left out.
_TRADITIONAL_ONLY = frozenset(
    "們個來時為說國學對會這進過還從經與現開關東車長門問間馬鳥魚龍書買賣電話語讀寫聽見覺觀親視"
    "實點黨灣臺腦區歷發廣場報產業務濟貿體協員變護醫藥師費質農樂習歲華鄉縣專運動傳統萬眾義難辦"
    "應導計設畫劃議論認識讓請謝該爭戰雙創術數據處網絡線級組織結構總給紅綠藍顏題頭環圖館園圓團"
    "聯軍衛億價錢銀鐵鋼錯鏡陽陰險際隊風飛飯餘驗麼麗齊齒龜黃舊號蘇蘭藝裡複製規記許評試詩詳課"
    "調談證財貨貴資賽購趙趕輕輛輸邊遠適選遺邏鄧針鐘閱陳陸隨雞離須項領頻顯飲養髮鬥鬧魯鮮麥齡"
    "愛權歡氣漢準滿燈爺獨當盡監禮種稱穩窮築範簡練"
)
_SIMPLIFIED_ONLY = frozenset(
    "们个来时为说国学对会这进过还从经现开关东车长门问间马鸟鱼龙书买卖电话语读写听见觉观亲视"
    "实点湾脑区历发广场报产业务济贸体协员变护医药师费质农乐习岁华乡县专运动传统万众义难办应"
    "导计设画议论认识让请谢该争战双创术数处网络线级组织结构总给红绿蓝颜题头环图馆园圆团联军"
    "卫亿价钱银铁钢错镜阳阴险际队风飞饭验丽齐齿龟黄旧号苏兰艺复规记许评试诗详课调谈证财货贵"
    "资赛购赵赶轻辆输边远适选遗逻邓针钟阅陈陆随鸡离须项领频显饮养闹鲁鲜麦龄爱权欢气汉满灯爷"
    "独当尽监礼称稳穷简练"
)


def han_script(text: str, default: str = "zh-Hans") -> str:
    """Return ``"zh-Hant"`` or ``"zh-Hans"`` for ``text``.

    Counts characters that exist only in one script; the script with more of them wins,
    and ``default`` is returned when there is no evidence either way (城市).
    """
    traditional = sum(ch in _TRADITIONAL_ONLY for ch in text)
    simplified = sum(ch in _SIMPLIFIED_ONLY for ch in text)
    if traditional > simplified:
        return "zh-Hant"
    if simplified > traditional:
        return "zh-Hans"
    return default


@cache
def _simplified_to_traditional() -> opencc.OpenCC:
    """OpenCC's Simplified → Traditional converter (phrases first, then characters), loaded
    once per process."""
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters: 创新 → 創新, 头发 → 頭髮 (OpenCC's s2t data)."""
    return _simplified_to_traditional().convert(text)
