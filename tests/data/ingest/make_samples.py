"""Write the encoded sample texts in this folder (run once; the outputs are committed).

The Russian and Chinese sentences were written for these tests; they paraphrase the opening of
an SCO declaration. Each sample is hard-wrapped the way legacy plain-text files arrive.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

RUSSIAN = """ДЕКЛАРАЦИЯ ГЛАВ ГОСУДАРСТВ

I

Сегодня мы, главы государств-членов Шанхайской организации
сотрудничества, подписали Хартию организации. Это событие
знаменует создание правовой основы нового объединения.

Мы считаем, что создание организации отвечает коренным
интересам народов наших стран.
"""

CHINESE = """上海合作组织成员国元首宣言

一

今天，我们各成员国元首正式签署了上海合作组织宪
章。这标志着新的国际组织的法律基础已经建立。

我们认为，上海合作组织的成立符合本地区和世界的
现实情况，也符合各国人民的根本利益。
"""

SAMPLES = {
    "ru-cp1251.txt": (RUSSIAN, "cp1251"),
    "ru-koi8r.txt": (RUSSIAN, "koi8_r"),
    "ru-utf16.txt": (RUSSIAN, "utf-16"),
    "ru-utf8-bom.txt": (RUSSIAN, "utf-8-sig"),
    "zh-gb18030.txt": (CHINESE, "gb18030"),
    "zh-gbk.txt": (CHINESE, "gbk"),
    "zh-utf16.txt": (CHINESE, "utf-16"),
    "zh-utf8.txt": (CHINESE, "utf-8"),
}

if __name__ == "__main__":
    for name, (text, encoding) in SAMPLES.items():
        (HERE / name).write_bytes(text.encode(encoding))
