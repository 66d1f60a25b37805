"""Inputs for the "not written language" tables (tests/test_bad_input.py, tests/test_cli_bad_input.py):
junk that decodes as text, and genuine text that must still be read. All generated or written here
(the news sentences are our own), deterministic by seed.
"""
from __future__ import annotations

import base64
import random
import string
import uuid

MiB = 1024 * 1024


def random_printable(size: int, seed: int) -> bytes:
    """Random ASCII from space to tilde (what `tr -dc '[:print:]' < /dev/urandom` gives)."""
    rng = random.Random(seed)
    return bytes(rng.randrange(32, 127) for _ in range(size))


def random_high(size: int, seed: int) -> bytes:
    """Random bytes without NULs or C0 controls: passes the binary test, decodes as cp1252."""
    rng = random.Random(seed)
    return bytes(rng.randrange(32, 256) for _ in range(size))


def base64_blob(size: int, seed: int, wrap: bool = True) -> bytes:
    raw = random.Random(seed).randbytes(size)
    return base64.encodebytes(raw) if wrap else base64.b64encode(raw)


def hex_string(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size // 2).hex().encode()


def xxd_dump(lines: int, seed: int) -> bytes:
    """`xxd` output: offset, eight 2-byte groups, the printable column."""
    rng = random.Random(seed)
    out = []
    for i in range(lines):
        chunk = rng.randbytes(16)
        groups = " ".join(chunk[j:j + 2].hex() for j in range(0, 16, 2))
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        out.append(f"{i * 16:08x}: {groups}  {text}")
    return "\n".join(out).encode()


def od_dump(lines: int, seed: int) -> bytes:
    """`od` output: octal offset and eight octal words."""
    rng = random.Random(seed)
    return "\n".join(f"{i * 16:07o} " + " ".join(f"{rng.randrange(65536):06o}" for _ in range(8))
                     for i in range(lines)).encode()


def keyboard_mash(words: int, seed: int, keys: str = string.ascii_lowercase) -> bytes:
    """Words of random keys, as a hand running over a keyboard types them."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choice(keys) for _ in range(rng.randint(3, 10))) for _ in range(words)).encode()


def repeated_mash(words: int, seed: int) -> bytes:
    """"asdasdasd qweqweqwe"-style mashing: a few keys repeated."""
    rng = random.Random(seed)
    rows = ["asd", "qwe", "jkl", "zxc", "fgh", "uio", "sdf", "hjk"]
    return " ".join(rng.choice(rows) * rng.randint(3, 5) for _ in range(words)).encode()


def uuid_list(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    return "\n".join(str(uuid.UUID(bytes=rng.randbytes(16))) for _ in range(n)).encode()


def c1_control_soup(size: int, seed: int) -> bytes:
    """UTF-8 text full of C1 control characters (U+0080-U+009F): valid UTF-8, not language."""
    rng = random.Random(seed)
    return "".join(rng.choice(["\x81", "\x85", "\x90", "\x9d", "\x8f", "ab", " "]) for _ in range(size)).encode()


def private_use_soup(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0xE000, 0xF8FF)) if rng.random() < 0.7 else " " for _ in range(size)).encode()


#: (name, bytes, a word the refusal names): every one must be refused with one message
JUNK: list[tuple[str, bytes, str]] = [
    *[(f"printable_{size}_{seed}", random_printable(size, seed), "neither words nor numbers")
      for size in (300, 4096) for seed in (1, 2, 3)],
    ("printable_3mb", random_printable(3 * MiB, 4), "neither words nor numbers"),
    *[(f"high_bytes_{size}_{seed}", random_high(size, seed), "not written language")
      for size in (300, 4096) for seed in (1, 2)],
    ("high_bytes_3mb", random_high(3 * MiB, 5), "not written language"),
    *[(f"base64_{size}_{seed}", base64_blob(size, seed), "neither words nor numbers") for size in (200, 3000)
      for seed in (1, 2)],
    ("base64_one_line", base64_blob(3000, 3, wrap=False), "neither words nor numbers"),
    ("hex_string", hex_string(4000, 1), "neither words nor numbers"),
    ("xxd_dump", xxd_dump(60, 1), "neither words nor numbers"),
    ("od_dump", od_dump(60, 1), "no words"),
    ("uuid_list", uuid_list(50, 1), "neither words nor numbers"),
    *[(f"keyboard_mash_{seed}", keyboard_mash(80, seed), "vowels") for seed in (1, 2, 3)],
    ("home_row_mash", keyboard_mash(80, 4, keys="asdfghjkl"), "not written language"),
    ("home_row_mash_with_semicolons", keyboard_mash(80, 5, keys="asdfghjkl;"), "not written language"),
    ("repeated_mash", repeated_mash(40, 1), "keyboard mashing"),
    ("c1_control_soup", c1_control_soup(2000, 1), "control codes"),
    ("private_use_soup", private_use_soup(2000, 1), "control codes"),
]

#: (language or kind, text): genuine articles (title, blank line, body) that must still be read
GENUINE: list[tuple[str, str]] = [
    ("english", "Israeli Jets Strike Port\n\nIsraeli jets struck the port of Hodeidah on Sunday, officials "
                "said. Two people were killed and the docks were damaged."),
    ("french", "Frappes sur le port\n\nDes avions israéliens ont frappé dimanche le port de Hodeïda, selon "
               "des responsables. Deux personnes ont été tuées et les quais endommagés."),
    ("german", "Angriff auf den Hafen\n\nIsraelische Kampfflugzeuge haben am Sonntag den Hafen von Hodeida "
               "angegriffen, teilten Behördenvertreter mit. Zwei Menschen wurden getötet; die "
               "Bundesverteidigungsministerin sprach von Angstschweiß in der Rechtsstaatlichkeitsdebatte."),
    ("spanish", "Ataque al puerto\n\nAviones israelíes atacaron el domingo el puerto de Hodeida, según "
                "funcionarios. Dos personas murieron y los muelles sufrieron daños."),
    ("russian", "Удар по порту\n\nИзраильские самолёты в воскресенье нанесли удар по порту Ходейда, сообщили "
                "официальные лица. Погибли два человека, причалы повреждены."),
    ("ukrainian", "Удар по порту\n\nІзраїльські літаки в неділю завдали удару по порту Ходейда, повідомили "
                  "посадовці. Загинули двоє людей, пошкоджено причали."),
    ("arabic", "غارات على الميناء\n\nقصفت طائرات إسرائيلية ميناءَ الحديدة يوم الأحد، بحسب مسؤولين. "
               "وقُتل شخصان وتضررت الأرصفة."),
    ("hebrew", "תקיפה בנמל\n\nמטוסים ישראליים תקפו ביום ראשון את נמל חודיידה, כך מסרו גורמים רשמיים. "
               "שני בני אדם נהרגו. צה״ל אישר את התקיפה."),
    ("persian", "حمله به بندر\n\nهواپیماهای اسرائیلی روز یکشنبه به بندر حدیده حمله کردند، مقام‌ها گفتند. "
                "دو نفر کشته شدند."),
    ("turkish", "Limana saldırı\n\nİsrail savaş uçakları pazar günü Hudeyde limanını vurdu, yetkililer "
                "söyledi. İki kişi öldü ve rıhtımlar hasar gördü."),
    ("chinese", "港口遇袭\n\n以色列战机周日袭击了荷台达港，官员说。两人死亡，码头受损。2025年3月23日。"),
    ("japanese", "港への空爆\n\nイスラエル軍機が日曜日、ホデイダ港を攻撃したと当局者が明らかにした。2人が死亡した。"),
    ("korean", "항구 공습\n\n이스라엘 전투기들이 일요일 호데이다 항구를 공습했다고 관리들이 밝혔다. 두 명이 숨졌다."),
    ("hindi", "बंदरगाह पर हमला\n\nअधिकारियों ने बताया कि इज़राइली विमानों ने रविवार को होदेइदा बंदरगाह पर हमला किया। "
              "दो लोगों की मौत हो गई।"),
    ("greek", "Επίθεση στο λιμάνι\n\nΙσραηλινά αεροσκάφη έπληξαν την Κυριακή το λιμάνι της Χοντέιντα, "
              "δήλωσαν αξιωματούχοι. Δύο άνθρωποι σκοτώθηκαν."),
    ("vietnamese", "Tấn công cảng\n\nMáy bay Israel đã tấn công cảng Hodeidah vào Chủ nhật, các quan chức "
                   "cho biết. Hai người thiệt mạng và các cầu tàu bị hư hại."),
    ("polish", "Atak na port\n\nIzraelskie samoloty zaatakowały w niedzielę port w Hudajdzie, przekazali "
               "urzędnicy. Zginęły dwie osoby, a nabrzeża zostały uszkodzone w Szczecinie i Bydgoszczy."),
    ("czech", "Útok na přístav\n\nIzraelská letadla ve čtvrtek zaútočila na přístav Hudajdá, uvedli "
              "představitelé. Zahynuli dva lidé; smrt, krk a prst zmínil i vlk v Brně."),
    ("thai", "โจมตีท่าเรือ\n\nเครื่องบินของอิสราเอลโจมตีท่าเรือโฮเดดาห์เมื่อวันอาทิตย์ เจ้าหน้าที่กล่าว มีผู้เสียชีวิตสองคน"),
    ("welsh", "Ymosodiad ar y porthladd\n\nMae'r llywodraeth wedi cyhoeddi datganiad ynghylch yr ymosodiad ar "
              "borthladd Hodeidah ddydd Sul. Cafodd dau berson eu lladd."),
    ("short", "Ceasefire Holds\n\nThe truce held overnight."),
    ("one_line", "Houthis fired two missiles at a ship in the Red Sea on Tuesday."),
    ("all_caps", "BREAKING: HOUTHIS CLAIM ATTACK ON SHIP IN RED SEA\n\nTHE GROUP SAID ITS FORCES FIRED TWO "
                 "MISSILES AT THE VESSEL ON TUESDAY, THE IDF AND CENTCOM SAID."),
    ("table_of_numbers", "Casualty Figures by Month\n\nThe ministry published these figures on Monday; the "
                         "table lists deaths and injuries.\n\n"
                         + "\n".join(f"{m} 2024 {1000 + 37 * i:,} {2400 + 91 * i:,} {12.5 + i:.1f}%"
                                     for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                            "Aug", "Sep", "Oct", "Nov", "Dec"] * 3))),
    ("links_and_hashes", "Statement on the Strikes\n\nRead the statement at https://example.org/news/2025/03/23/"
                         "statement-on-the-strikes?id=8f3a9c2e1b or write to press@example.org. The file's "
                         "SHA-256 is 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, the "
                         "army said on Sunday."),
    ("inline_markup", "Talks Resume\n\n<p>Negotiators <b>met again</b> in Doha on <time datetime=\"2025-03-23\">"
                      "Sunday</time>, mediators said.</p>"),
]
