"""The events stages, one parameterized table each, written with our own sentences (never the real-text set).

Each table row is one sentence (or a short paragraph) and what a careful analyst reads in it. The reference date
of every row is Sunday 2025-03-23 (tests/conftest.py DCT) unless the row says otherwise.
"""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.extract import STAGES, extract_events
from loaders.extract.candidates import is_candidate, read_units
from loaders.extract.lexicon import lexicon, noun_forms, verb_forms
from loaders.extract.names import clean_name
from loaders.models import EVENT_COLUMNS
from tests.conftest import DCT, make_article

SAT, FRI, TUE = DCT - dt.timedelta(days=1), DCT - dt.timedelta(days=2), DCT - dt.timedelta(days=5)


def one(extract, *paragraphs: str, **kw):
    events = extract(*paragraphs, **kw)
    assert len(events) == 1, [(e.event_type, e.actor, e.sentence) for e in events]
    return events[0]


# --- the pipeline is a list of named stages -----------------------------------------------------------------
def test_the_pipeline_reads_as_named_stages_in_order():
    assert [name for name, _ in STAGES] == ["roles", "place", "date", "type", "filter", "links"]


# --- lexicon: inflected forms of the rule words --------------------------------------------------------------
@pytest.mark.parametrize("lemma, pos, forms", [
    ("kill", "V", {"kill", "kills", "killed", "killing"}),
    ("strike", "V", {"strike", "strikes", "struck", "striking"}),
    ("stab", "V", {"stabbed", "stabbing"}),
    ("shell", "V", {"shelled", "shelling", "shells"}),
    ("die", "V", {"died", "dying", "dies"}),
    ("kidnap", "V", {"kidnapped", "kidnapping"}),
    ("agree", "V", {"agreed", "agreeing"}),
    ("casualty", "N", {"casualty", "casualties"}),
    ("airstrike", "N", {"airstrike", "airstrikes"}),
    ("militia", "N", {"militias"}),
])
def test_rule_words_are_inflected(lemma, pos, forms):
    assert forms <= (verb_forms(lemma) if pos == "V" else noun_forms(lemma))


# --- candidates: only sentences with a trigger word are parsed -------------------------------------------------
@pytest.mark.parametrize("sentence, candidate", [
    ("Israeli jets struck a house in Rafah on Tuesday.", True),
    ("Two rockets were fired at Sderot.", True),
    ("The talks are expected to resume in Cairo.", True),
    ("The weather in Gaza was cold and wet.", False),
    ("Prices of bread have doubled since January.", False),
    ("The minister said the situation remained difficult.", False),
])
def test_the_prefilter_picks_sentences_with_a_trigger(settings, sentence, candidate):
    _, sents = read_units(make_article(sentence), settings)
    assert any(is_candidate(s) for s in sents) is candidate


@pytest.mark.parametrize("paragraph, first_sentence", [
    ("KHARTOUM, Sudan – Paramilitary fighters shelled a market.", "Paramilitary fighters shelled a market."),
    ("KYIV (Reuters) - Russian drones hit a power plant.", "Russian drones hit a power plant."),
    ("BAMAKO, March 2, 2025 – Gunmen attacked a convoy near Gao.", "Gunmen attacked a convoy near Gao."),
    ("Israel - Hamas talks resumed in Doha.", "Israel - Hamas talks resumed in Doha."),
])
def test_a_dateline_is_not_part_of_the_first_sentence(settings, paragraph, first_sentence):
    _, sents = read_units(make_article(paragraph), settings)
    assert sents[0].text == first_sentence


# --- roles: actor and target from the parse -------------------------------------------------------------------
@pytest.mark.parametrize("sentence, actor, target", [
    # subject of an active trigger verb; demonyms name their state
    ("Israeli warplanes struck a house in Khan Younis on Saturday.", "Israel", ""),
    ("Hezbollah fired rockets at northern Israel on Saturday.", "Hezbollah", "Israel"),
    # defences no owner is named for, in what a state or its ministry reports, are its own
    ("Russia's Defence Ministry said air defences shot down 12 Ukrainian drones over Kursk on Saturday.", "Russia",
     "Ukraine"),
    ("Russia said air defences shot down 12 Ukrainian drones over Kursk on Saturday.", "Russia", "Ukraine"),
    # troops no owner is named for, told of by a state or its armed forces, are theirs; not by a health ministry
    ("Russia said troops captured the village of Kurakhove on Saturday.", "Russia", ""),
    ("The Israeli military said troops had fired at Hamas gunmen near Nablus on Saturday.", "Israel Defense Forces",
     "Hamas"),
    ("The Palestinian health ministry said troops killed three people in Jenin on Saturday.", "", ""),
    # who made the weapon is neither side; who sent it is the target of its interception
    ("Pakistan said it had shot down 25 Israeli-made drones sent by India over Lahore on Saturday.", "Pakistan",
     "India"),
    ("Russia launched 90 Iranian-made drones at Ukraine on Saturday.", "Russia", "Ukraine"),
    # an interception with no agent, told by a state's forces, was theirs
    ("The Israeli military said a drone was intercepted over Eilat on Saturday.", "Israel Defense Forces", ""),
    # "by" agent of a passive
    ("A mortar round fired by Hamas struck a house in Ashkelon on Saturday.", "Hamas", ""),
    ("An aid convoy was attacked by gunmen near Gao on Saturday.", "", ""),
    # possessor and modifiers of a nominal trigger; "by" after it
    ("Israel's strikes on Rafah on Saturday killed 12 people.", "Israel", ""),
    ("Attacks by the Houthis on shipping in the Red Sea resumed on Saturday.", "Houthis", ""),
    # light verbs: the verb's subject is the noun's actor
    ("The US military conducted a strike on a Kataib Hezbollah facility on Saturday.", "US military",
     "Kataib Hezbollah"),
    ("Israel answered with artillery fire on southern Lebanon on Saturday.", "Israel", "Lebanon"),
    # what a reporting verb reports: "it" / "its fighters" stand for the speaker
    ("The Islamic Resistance in Iraq said it launched drones at Eilat on Saturday.", "Iraqi armed factions", ""),
    ("The DFLP said its fighters shelled an Israeli position on Saturday.", "DFLP", "Israel"),
    # "the deal comes after Israel killed the leaders of Hamas": the killer is the subject of its own clause
    ("The deal came after Israel killed two Hamas commanders in Gaza City on Saturday.", "Israel", "Hamas"),
    # a sponsor is not the actor
    ("Iranian-backed Houthi militants fired a missile at a tanker on Saturday.", "Houthis", ""),
    # victims are never actors; nobody attacks itself
    ("Twelve civilians died in an Israeli raid on Jabalia on Saturday.", "Israel", "Civilians"),
    # weapons name no actor unless a name modifies them
    ("A drone struck a car near Tyre on Saturday.", "", ""),
    ("An Israeli drone struck a car near Tyre on Saturday.", "Israel", ""),
    # the agent of a participle describing the trigger noun
    ("An air raid staged by the Mujahideen Brigades hit an army post near Jenin on Saturday.",
     "Mujahideen Brigades", ""),
    # a name in apposition to a title
    ("On Saturday, the envoy Jane Moss met rebel leaders in Juba.", "Jane Moss", ""),
    # a target with a name of its own that is no actor is kept as written; a weapon fired is no target
    ("Houthi fighters fired two missiles at the M/V Blue Horizon on Saturday.", "Houthis", "M/V Blue Horizon"),
    ("Rockets were fired at Sderot on Saturday.", "", ""),
    ("Myanmar's junta carried out airstrikes on a village on Saturday.", "Myanmar", ""),
    # an acronym that names different actors in different wars keeps the table's reading only at home
    ("Al-Shabaab militants attacked an SNA base in Balcad town (Balcad, Middle Shabelle) on Saturday.",
     "Al-Shabaab", "SNA"),
    ("Turkish drones struck SNA positions near Manbij on Saturday.", "Turkey", "Syrian National Army"),
    # a person struck is their body's loss (ACLED's target); a meeting keeps the counterpart as named
    ("An Israeli drone killed Hamas commander Saleh al-Arouri in Beirut on Saturday.", "Israel", "Hamas"),
    ("Defense Secretary Lloyd Austin called Israeli Defense Minister Yoav Gallant on Saturday.", "Pentagon",
     "Yoav Gallant"),
    # what belongs to a group: the group was targeted
    ("US jets struck two depots used by Kataib Hezbollah in Iraq on Saturday.", "United States",
     "Kataib Hezbollah"),
    # who put a device in place set it off
    ("A landmine planted by the Taliban killed two children in Helmand on Saturday.", "Taliban", ""),
    ("A bomb laid by al-Shabaab militants exploded near a checkpoint in Mogadishu on Saturday.", "Al-Shabaab", ""),
    # the ones killed or detained are never the actor, whatever the tagger calls the participle
    ("Army raids in Borno resulted in 11 Boko Haram fighters killed and 36 Boko Haram fighters detained on "
     "Saturday.", "", "Boko Haram"),
    # "the X militia" names its own group: no pointer back to the group named before
    ("Sudanese troops clashed with the Abbala militia near Nyala on Saturday.", "Sudan", "Abbala"),
    # a chance taken is a meeting held, by the one who had it
    ("Foreign Minister Ana Ruiz had the chance to meet rebel leaders in Juba on Saturday.", "Ana Ruiz", ""),
    # "allegedly" reports a claim: the event stays
    ("Israeli soldiers allegedly opened fire on a UN patrol near Kfar Kila on Saturday.", "Israel", "United Nations"),
    # a demonym before armed men who are no state's forces names no actor; a table row still does
    ("Haitian gangs attacked the town of Mirebalais on Saturday.", "", ""),
    ("Salvadoran gang members attacked a bus near Soyapango on Saturday.", "", ""),  # the gang's members, too
    ("Palestinian gunmen opened fire on a bus near Hebron on Saturday.", "Palestinian armed groups", ""),
    # "in"/"by" + "-ing": the verb it tells the manner of carries the subject
    ("Iran retaliated on Saturday by firing missiles at the Al Udeid air base in Qatar.", "Iran", "Al Udeid"),
    # ... even when the small model reads the whole sentence as one noun phrase ("personnel ... partnered")
    ("Last month, U.S. Army personnel from Task Force Falcon partnered with the Syrian Interior Ministry in "
     "destroying 15 arms dumps in southern Syria.", "US military", ""),
    # the parties of a fight "between" them, on the verb it broke out with
    ("Heavy fighting broke out between the M23 rebels and the Congolese army near Sake on Saturday.", "M23",
     "Armed Forces of the Democratic Republic of the Congo"),
    # "clashed with X trying to enter Y on Saturday": X is the other side, Y where, Saturday when
    ("Hamas fighters clashed with Israeli forces trying to enter Jabalia on Saturday.", "Hamas", "Israel"),
    # a camp shelled is where, not whom
    ("The RSF shelled the Abu Shouk camp near El Fasher on Saturday.", "Rapid Support Forces", ""),
    ("Dozens of refugees were killed in a drone attack blamed on the Arakan Army near Maungdaw on Saturday.",
     "Arakan Army", ""),
    # the accused is the actor the report names
    ("Sudan's army accused the RSF of killing 40 civilians in Gezira on Saturday.", "Rapid Support Forces",
     "Civilians"),
    # a misparse with two subjects: the noun nearest the verb
    ("Sudan's paramilitary Rapid Support Forces shelled a camp near El Fasher on Saturday.",
     "Rapid Support Forces", ""),
    ("The Islamic State West Africa Province attacked an army post near Monguno on Saturday.",
     "Islamic State West Africa Province", ""),
    # coordinated verbs share their object
    ("US jets hit and wrecked three Houthi radar sites on Saturday.", "United States", "Houthis"),
    # what a weapon was aimed at ("missiles targeting ...")
    ("Houthi fighters fired two missiles targeting the M/V Blue Horizon on Saturday.", "Houthis", "M/V Blue Horizon"),
    # a sponsor's whole name is the sponsor's ("Islamic State-linked insurgents" are not a group called "Islamic")
    ("Islamic State-linked insurgents attacked the town of Macomia on Saturday.", "", ""),
    # the vague first word of a sentence is no part of a people's group ("Suspected Maoist rebels")
    ("Suspected Maoist rebels blew up a police vehicle in Chhattisgarh on Saturday.", "Maoist rebels", ""),
    # dissidents of a group act as armed men
    ("Dissidents of the former FARC rebels killed a police officer in Jamundi on Saturday.", "FARC dissidents", ""),
    # what is shot down belongs to the target ("a missile fired by X", "Russian drones")
    ("Ukrainian air defences shot down 40 Russian drones on Saturday.", "Ukraine", "Russia"),
    ("A US warship shot down a missile fired by the Houthis on Saturday.", "United States", "Houthis"),
    # a light verb's subject acts, even when a toll follows; the toll's victims are the target
    ("The U.S. military's Africa Command said it conducted an airstrike near Jilib on Saturday, killing three "
     "al-Shabaab fighters.", "US Africa Command", "Al-Shabaab"),
    # a town's name holding a state's name is nobody ("the Port Sudan airport" is no target called Sudan)
    ("Drones hit the Port Sudan airport on Saturday.", "", ""),
    # the sides "between" which fighting went on; a supporter is neither ("supported by Wazalendo groups"),
    # however the parse hangs it; "M23/AFC" is M23
    ("Heavy fighting between M23/AFC and the Armed Forces of the DRC, supported by Wazalendo groups, continued in "
     "Masisi territory on Saturday.", "M23", "Armed Forces of the Democratic Republic of the Congo"),
    # a force the table knows, followed by the model of its machines, is that force
    ("Two RAF Typhoon FGR4s struck a weapons cache held by Daesh near Mosul on Saturday.", "UK armed forces",
     "Islamic State"),
    # "personnel believed to be from X executed ...": the belief describes the doers, the killing is told as done
    ("Chadian soldiers and gunmen believed to be from the Kanga Front executed 30 men in Abeche on Saturday.",
     "Chad", ""),
    # a group named after its country ("Tehreek-e-Jihad Pakistan") is the group, not the country
    ("Jaish-e-Azad Pakistan claimed responsibility for a bombing in Quetta on Saturday.", "Jaish-e-Azad Pakistan",
     ""),
    # armed men "led by" a group are that group's
    ("Fighters led by the Kanga Front stormed the town of Ndele on Saturday.", "Kanga Front", ""),
    # the source closing the sentence is no victim of the toll before it, however the parse hangs it
    ("Russian warplanes struck rebel positions near Saraqeb on Saturday, killing at least 15 people, the Syrian "
     "Observatory for Human Rights said.", "Russia", ""),
    # a claimed attack whose toll is told in its own clause is still the claimant's
    ("The Houthis claimed a drone attack on Dubai that killed two people on Saturday.", "Houthis", ""),
    # an unknown name joined to a known town is a town too, no target ("between Baidoa and Burhakaba")
    ("Al-Shabaab fighters ambushed an army convoy between Baidoa and Burhakaba on Saturday.", "Al-Shabaab", ""),
    # sides that act jointly are allies: none is the other's target
    ("The Kanga Front and the Volta Front launched a joint offensive near Bria on Saturday.", "Kanga Front", ""),
    # a station or an airfield of a side is that side's
    ("Houthi forces fired a missile at a Saudi radar station on Saturday.", "Houthis", "Saudi Arabia"),
    # the one side of a clash named "between" is a side, not its target
    ("Clashes between the army and FARC dissidents left 23 people dead on Saturday.", "FARC dissidents", ""),
    # a timeline's line: its date heads no name ("6 March - Prime Minister X"), its present tense is a verb
    ("6 March - Prime Minister Ana Torres orders an offensive against the Volta Front.", "Ana Torres",
     "Volta Front"),
    ("6 March - The Volta Front fires rockets at the airport of Kayes.", "Volta Front", ""),
    # a town the sentence itself calls one is no actor, though no gazetteer holds it ("the Kessa massacre")
    ("The Kessa massacre: dozens of villagers are killed with machetes in the village of Kessa.", "", "Civilians"),
    # an active verb the tagger calls a participle ("missiles killed at least nine") keeps its subject
    ("Russian missiles killed at least nine people in Kharkiv on Saturday.", "Russia", ""),
    # the side defended "against" an attack was its target, however the parse hangs "against"
    ("The minister praised the swift defense of Jordan against a Syrian drone attack on Saturday.", "Syria", "Jordan"),
    ("Pilots helped defend Poland against a Belarusian missile attack on Saturday.", "Belarus", "Poland"),
])
def test_actor_and_target_come_from_the_parse(extract, sentence, actor, target):
    ev = one(extract, sentence)
    assert (ev.actor, ev.target) == (actor, target)


@pytest.mark.parametrize("sentence, actors", [
    ("The Mujahideen Brigades, Hamas and the PFLP fired mortars at Israeli troops east of Khan Younis on Saturday.",
     ["Mujahideen Brigades", "Hamas", "Popular Front for the Liberation of Palestine"]),
    ("The Sudanese army and the Rapid Support Forces clashed in Omdurman on Saturday.",
     ["Sudanese Armed Forces", "Rapid Support Forces"]),
    # coordinated adjectives of one noun: both states' aircraft
    ("Russian and Syrian warplanes struck rebel positions in Idlib on Saturday.", ["Russia", "Syria"]),
])
def test_coordination_gives_several_actors(extract, sentence, actors):
    ev = one(extract, sentence)
    assert ev.actor == actors[0]
    assert all(a in ev.actors for a in actors)


# --- open-world actors: names nobody listed are still actors -------------------------------------------------------
@pytest.mark.parametrize("sentence, actor", [
    ("The Mujahideen Brigades fired mortars at an Israeli post on Saturday.", "Mujahideen Brigades"),
    # a capitalized "Armed" is part of the name, whatever word lists say of "armed"
    ("The Armed Forces of Ruritania shelled the town of Zorba on Saturday.", "Armed Forces of Ruritania"),
    ("Fighters of the Kordofan Liberation Front ambushed a convoy near Kadugli on Saturday.",
     "Kordofan Liberation Front"),
    ("The Ta'ang National Liberation Army captured a town in Shan State on Saturday.",
     "Ta'ang National Liberation Army"),
    ("Katiba Macina militants attacked an army post near Mopti on Saturday.", "Katiba Macina"),
    ("The \"Free Kurdistan Battalion\" claimed a bombing in Kirkuk on Saturday.", "Free Kurdistan Battalion"),
    # a name before a lower-case group noun is the group's name ...
    ("The Qalaat brigades attacked a police post near Gharyan on Saturday.", "Qalaat"),
    # ... but a town's name before it, or a part of that name, is no group nobody named
    ("The Kafr Qasim militia attacked a police post near Gharyan on Saturday.", ""),
    # a state organ's generic name takes its owner however the owner is written: one actor
    ("Russia's Defense Ministry said its forces captured Kalynove in the Donetsk region on Saturday.",
     "Russian Defense Ministry"),
    ("The Russian Defense Ministry said its forces captured Kalynove in the Donetsk region on Saturday.",
     "Russian Defense Ministry"),
    # a table name written with its article in lower case
    ("al-Shabaab fighters stormed a hotel in Mogadishu on Saturday.", "Al-Shabaab"),
    # members "of" a named group act for it, whatever nationality an adjective gives them
    ("Haitian gang members of Gran Grif attacked residents of Pont-Sonde, Haiti, on Saturday.", "Gran Grif"),
    # armed men named after a people nobody listed are one group; a creed or a vague word names none
    ("Kuki militants fired at a village in Bishnupur district on Saturday.", "Kuki militants"),
    ("Ambazonian separatists kidnapped a teacher in Bamenda on Saturday.", "Ambazonian separatists"),
    ("Baloch separatist militants attacked a police station in Turbat on Saturday.", "Baloch separatist militants"),
    ("Islamist militants attacked a police station in Turbat on Saturday.", ""),
    ("Unidentified gunmen attacked a police station in Turbat on Saturday.", ""),
])
def test_unknown_groups_are_kept_with_a_clean_name(extract, sentence, actor):
    assert one(extract, sentence).actor == actor


@pytest.mark.parametrize("raw, clean", [
    ("the Mujahideen Brigades", "Mujahideen Brigades"),
    ("“Islamic Resistance”", "Islamic Resistance"),
    ("the Kordofan Front's", "Kordofan Front"),
    ("Ta’ang  National Liberation Army", "Ta'ang National Liberation Army"),
    ("the Kordofan Front.", "Kordofan Front"),  # a full stop ends the phrase
    ("D.C.", "D.C."),  # an initial keeps its own
])
def test_names_are_cleaned_the_same_way_everywhere(raw, clean):
    assert clean_name(raw) == clean


def test_an_acronym_the_article_defines_stands_for_the_full_name(extract):
    events = extract("The Kordofan Liberation Front (KLF) said it had taken a hill near Kadugli on Saturday. "
                     "The KLF also ambushed a convoy on the Dilling road on Saturday.")
    assert {e.actor for e in events} == {"Kordofan Liberation Front"}


@pytest.mark.parametrize("paragraph, actor", [
    # a person pronoun takes the person named before, subjects first
    ("Gen. Amos Keller met Defence Minister Ruth Adler in Haifa on Saturday. He later visited a base near Acre "
     "on Saturday.", "Amos Keller"),
    # "the group" takes the group named before
    ("The Kordofan Liberation Front said on Saturday it controlled two villages. The group attacked an army "
     "post near Kadugli on Saturday.", "Kordofan Liberation Front"),
    # "the army" takes the state (or its military) named before
    ("Israel said on Saturday it would widen its offensive. The army ordered residents of eastern Rafah to leave "
     "on Saturday.", "Israel"),
    # "the secretary" takes the person named with that title
    ("Defense Secretary Lloyd Austin arrived in Kyiv on Saturday. The secretary met Ukrainian commanders there "
     "on Saturday.", "Lloyd Austin"),
    # in what a group's spokesman reports, "the group" is the spokesman's group and "its" the clause's subject,
    # not the institution the sentence before named
    ("The U.S. military said on Saturday a warship had shot down a drone over the Red Sea. Houthi spokesman Yahya "
     "Saree said on Saturday the group would continue its attacks on shipping.", "Houthis"),
    # "its fighters" takes the group the sentence before was about, not the witnesses who tell it
    ("The Kordofan Liberation Front advanced on Kadugli on Friday. On Saturday, its fighters stormed a village "
     "near the city, witnesses said.", "Kordofan Liberation Front"),
    # "the group" is the nearest group named, even as an object, not a subject paragraphs before
    ("M23 rebels seized Rubaya on Friday. Colombia's president suspended talks with the ELN on Saturday after the "
     "group attacked a military base in Arauca on Saturday.", "ELN"),
    # "the fighters" point back like "the militants"
    ("The Kordofan Front attacked Kadugli on Saturday. Witnesses said the fighters also looted the market in "
     "Kadugli on Saturday.", "Kordofan Front"),
    # "the missiles" are the ones the sentence before says who fired (never for an interception)
    ("Houthi militants fired six missiles at ships in the Red Sea on Saturday. Two of the missiles were trying "
     "to hit a tanker off Mokha on Saturday.", "Houthis"),
    # "the secretary" is the Secretary named before, not the press secretary who tells it
    ("Secretary Lloyd Austin flew to Kyiv on Monday, a Pentagon spokesman said. The secretary "
     "met Ukrainian commanders there on Monday.", "Lloyd Austin"),
    # "the militants" are a group, never the state's troops the sentence before fought
    ("Al-Shabaab fighters stormed a base in Balcad on Saturday, sparking hours of fighting with Somali troops. The "
     "militants detonated a car bomb at the gate on Saturday.", "Al-Shabaab"),
    # "the army" is the army named before, not a state named since only as a mediator
    ("Fighting broke out in Kayes between the Malian Armed Forces and the Volta Front on Friday. A ceasefire "
     "brokered by Algeria was announced on Friday. The army launched an offensive near Kayes on Saturday.",
     "Malian Armed Forces"),
    # "the army" is a state's, never a body of no state that told the sentence before
    ("Burkinabe troops killed 40 villagers in Djibo on Friday, a UN inquiry found. The army said it had killed "
     "60 jihadist fighters on Friday.", "Burkina Faso"),
])
def test_explicit_coreference_names_the_actor(extract, paragraph, actor):
    events = extract(paragraph)
    assert events and events[-1].actors[0] == actor  # the name the reference resolved to leads `actors`


@pytest.mark.parametrize("paragraph", [
    # the title is read off an event sentence too, wherever the name stands in it
    "Last week, Secretary Austin flew to Ukraine. The secretary also announced new aid for Kyiv on "
    "Monday.",
    "Defense Secretary Lloyd Austin traveled to Ukraine last week. The secretary announced new aid on Monday.",
])
def test_the_secretary_is_the_person_named_with_that_title(extract, paragraph):
    statements = [e for e in extract(paragraph) if e.event_type == "Statement"]
    assert [e.actors[0] for e in statements] == ["Lloyd Austin"]


@pytest.mark.parametrize("sentence, actor, person", [
    # a named person acts for the body they belong to (ACLED codes organizations, never individuals) ...
    ("Israeli Defence Minister Ruth Adler visited Kyiv on Saturday.", "Israel", "Ruth Adler"),
    ("Defense Secretary Lloyd Austin met Ukrainian commanders in Kyiv on Saturday.", "Pentagon", "Lloyd Austin"),
    # ... and a person the text ties to nobody stays the actor
    ("Gen. Amos Keller visited a base near Acre on Saturday.", "Amos Keller", "Amos Keller"),
])
def test_a_person_acts_for_their_body_and_stays_named(extract, sentence, actor, person):
    ev = one(extract, sentence)
    assert (ev.actor, ev.actors[0]) == (actor, person)


def test_an_actor_named_only_in_a_later_claim_is_the_actor_of_the_attack(extract):
    events = extract("Gunmen attacked a checkpoint near Kirkuk on Saturday, killing two policemen. "
                     "The Free Kurdistan Battalion claimed responsibility for the attack.")
    attack = next(e for e in events if "checkpoint" in e.sentence and e.event_category == "Battles")
    assert attack.actor == "Free Kurdistan Battalion"


@pytest.mark.parametrize("paragraph, n_events, day, target", [
    # "the attack took place on Wednesday": the date and target of the attack just told, no second event
    ("The Kordofan Liberation Front killed 40 people in an attack on a village in South Kordofan, activists said "
     "on Friday. The attack on Um Sardiba took place on Wednesday, a local committee said.", 1, 19, "Um Sardiba"),
    # a happening with an actor of its own is no detail of the one before
    ("The Kordofan Liberation Front killed 40 people in an attack on a village in South Kordofan on Friday. "
     "Army jets struck Kadugli on Wednesday.", 2, 21, ""),
    # unnamed armed men pointed back to, doing violence nowhere else, are the happening just told, told in detail
    ("Suspected jihadists killed 30 civilians in an attack on a village near Mopti, officials said on Sunday. The "
     "gunmen arrived on motorbikes on Saturday evening and opened fire on residents.", 1, 22, "Civilians"),
    # ... but "then" and "a second village" tell a further happening: the first keeps its own date
    ("Suspected jihadists killed 30 civilians in an attack on a village near Mopti, officials said on Sunday. The "
     "gunmen then attacked a second village on Saturday evening.", 1, 23, "Civilians"),
])
def test_where_and_when_a_happening_took_place_completes_it(extract, paragraph, n_events, day, target):
    events = extract(paragraph)  # published Sunday 2025-03-23: Friday the 21st, Wednesday the 19th
    assert len(events) == n_events
    assert (events[0].date_start.day, events[0].target) == (day, target)


@pytest.mark.parametrize("paragraph, n_events, actor, location", [
    # "the assault ... was claimed by X": the attack just told, by X, at the finer place the claim names
    ("Militants killed 20 soldiers in an attack on an army post in northern Burkina Faso on Saturday. The assault "
     "on the base in Djibo was claimed by the Macina Liberation Front.", 1, "Macina Liberation Front", "Djibo"),
    # a claim by another than the one the text named is a second account, kept
    ("Burkinabe army jets struck a base in Djibo on Saturday. The strike on the base was claimed by the Macina "
     "Liberation Front.", 2, "Burkina Faso", "Djibo"),
    # the same in the active voice: "X claimed the bombing"
    ("A suicide bomber blew himself up at a market in Maiduguri on Friday, killing 12 people. The Jamaat al-Furqan "
     "group claimed the bombing.", 1, "Jamaat al-Furqan", "Maiduguri"),
    # "X said it carried out the attack": the speaker owns the attack told before
    ("A car bomb exploded near a market in Jowhar on Saturday, killing 13 people. Al-Shabaab said it carried "
     "out the attack.", 1, "Al-Shabaab", "Jowhar"),
    # the claimant is the leader of the group that did it (a group no table lists): one account
    ("Members of the Vila Rose gang attacked the town of Mirebalais on Friday, killing 20 people. Vila Rose leader "
     "Jean Pierrot claimed the attack in a video.", 1, "Vila Rose", "Mirebalais"),
])
def test_a_claim_of_the_happening_just_told_names_its_actor(extract, paragraph, n_events, actor, location):
    events = extract(paragraph)
    assert len(events) == n_events
    assert events[0].location == location
    assert events[0].actor == actor


# --- place: the location phrase attached to the trigger's clause ---------------------------------------------------
@pytest.mark.parametrize("sentence, location, theater", [
    ("Israeli warplanes struck a house in Rafah on Saturday.", "Rafah", "Gaza Strip"),
    ("Russian drones hit an apartment block in Kharkiv on Saturday.", "Kharkiv", "Ukraine"),
    # open-world: a place nobody listed keeps its name and the coordinates of the finest level that resolves
    ("Israeli warplanes struck a house in the Sheikh Radwan neighbourhood of Gaza City on Saturday.",
     "Gaza City - Sheikh Radwan", "Gaza Strip"),
    ("Rapid Support Forces fighters shelled El Fasher on Saturday.", "El Fasher", "Sudan"),
    ("Gunmen attacked an army post near Kandahar on Saturday.", "Kandahar", "Afghanistan"),
    ("Israeli troops shelled the village of Wadi Jilo on Saturday.", "Wadi Jilo", ""),
    # demonym + place noun
    ("Hezbollah fired a drone into Israeli territory on Saturday.", "Israel", "Israel"),
    # supporters are not places; the actor's own phrase is not the place
    ("US warplanes struck Houthi targets in Sanaa with support from Australia, Bahrain and Canada on Saturday.",
     "Sanaa", "Yemen"),
    ("The Islamic Resistance in Iraq launched drones at Eilat on Saturday.", "Eilat", "Israel"),
    # an origin is not where the happening took place
    ("Rockets fired from Lebanon hit Kiryat Shmona on Saturday.", "Kiryat Shmona", "Israel"),
    # no place named: an attack on a group happens on its ground (actors.csv), anything else stays unplaced
    ("Israel struck Hezbollah targets on Saturday.", "Lebanon", "Lebanon"),
    # a place deep in the object's phrase, past a coordinated noun
    ("Ukrainian forces destroyed two tanks and one truck in the occupied part of Zaporizhzhia on Saturday.",
     "Zaporizhzhia", "Ukraine"),
    ("The air force carried out a series of raids hitting militant camps in Kandahar on Saturday.",
     "Kandahar", "Afghanistan"),
    # the destination the parse hangs on the origin; a compass word before a known place
    ("Houthi fighters fired two missiles from rebel-held areas of Yemen toward the northern Red Sea on Saturday.",
     "northern Red Sea", "Red Sea"),
    # a named camp keeps its place although the words "refugee camp" follow the name
    ("Israel said that in its raid on the Jenin refugee camp, it killed two gunmen.", "Jenin", "West Bank"),
    # field notes' districts in brackets place a village no table knows, and overrule a namesake elsewhere
    ("Russian forces shelled Vovchansk (Chuhuiv, Kharkiv) on Saturday.", "Vovchansk", "Ukraine"),
    ("JNIM militants attacked a military post in Boni (Douentza, Mopti) on Saturday.", "Boni", "Mali"),
    ("RSF fighters attacked the village of Umm Kadada (Umm Kadada, North Darfur) on Saturday.", "Umm Kadada",
     "Sudan"),
    ("Myanmar's military carried out an airstrike on Kyauktaw town (Kyauktaw, Rakhine) on Saturday.", "Kyauktaw",
     "Myanmar"),
    # a region named before its noun: the gazetteer's city, an administrative division, or the owner's ground
    ("Ukrainian drones struck an oil depot in Russia's Bryansk region on Saturday.", "Bryansk", "Russia"),
    ("Pakistani troops killed eight militants in a raid in Khyber Pakhtunkhwa province on Saturday.",
     "Khyber Pakhtunkhwa", "Pakistan"),
    # an unknown town placed by the coarser place of the same clause; a light verb holds the place phrase
    ("M23 rebels seized the town of Rubaya in eastern Congo on Saturday.", "Rubaya",
     "Democratic Republic of the Congo"),
    ("Myanmar's junta carried out airstrikes on a village in Magway region on Saturday.", "Magway", "Myanmar"),
    # a division in apposition places a village no table knows
    ("ISWAP fighters attacked a military base in Malam Fatori, Borno state, on Saturday.", "Malam Fatori", "Nigeria"),
    # a name word the tagger calls a number; a front-line town the gazetteer names after a namesake elsewhere
    ("An Israeli airstrike hit a building in the Ash Shuja'iyeh neighbourhood of Gaza City on Saturday.",
     "Gaza City - Ash Shuja'iyeh", "Gaza Strip"),
    ("Russian troops attacked Ukrainian positions near Pokrovsk on Saturday.", "Pokrovsk", "Ukraine"),
    # a division noun after a name; a clash's place may hang on the other side
    ("Colombian soldiers clashed with ELN guerrillas in Arauca department on Saturday.", "Arauca", "Colombia"),
    # at sea, a port named only to locate the ship; a port struck on a coast is on land
    ("Houthi fighters seized a cargo ship in the Red Sea off the port of Hodeidah on Saturday.", "Red Sea",
     "Red Sea"),
    ("US jets struck Hodeidah port on the Red Sea coast on Saturday.", "Hodeidah", "Yemen"),
    # a time zone names no place
    ("On Saturday at about 9:20 a.m. (Kyiv time), Russian forces launched a missile into the Black Sea.",
     "Black Sea", "Black Sea"),
    # a place hanging on the weapon's "with" phrase
    ("Russian forces carried out an airstrike with guided bombs on Kupiansk on Saturday.", "Kupiansk", "Ukraine"),
    # the verb that only carries a noun trigger holds its place phrase
    ("Fighting between the army and the RSF erupted in Omdurman on Saturday.", "Omdurman", "Sudan"),
    # "over" a place is where, not what about ("over the killing")
    ("Ukrainian air defences shot down 30 Russian drones over the Black Sea on Saturday.", "Black Sea", "Black Sea"),
    # a meeting's place may hang on its counterpart; an institution "at" stands for its seat
    ("Defense Secretary Pete Hegseth met with the Polish defense minister at the Pentagon on Tuesday.",
     "Pentagon", "United States"),
    # a country or a division in apposition, or a division after "in", places a town no table knows
    ("Gang members killed 40 people in the town of Morne-Blanc, Haiti, on Saturday.", "Morne-Blanc", "Haiti"),
    ("Gunmen killed 9 villagers in Kalembe, North Kivu, on Saturday.", "Kalembe", "Democratic Republic of the Congo"),
    ("M23 rebels captured the town of Kalembe in North Kivu on Saturday.", "Kalembe",
     "Democratic Republic of the Congo"),
    ("FARC dissidents attacked a police station in Cauca on Saturday.", "Cauca", "Colombia"),
    # a country named after a division the same name as a state elsewhere: the country wins
    ("Gunmen abducted a chief in Banibangou, Niger, on Saturday.", "Banibangou", "Niger"),
    # hyphenated name particles are part of the name; a division name may drop its article
    ("Militants attacked a checkpoint in Bir al-Abd in northern Sinai on Saturday.", "Bir al-Abd", "Egypt"),
    ("RSF fighters stormed the village of Wad al-Kheir (Al Gezira) on Saturday.", "Wad al-Kheir", "Sudan"),
    # a village named before its divisions in brackets, the bracket naming a city by another spelling; a bracket
    # repeating the village's own name belongs to it
    ("Israeli artillery shelled the outskirts of Kfar Hamam (Hasbaya, Nabatiyeh) on Saturday.", "Kfar Hamam",
     "Lebanon"),
    ("Fano militiamen clashed with the army in Debre Markos (Debre Markos, Misraq Gojjam, Amhara) on Saturday.",
     "Debre Markos", "Ethiopia"),
    # a clause with no place of its own happened where its generic armed men or forces were
    ("Five militants were detained by police in Gao on Saturday.", "Gao", "Mali"),
    ("Gunmen in Zamfara killed 12 villagers on Saturday.", "Zamfara", "Nigeria"),
    # ... but what is fired lands elsewhere: the firing side's place is not the happening's
    ("Russian troops in Kherson shelled Beryslav on Saturday.", "", ""),
    # a division written with its division noun ("Kherson Oblast", "Borno State") places a village in it
    ("A Russian drone hit a car in the village of Tiahynka in Kherson Oblast on Saturday.", "Tiahynka", "Ukraine"),
    ("Gunmen killed 12 villagers in Kalembe, Borno State, on Saturday.", "Kalembe", "Nigeria"),
    # "took control of" a place
    ("M23 rebels took control of the town of Kalembe in North Kivu on Saturday.", "Kalembe",
     "Democratic Republic of the Congo"),
    # a proper name the tagger calls a modifier still names the neighbourhood
    ("Israeli troops raided the Tell al-Sultan neighbourhood of Rafah on Saturday.", "Rafah - Tell al-Sultan",
     "Gaza Strip"),
    # a purpose clause of the operation carries its place; a toll participle takes the scene of its clause
    ("On Saturday the army began operations to clear villages in northern Mali.", "northern Mali", "Mali"),
    ("A Russian drone crashed into a block of flats in Kharkiv on Saturday, killing two people.", "Kharkiv",
     "Ukraine"),
    # "next to", "close to" carry a place; after "near" a name the model calls a person is still a place
    ("Gunmen opened fire on a patrol next to a market near Kalembe on Saturday.", "Kalembe", ""),
    # a village nobody lists keeps its name; a peacekeeping mission's patrol is on the mission's ground
    # a town the tagger calls a common noun ("Toropets": NNS) is still a name, placed by its region in brackets
    ("On 14 October 2024, Ukrainian forces struck an ammunition depot in Toropets (Tver region) with drones.",
     "Toropets", "Russia"),
    # a town's own name beats another town's old name ("Bijapur" is not Vijayapura)
    ("On 15 June 2024, Indian police arrested four Maoist cadres in Bijapur district.", "Bijapur", "India"),
    # the divisions of other countries are place nouns too ("Djugu territory")
    ("On 22 November 2024, CODECO militia attacked displaced persons in Djugu territory (Ituri).", "Djugu",
     "Democratic Republic of the Congo"),
    # the people of a place were attacked there
    ("Gang members attacked residents of Pont-Sonde, Haiti, on Saturday.", "Pont-Sonde", "Haiti"),
    # a region's name the tagger reads as a participle ("Sagaing": VBG) is still its name
    ("A drone strike on a wedding party in the Sagaing region killed 17 people on Saturday.", "Sagaing", "Myanmar"),
    # districts of other wars the gazetteer lacks are rows of rules/places.csv
    ("Pakistani troops killed eight militants in a raid in North Waziristan on Saturday.", "North Waziristan",
     "Pakistan"),
    # a ship's course places what hits it
    ("A Houthi missile hit the Sea Lion, a tanker sailing through the Gulf of Aden, on Saturday.", "Gulf of Aden",
     "Gulf of Aden"),
    ("A UNMISS patrol was hit by gunfire in the vicinity of Kuajok Payam on Saturday.", "Kuajok Payam",
     "South Sudan"),
    # border villages the city gazetteer lacks are rows of rules/places.csv, each its own location
    ("Israeli artillery shelled the outskirts of Houla on Saturday.", "Houla", "Lebanon"),
    ("Hamas gunmen stormed Kibbutz Nir Oz on Saturday.", "Kibbutz Nir Oz", "Israel"),
    # an actor's name before a facility is its owner, never a place (the gazetteer's "Hamas" is a German city)
    ("The Israeli military said it struck a Hamas command center in Khan Younis on Saturday.", "Khan Younis",
     "Gaza Strip"),
    # after "a", or before a bare plural, an unknown word says what kind of village it is
    ("Kuki militants fired at a Meitei village in Bishnupur district on Saturday.", "Bishnupur", "India"),
    ("Arab militias attacked Masalit villages near El Geneina on Saturday.", "El Geneina", "Sudan"),
    # "the Donetsk region" is coarser than a town named in it
    ("In the eastern Donetsk region, Russian shelling killed two civilians in the town of Kostiantynivka on "
     "Saturday.", "Kostiantynivka", "Ukraine"),
    ("Gang members set fire to a police station in Port-au-Prince on Saturday.", "Port-au-Prince", "Haiti"),
    ("HTS fighters shelled army positions in the Kabani front (Latakia countryside) on Saturday.", "Kabani", "Syria"),
    ("RSF fighters looted the market of Mellit (North Darfur) on Saturday.", "Mellit", "Sudan"),
    # a state's adjective on a place noun puts the unknown town in that state
    ("At least eight people were killed when a car bomb exploded in the northern Syrian town of Azaz on Saturday.",
     "Azaz", "Syria"),
    # a place naming the happening, whatever tag the model gives its name
    ("Gunmen carried out the Be'eri massacre on Saturday.", "Be'eri", "Israel"),
    # a border lies in neither state; fired across it by one side, it lands on the other
    ("Hezbollah fighters fired rockets across the Israel-Lebanon border on Saturday.", "Israel-Lebanon border",
     "Israel"),
    ("Pakistani troops clashed with Taliban fighters on the Pakistan-Afghanistan border on Saturday.",
     "Pakistan-Afghanistan border", ""),
    # a named building the table knows is the finest place, as subject, object or after "next to"
    ("The Indonesian Hospital was struck by Israeli jets on Saturday.", "Indonesian Hospital", "Gaza Strip"),
    ("Israeli tanks shelled an area next to al-Shifa hospital on Saturday.", "al-Shifa Hospital", "Gaza Strip"),
    # an unknown name whose first word is a known city's spelling is not that city ("Adan" is one spelling of Aden)
    ("Somali troops recaptured the town of Adan Yabaal on Saturday.", "Adan Yabaal", ""),
    # the division a name is said to lie in overrules a namesake elsewhere (Kadiogo is also a Burkinabe province)
    ("Armed men attacked the village of Kadiogo in Mopti region on Saturday.", "Kadiogo", "Mali"),
    # "Kharkiv City" is the city of Kharkiv
    ("Russian forces struck Kharkiv City with glide bombs on Saturday.", "Kharkiv City", "Ukraine"),
    # a known place naming a facility places it; not a clock's place ("9:20 a.m. (Sanaa time)")
    ("The Sudanese army recaptured the Omdurman broadcasting headquarters on Saturday.", "Omdurman", "Sudan"),
    ("At 9:20 a.m. (Sanaa time) on Saturday, Houthi militants fired a missile into the Red Sea.", "Red Sea",
     "Red Sea"),
    # a source is no place ("according to US officials")
    ("US jets struck Houthi targets on Saturday, according to US officials.", "Yemen", "Yemen"),
    # a country's capital is its capital city, by possessive or demonym
    ("A car bomb exploded outside a restaurant in Somalia's capital on Saturday.", "Mogadishu", "Somalia"),
    ("A drone hit a building in the Ukrainian capital on Saturday.", "Kyiv", "Ukraine"),
    # a place's possessive places what it owns ("Sagaing Region's Tabayin township": in Myanmar)
    ("Myanmar's military bombed a school in Sagaing Region's Tabayin township on Saturday.", "Tabayin", "Myanmar"),
    # a town naming the building or site hit places it: a name of several words any gazetteer city has, one word
    # only when the curated table knows it ("the Victoria market" is in no Hong Kong), a possessive town too
    ("RSF fighters shelled the El Fasher market on Saturday.", "El Fasher", "Sudan"),
    ("Drones hit the Port Sudan airport on Saturday.", "Port Sudan", "Sudan"),
    ("Gunmen attacked the Victoria market in Goma on Saturday.", "Goma", "Democratic Republic of the Congo"),
    ("Russian forces struck Kharkiv's railway station on Saturday.", "Kharkiv", "Ukraine"),
    # a compass word before a division ("northern Shan State") is a part of it
    ("The Three Brotherhood Alliance seized a border trade hub in northern Shan State on Saturday.", "northern Shan State", "Myanmar"),
    # regions of a war the world gazetteer lacks are in the table
    ("Israeli troops killed two Palestinians in occupied East Jerusalem on Saturday.", "East Jerusalem", "West Bank"),
    ("Ukrainian drones struck an airfield in Crimea on Saturday.", "Crimea", "Ukraine"),
    # a town named by its bearing from another lies near that one, not at a namesake abroad (Duma, Syria)
    ("Settlers attacked the village of Duma south of Nablus on Saturday.", "Nablus - Duma", "West Bank"),
    # the other side of a clash both sides fought is no ground: an unresolved line between them stays unplaced
    # (a guard: naming both sides of "Indian and Pakistani troops" made the second a target, then its ground)
    ("Indian and Pakistani troops exchanged fire across the Line of Control on Saturday.", "Line of Control", ""),
    # a toll's when-clause with no happening of its own tells the toll's scene (not a "while" clause of being
    # somewhere: test_a_clause_of_being_somewhere_places_only_its_own_subjects_act)
    ("At least nine civilians were killed when shells landed on a market in Kayes on Saturday.", "Kayes", "Mali"),
    # a scene set before two verbs of one subject places both
    ("In Zaporizhzhia, a missile damaged a power substation and injured two workers on Saturday.", "Zaporizhzhia",
     "Ukraine"),
])
def test_place_is_the_finest_place_of_the_clause(extract, sentence, location, theater):
    ev = one(extract, sentence)
    assert (ev.location, ev.theater) == (location, theater)


@pytest.mark.parametrize("sentence, places", [
    ("Israeli jets struck Khan Younis and Rafah on Saturday.", ["Khan Younis", "Rafah"]),
    ("US aircraft struck militia sites in Iraq and Syria on Saturday.", ["Iraq", "Syria"]),
    ("Foreign Minister Jane Moss visited Kenya, Uganda and Ethiopia last week.", ["Kenya", "Uganda", "Ethiopia"]),
    ("Russian forces shelled Vovchansk and Lyptsi on Saturday.", ["Vovchansk", "Lyptsi"]),
    # an unknown village coordinated with a known one is its sibling (in its country), not a place inside it
    ("The IDF shelled Hula on Saturday, killing three farmers, and the hamlet of Wadi Jilo.", ["Hula", "Wadi Jilo"]),
    ("RSF fighters attacked the villages of Wad Ushaib and Um Shaneina in Gezira on Saturday.",
     ["Wad Ushaib", "Um Shaneina"]),
    # an unknown town named first lies where its known sibling does, each its own event ("took" ground too)
    ("On Saturday, Ethiopian troops took Axum and Adwa.", ["Axum", "Adwa"]),
    # one strike told ("a precision strike") against three sites named is one event
    ("Israeli jets carried out a strike on three bases in Syria, Homs, Hama and Tartus, on Saturday.",
     ["Homs"]),
    # a town and a site of different sizes coordinated are two places all the same
    ("US jets struck Houthi targets in the port city of Hodeidah and the Kamaran island on Saturday.",
     ["Kamaran", "Hodeidah"]),
    # regions listed before one plural noun, each its own; "over" a place noun is a place
    ("Russia said it shot down 25 Ukrainian drones over the Bryansk and Kursk regions on Saturday.",
     ["Bryansk", "Kursk"]),
    ("Russian missiles hit energy sites in the Poltava, Kirovohrad and Zaporizhzhia regions on Saturday.",
     ["Poltava", "Kirovohrad", "Zaporizhzhia"]),
    # the two ends of a road "between" which an ambush happened are one place: the first named
    ("Al-Shabaab fighters ambushed an army convoy between Baidoa and Mogadishu on Saturday.", ["Baidoa"]),
])
def test_coordinated_places_are_one_event_each(extract, sentence, places):
    events = extract(sentence)
    assert [e.location for e in events] == places
    assert all(e.theater for e in events)  # an unknown sibling lies in its sibling's country
    assert len({e.event_id for e in events}) == len(places)
    assert len({(e.event_type, e.actor, e.date_start) for e in events}) == 1
    if events[0].event_type != "Meeting/visit":  # a country visited is the counterpart; a town shelled is no target
        assert not {e.target for e in events} & set(places)


@pytest.mark.parametrize("paragraph, theaters", [
    # a verb coordinated with a placed one, sharing its subject, happens there too
    ("Gunmen stormed a village in Zamfara state on Saturday and kidnapped 30 people.", ["Nigeria", "Nigeria"]),
    # its own subject makes it a clause of its own: nothing is lent
    ("Gunmen stormed a village in Zamfara state on Saturday and Nigerian police arrested two suspects.",
     ["Nigeria", ""]),
    # a later claim of responsibility is made about the attack told before: that attack's place
    ("A bomb exploded at a market in Kerman on Saturday, killing 20 people. On Sunday, the Islamic State claimed "
     "responsibility for the attack.", ["Iran", "Iran"]),
    # a ship placed when it was hit places what happens by it later (never an actor's name: it acts anywhere)
    ("Houthi militants fired a missile at M/V Sea Lark, a tanker sailing through the Gulf of Aden, on Saturday. The USS "
     "Mason, operating near M/V Sea Lark, shot down a drone on Saturday.", ["Gulf of Aden", "Gulf of Aden"]),
    ("Houthi militants fired a missile at a tanker in the Gulf of Aden on Saturday. A US warship shot down a drone "
     "fired by the Houthis on Saturday.", ["Gulf of Aden", ""]),
])
def test_a_linked_happening_lends_its_place(extract, paragraph, theaters):
    assert [e.theater for e in extract(paragraph)] == theaters


@pytest.mark.parametrize("paragraphs, bomber", [
    # a bare "claimed responsibility" is for the happening just told
    (("A suicide bomber blew himself up inside a mosque in Peshawar on Saturday, killing 27 worshippers.",
      "The Islamic State claimed responsibility."), "Islamic State"),
    # not for one told two paragraphs before
    (("A suicide bomber blew himself up inside a mosque in Peshawar on Saturday, killing 27 worshippers.",
      "Pakistan's prime minister condemned the bombing.", "The mosque was rebuilt in 1990.",
      "The Islamic State claimed responsibility."), ""),
])
def test_a_bare_claim_names_the_actor_of_the_happening_just_told(extract, paragraphs, bomber):
    assert extract(*paragraphs)[0].actor == bomber


@pytest.mark.parametrize("sentence, location, theater, target", [
    # the coarsest division in brackets names the country: a namesake elsewhere is not the district
    ("On Saturday, the Myanmar air force bombed Kan Gyi village (Kani, Sagaing), killing 7 civilians.", "Kan Gyi",
     "Myanmar", "Civilians"),
    # people live "of" a place, whatever the entity model calls it; residents and villagers are civilians
    ("Gunmen opened fire on residents of Dinangourou on Saturday.", "Dinangourou", "", "Civilians"),
    ("Gunmen killed 12 villagers in Rubaya, North Kivu, on Saturday.", "Rubaya", "Democratic Republic of the Congo",
     "Civilians"),
    # a town hit is the location; the civilians its toll names are the target (fighters name no side)
    ("Israeli jets struck the town of Khiam on Saturday, killing three civilians.", "Khiam", "Lebanon", "Civilians"),
    ("Israeli jets struck the town of Khiam on Saturday, killing three fighters.", "Khiam", "Lebanon", ""),
])
def test_places_and_victims_as_field_notes_and_wires_write_them(extract, sentence, location, theater, target):
    ev = one(extract, sentence)
    assert (ev.location, ev.theater, ev.target) == (location, theater, target)


@pytest.mark.parametrize("paragraphs, location", [
    # a bare "the city" is the last city named: in the sentence, its paragraph or the paragraph before
    (("Residents of El Obeid said the RSF shelled the city on Saturday.",), "El Obeid"),
    (("Heavy fighting broke out in El Fasher on Saturday.",
      "Sudanese army jets struck RSF positions east of the city on Saturday."), "El Fasher"),
    # no city named before: nothing to point at
    (("The RSF shelled the city on Saturday.",), ""),
    # a name nobody knows stays the location, placed by the city it lies by
    (("M23 rebels shelled Goma on Saturday.", "A bomb also hit a camp in Mugunga, west of the city, on Saturday."),
     "Goma - Mugunga"),
])
def test_the_city_points_back_to_the_city_named_before(extract, paragraphs, location):
    assert extract(*paragraphs)[-1].location == location


def test_there_points_back_to_the_place_named_before(extract):
    ev = extract("Israeli jets struck Rafah on Saturday. Israeli tanks shelled positions there on Saturday.")[-1]
    assert (ev.location, ev.theater) == ("Rafah", "Gaza Strip")


def test_a_date_or_a_person_is_never_a_place(extract):
    ev = one(extract, "Israel killed Hassan Nasrallah in Beirut in September.")
    assert ev.location == "Beirut" and ev.theater == "Lebanon"


# --- date: attached to the clause, else the paragraph's narrative date, else publication -------------------------------
@pytest.mark.parametrize("paragraph, start, end, basis", [
    ("Israeli jets struck Rafah on Saturday.", SAT, SAT, "relative"),
    ("On Friday, Russian drones hit Kharkiv.", FRI, FRI, "relative"),
    ("Israeli jets struck Rafah on March 18, 2025.", TUE, TUE, "explicit"),
    # no date of its own: the publication date, said so
    ("Israeli jets struck Rafah.", DCT, DCT, "publication"),
    # a later sentence of the paragraph takes the date the paragraph set
    ("On Friday, Israeli jets struck Rafah. Hamas fired rockets at Ashkelon.", FRI, FRI, "narrative"),
    # a when-clause shares the main clause's date
    ("Two people were killed on Friday when a drone struck a car near Tyre.", FRI, FRI, "relative"),
    # a date the parse hangs on a participant ("a missile on Friday evening") dates the participant's clause
    ("The tanker Blue Horizon was struck by a missile on Friday evening.", FRI, FRI, "relative"),
    ("Houthi rebels hit the tanker Blue Horizon with a missile on Friday evening.", FRI, FRI, "relative"),
    # ... also after several objects joined by "and" (the parse hangs the date on the last one's place)
    ("Volta Front drones struck an industrial plant in Kayes and a fuel depot near Sikasso on Friday, Malian "
     "officials said.", FRI, FRI, "relative"),
    ("The Volta Front fired 18 drones, two cruise missiles and a ballistic missile at shipping lanes on Friday, in "
     "what the army called its largest attack yet.", FRI, FRI, "relative"),
    ("Kanga Front rebels shelled a school in Bria and a clinic near Ndele on Friday, the UN said.", FRI, FRI,
     "relative"),
    # what the victims were doing is dated with the happening ("women collecting firewood ... on Friday")
    ("Boko Haram insurgents abducted 15 women collecting firewood near Gamboru on Friday.", FRI, FRI, "relative"),
    # a date ending a participle on a thing ("explosives hidden in a van on Friday") dates the verb's clause
    ("Kanga Front rebels attacked a police station with explosives hidden in a van on Friday.", FRI, FRI,
     "relative"),
    # "The attack came two days after clashes ...": the clashes are two days before the attack told before
    ("Gunmen of the Kanga Front attacked an army post near Bria on Tuesday, wounding six soldiers. The attack came "
     "two days after clashes between the Kanga Front and the Sangaris militia left 14 dead.",
     TUE - dt.timedelta(days=2), TUE - dt.timedelta(days=2), "narrative"),
    # "a day after X claimed an attack": the attack is a day before the main clause's day
    ("Coalition jets struck Sanaa on Tuesday, a day after the Houthis claimed a drone attack on Dubai that killed "
     "two people.", TUE - dt.timedelta(days=1), TUE - dt.timedelta(days=1), "narrative"),
    # a timeline's line opens with its date, closed by a dash or a colon, and tells in the present tense
    ("6 March - The Volta Front fires rockets at the airport of Kayes.", dt.date(2025, 3, 6), dt.date(2025, 3, 6),
     "relative"),
    ("6 March \u2013 The Volta Front fires rockets at the airport of Kayes.", dt.date(2025, 3, 6),
     dt.date(2025, 3, 6), "relative"),
    ("6 March - Prime Minister Ana Torres orders an offensive against the Volta Front.", dt.date(2025, 3, 6),
     dt.date(2025, 3, 6), "relative"),
])
def test_the_date_of_the_last_event(extract, paragraph, start, end, basis):
    ev = extract(paragraph)[-1]
    assert (ev.date_start, ev.date_end, ev.date_basis) == (start, end, basis)


@pytest.mark.parametrize("paragraphs, dated", [
    # "also" / "finally" continue the same actor's dated account, and its visit's place
    (("On Friday, the envoy Jane Moss traveled to Juba to meet the president.",
      "Moss also met with the defence minister at the ministry."), True),
    (("On Friday, the envoy Jane Moss traveled to Juba to meet the president.",
      "Finally, Moss visited a camp for displaced people."), True),
    # another actor's account, or no continuation word: no link
    (("On Friday, the envoy Jane Moss traveled to Juba to meet the president.",
      "Hamas also fired rockets at Sderot."), False),
    (("On Friday, the envoy Jane Moss traveled to Juba to meet the president.",
      "Moss met with the defence minister at the ministry."), False),
])
def test_a_continued_account_shares_the_date_of_the_same_actor(extract, paragraphs, dated):
    last = extract(*paragraphs)[-1]
    assert (last.date_start == FRI and last.date_basis == "narrative") is dated
    assert (last.theater == "South Sudan") is dated


def test_a_continuation_word_on_the_first_of_two_verbs_continues_both(extract):
    events = extract("Sudan's Rapid Support Forces stormed a village in Gezira on Friday.",
                     "It said the fighters also looted homes and abducted women.")
    assert [(e.actor, e.date_start, e.date_basis) for e in events[1:]] == [
        ("Rapid Support Forces", FRI, "narrative")] * 2


@pytest.mark.parametrize("sentence, location, day", [
    ("Hamas fighters clashed with Israeli forces trying to enter Jabalia on Saturday.", "Jabalia", 22),
    ("RSF fighters clashed with army troops attempting to retake the town of Bara on Saturday.", "Bara", 22),
])
def test_the_other_sides_aim_places_and_dates_the_clash(extract, sentence, location, day):
    ev = one(extract, sentence)
    assert (ev.location, ev.date_start.day) == (location, day)


@pytest.mark.parametrize("sentence, verb, head, obj", [
    # the small model reads "seized weapons" as an adjective on a second object: mended to a second verb
    ("The soldiers arrested two men and seized weapons.", "seized", "arrested", "weapons"),
    ("It said the fighters also looted homes and abducted women.", "abducted", "looted", "women"),
    # an adjective that is no trigger word stays one
    ("The army deployed tanks and armored vehicles.", "armored", "vehicles", ""),
    # a past form right after a noun, with an object, is that noun's verb (not "strikes [that were] killed")
    ("Israeli air strikes killed at least 30 Palestinians in Gaza on Tuesday.", "strikes", "killed", ""),
    ("Israeli air strikes killed at least 30 Palestinians across the Gaza Strip on Tuesday, health officials said, "
     "as Israeli tanks pushed deeper into Rafah.", "killed", "said", "Palestinians"),
    # a noun after a trigger verb with no object is its object, not a clause
    ("The Israeli military said it had struck Hamas militants operating from the school compound.", "struck",
     "said", "militants"),
    # a sentence the small model reads with no verb ("the TPLF-fired rockets"): the trigger is its verb
    ("On 14 November, the TPLF fired rockets at Asmara, the capital of Eritrea.", "fired", "fired", "rockets"),
    # a past form right after a preposition, before a name, is the name's adjective ("in occupied Crimea")
    ("Ukrainian forces struck an air defense system in occupied Crimea on May 19.", "occupied", "Crimea", ""),
    ("Israeli troops killed two Palestinians in occupied East Jerusalem on Saturday.", "occupied", "Jerusalem", ""),
])
def test_a_misparse_of_a_trigger_verb_is_mended(sentence, verb, head, obj):
    from loaders.extract.lexicon import lexicon
    from loaders.extract.parse import mend_misparses, parse_many

    doc = mend_misparses(parse_many([sentence])[0], lexicon().has_trigger)
    tok = next(t for t in doc if t.text == verb)
    assert tok.head.text == head
    assert [c.text for c in tok.children if c.dep_ == "dobj"] == ([obj] if obj else [])


@pytest.mark.parametrize("paragraphs, actors, n_events", [
    # "another strike": one more of the kind just told, by the same hand
    (("An Israeli strike on a house in Nuseirat killed 12 people on Saturday.",
      "Another strike hit a school in Gaza City, killing eight."), ["Israel", "Israel"], 2),
    # "Another" alone stands for one more of the last kind
    (("Russian strikes hit Kharkiv on Saturday. One strike hit a school in the city's north, killing three.",
      "Another killed two people at a bus stop in Kupiansk."), ["Russia", "Russia", "Russia"], 3),
    # no "another": nobody is lent
    (("An Israeli strike on a house in Nuseirat killed 12 people on Saturday.",
      "A strike hit a school in Gaza City, killing eight."), ["Israel", ""], 2),
    # "the farmers were attacked on Saturday": the victims just told, so the happening just told, dated finer
    (("Boko Haram insurgents killed at least 12 farmers in Borno state, authorities said on Sunday.",
      "The farmers were attacked on Saturday while working on their fields."), ["Boko Haram"], 1),
    # who approved the strike just told adds no happening
    (("Israeli jets struck a building in Beirut on Saturday.",
      "Prime Minister Benjamin Netanyahu approved the operation from New York."), ["Israel"], 1),
    # "those missiles": the weapons just told, fired in the happening just told; and a background clause
    # coordinated with the main one ("and after X was killed in Tehran") lends it no place or date
    (("Iran fired about 180 ballistic missiles at Israel on Saturday.",
      "Iran fired those missiles after Israel killed a Hezbollah commander in Beirut on Thursday, and after "
      "Hamas leader Ismail Haniyeh was killed in Tehran in July."), ["Iran", "Israel"], 2),
    # a bare claim "in a statement" is for the attack told a paragraph before; the claimant's own account of
    # it ("saying its fighters had killed dozens") is no second attack
    (("Al-Shabaab militants stormed a military base in Bacadweyne on Saturday.",
      "The extremists used a car bomb to breach the gate.",
      "The group claimed responsibility in a statement, saying its fighters had killed dozens of soldiers."),
     ["Al-Shabaab", "Al-Shabaab"], 2),
    # the doer's own account of "the base" it attacked, paragraphs later, is no second attack
    (("ELN rebels attacked a military base in Puerto Jordan on Saturday.",
      "FARC dissidents killed a police officer in Jamundi on Friday.",
      "The ELN said in a statement it had targeted the base because of army operations."), ["ELN", "FARC dissidents"],
     2),
])
def test_an_explicit_link_to_the_happening_just_told(extract, paragraphs, actors, n_events):
    events = extract(*paragraphs)
    assert [e.actor for e in events] == actors
    assert len(events) == n_events
    assert events[0].date_start == SAT


def test_a_background_clause_keeps_its_date_and_lends_none(extract):
    events = extract("Hamas fired rockets at Ashkelon on Saturday after Israel killed a commander in Rafah on "
                     "Tuesday.")
    by_actor = {e.actor: e for e in events}
    assert by_actor["Hamas"].date_start == SAT
    assert by_actor["Israel"].date_start == TUE


def test_a_year_naming_a_thing_dates_nothing(extract):
    ev = one(extract, "Houthi rebels seized a cargo ship in the Red Sea, defying the 2015 arms embargo.")
    assert ev.date_basis == "publication" and ev.date_start == DCT


def test_the_object_of_a_verb_of_causing_does_what_follows(extract):
    ev = one(extract, "The killing prompted the Kordofan Front to attack an army post near Kadugli on Saturday.")
    assert ev.actors[:1] == ("Kordofan Front",)


def test_a_title_naming_the_day_it_covers_dates_the_undated_happenings(extract):
    ev = one(extract, "Israeli warplanes struck a school in Jabalia.", title="Gaza war timeline: 21 March 2025")
    assert ev.date_start == dt.date(2025, 3, 21) and ev.date_basis == "narrative"


def test_without_a_publication_date_an_undated_happening_has_no_date(extract):
    ev = one(extract, "Israeli warplanes struck a school in Jabalia.", published=None, basis="unknown")
    assert ev.date_start is None and ev.date_precision == "unknown"


# --- type: from the trigger and its arguments ----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, event_type", [
    ("Israeli warplanes struck a house in Rafah on Saturday.", "Air/drone strike"),
    ("Russian forces shelled Kherson on Saturday.", "Shelling/missile attack"),
    ("Hezbollah fired anti-tank missiles at an Israeli post on Saturday.", "Shelling/missile attack"),
    # an explosive with no aircraft is no air strike
    ("A roadside bomb exploded near a patrol in Kandahar on Saturday.", "Remote explosive"),
    ("An IED struck a police convoy near Mogadishu on Saturday.", "Remote explosive"),
    ("A suicide bomber attacked a market in Maiduguri on Saturday.", "Remote explosive"),
    # a state's bare "strike" is an air strike; an armed group's attack on troops is a clash
    ("The United States struck Houthi radar sites on Saturday.", "Air/drone strike"),
    ("Al-Shabaab attacked an army base near Baidoa on Saturday.", "Armed clash"),
    # violence against civilians or civilian objects with no weapon named
    ("Gunmen attacked worshippers at a mosque in Kano on Saturday.", "Attack on civilians"),
    ("Gunmen opened fire on protesters in Khartoum on Saturday.", "Attack on civilians"),
    ("Militants kidnapped 40 students from a school in Kaduna on Saturday.", "Abduction/arrest"),
    ("Houthi forces hijacked a cargo ship in the Red Sea on Saturday.", "Abduction/arrest"),
    ("Ukrainian air defences shot down 30 Russian drones over Kyiv on Saturday.", "Interception"),
    # downing something that flies is an interception; destroying a house is not, nor is destroying missiles
    # "prepared to launch" (a strike on the ground)
    ("The US Navy downed a missile over the Gulf of Aden on Saturday.", "Interception"),
    ("Israeli jets destroyed a house in Rafah on Saturday.", "Air/drone strike"),
    ("US jets hit and wrecked three Houthi missiles that were ready to launch on Saturday.",
     "Air/drone strike"),
    # a missile fired at something that flies is an interception; rockets fired at a town are not
    ("Hamas fighters fired a missile at an Israeli drone over Khan Younis on Saturday.", "Interception"),
    ("Rockets were fired towards Sderot on Saturday.", "Shelling/missile attack"),
    # a militia the state funds still fights as a militia
    ("Kataib Hezbollah fighters attacked US forces at Erbil air base on Saturday.", "Armed clash"),
    ("Netanyahu met Macron in Paris on Saturday.", "Meeting/visit"),
    ("Israel and Hamas agreed to a ceasefire on Saturday.", "Agreement/ceasefire"),
    ("Iran warned Israel on Saturday against any attack on its nuclear sites.", "Threat/warning"),
    # what a strike set off is no bombing of its own ("setting off a large fire")
    ("Volta Front drones struck a fuel depot near Kayes on Saturday, setting off a large fire.", "Air/drone strike"),
    ("A suicide bomber set off explosives at a checkpoint in Kayes on Saturday.", "Remote explosive"),
    ("Thousands of people protested in Tel Aviv on Saturday.", "Protest"),
    # stepping up strikes on a day of its own is that day's happening
    ("Israel stepped up its strikes on Gaza on Saturday, killing 40 people.", "Air/drone strike"),
    # crowds taking to the streets protest, with no protest word
    ("Thousands of people took to the streets of Belgrade on Saturday.", "Protest"),
    ("Crowds poured into the streets of Tbilisi on Saturday.", "Protest"),
    ("Protesters clashed with police in Nairobi on Saturday.", "Riot"),  # a crowd that fights riots
    ("Protesters threw stones at police in Nairobi on Saturday.", "Riot"),
    # a grenade or a petrol bomb thrown is an explosive attack
    ("Unknown assailants threw a grenade at a bar in Bukavu on Saturday.", "Remote explosive"),
    # a state's forces killing with no weapon named: no aircraft is named, so no air strike
    ("Pakistani troops killed eight militants near Bannu on Saturday.", "Armed clash"),
    ("Russian troops carried out 15 attacks near Pokrovsk on Saturday.", "Armed clash"),  # soldiers: no air strike
    ("Haitian gangs attacked a police station in Mirebalais on Saturday.", "Armed clash"),  # no state's strike
    # a convoy is civilian unless a word makes it military
    ("Rebels ambushed a military convoy near Kalay on Saturday.", "Armed clash"),
    ("Rebels ambushed an aid convoy near Kalay on Saturday.", "Attack on civilians"),
    ("A suicide bomber blew himself up at a checkpoint near Kabul on Saturday.", "Remote explosive"),
    ("The Israeli army ordered residents of eastern Rafah to leave their homes on Saturday.", "Threat/warning"),
    ("The army began a ground operation in Jenin on Saturday.", "Armed clash"),
    ("The US military airdropped food into northern Gaza on Saturday.", "Other"),
    # an appeal for a ceasefire is a statement, the ceasefire has not happened; announcing one is an agreement
    ("Qatar called for a ceasefire in Gaza on Saturday.", "Statement"),
    ("Qatar pleaded for a deal between Israel and Hamas on Saturday.", "Statement"),
    ("Israel and Hamas announced a ceasefire on Saturday.", "Agreement/ceasefire"),
    # repelling an assault is fighting
    ("Ukrainian troops repelled a Russian assault near Kupiansk on Saturday.", "Armed clash"),
    # retaking ground is as much a change of hands as taking it
    ("Somali troops recaptured the town of Harardhere on Saturday.", "Other"),
    ("Somali troops retook the town of Harardhere on Saturday.", "Other"),
    # a missile named by its acronym; the weapon of a tried attack is the subject of the verb of trying
    ("Houthi militants fired two ASBMs at a tanker on Saturday.", "Shelling/missile attack"),
    ("Two Russian missiles tried to hit a power plant near Lviv on Saturday.", "Shelling/missile attack"),
    # destroying drones or missiles in flight is an interception; a second verb's result does not retype the act
    ("Ukrainian air defences destroyed 34 Russian drones over Kyiv on Saturday.", "Interception"),
    ("US jets struck and destroyed four Houthi missiles in Yemen on Saturday.", "Air/drone strike"),
    ("Russian troops attacked and captured the village of Robotyne on Saturday.", "Armed clash"),
    # victims counted as "dozens of civilians" make the attack one on civilians
    ("Gunmen attacked a village near Djibo on Saturday, killing dozens of civilians.", "Attack on civilians"),
    # looting is a riot when a crowd does it, a strategic development when armed men do
    ("Rioters looted shops in Nairobi on Saturday.", "Riot"),
    ("RSF fighters looted the market in Sennar on Saturday.", "Other"),
    # a convoy of an armed force is no civilian object; armed men's looting that kills is an attack
    ("Cartel gunmen ambushed a convoy of the National Guard near Culiacan on Saturday, killing four guardsmen.",
     "Armed clash"),
    ("RSF fighters looted the market of Mellit on Saturday and killed five traders.", "Attack on civilians"),
    ("ISM insurgents beheaded two fishermen near Mocimboa da Praia on Saturday.", "Attack on civilians"),
    ("Israeli forces demolished three homes in Masafer Yatta on Saturday.", "Other"),
    # arrests made "in raids": the verb tells what happened, the noun its occasion
    ("Kurdish-led forces said they had arrested 12 suspected Islamic State members in raids near Deir el-Zor on "
     "Saturday.", "Abduction/arrest"),
    # a state's troops on the ground, in what their army reports, fight no air strike; a past perfect with a doer and
    # a place is one happening, not a total
    ("The Malian army said its troops had neutralised 18 terrorists in a counter-attack near Djenne on Saturday.",
     "Armed clash"),
    # a bomber at a gathering: the blast is what happened, the rally only where
    ("A suicide bomber blew himself up at an election rally in Quetta on Saturday, killing 20 people.",
     "Remote explosive"),
    # a vehicle that ran into a hidden device: the device is the weapon
    ("Three soldiers were killed when their truck hit a landmine near Mopti on Saturday.", "Remote explosive"),
    # an ambush with an explosive device is a remote explosive, wherever the parse hangs the "with"
    ("Maoist rebels ambushed a police patrol in Bijapur on Saturday, killing eight policemen and their driver with "
     "an improvised explosive device.", "Remote explosive"),
    # armed men who loot and shoot people carry out one attack, typed by its violence
    ("RSF fighters looted homes and shot residents in Tawila on Saturday.", "Attack on civilians"),
    # hostages taken, with the object inside the phrase; a TV station or a hotel is a civilian object
    ("Militants took 30 people hostage at a hotel in Mogadishu on Saturday.", "Abduction/arrest"),
    ("Gunmen stormed a TV station in Guayaquil during a live broadcast on Saturday.", "Attack on civilians"),
    # a convoy of a state's army is a military object, an aid body's a civilian one
    ("JNIM fighters ambushed a FAMa convoy near Gao on Saturday.", "Armed clash"),
    ("Gunmen attacked a WFP convoy near Tawila on Saturday.", "Attack on civilians"),
    # a three-word weapon name, in the scene a toll hangs on
    ("An unmanned aerial vehicle crashed into a building in Tel Aviv on Saturday, killing one civilian.",
     "Air/drone strike"),
    # glide bombs are dropped from aircraft
    ("Russian forces struck Kharkiv with glide bombs on Saturday.", "Air/drone strike"),
    # one unknown word taken by an army is ground, not a person
    ("Russian forces captured Ocheretyne on Saturday.", "Other"),
    ("The Sudanese army said it had regained control of the presidential palace in Khartoum on Saturday.", "Other"),
    # ground taken: outposts and positions as well as towns
    ("The Kachin Independence Army said it had seized five army outposts in Kachin State on Saturday.", "Other"),
    ("The Three Brotherhood Alliance seized a border trade hub in northern Shan State on Saturday.", "Other"),
    # armed men who burn homes are no rioting crowd; a crowd that burns tires riots
    ("Gunmen set fire to dozens of homes in Mirebalais on Saturday.", "Other"),
    ("Protesters set fire to tires in Nairobi on Saturday.", "Riot"),
    # armed men, however written, burning houses are no crowd; looting and burning is one act
    ("Unidentified armed men looted shops and burned houses in Um Kadada on Saturday.", "Other"),
    # soldiers among the victims: the armed side was hit, whoever else died
    ("Twenty soldiers and a civilian were killed in an ambush near the town of Tassia on Saturday.", "Armed clash"),
    # the longest weapon name holding a word decides, either side of it: a "drone boat" is no aircraft
    ("The Houthis targeted a bulk carrier in the Red Sea with a drone boat on Saturday.", "Remote explosive"),
    # a convoy whose owner's words name an army is military ("of the Burkinabe army and VDP auxiliaries")
    ("JNIM militants ambushed a convoy of the Burkinabe army and VDP auxiliaries near Dori on Saturday.",
     "Armed clash"),
    ("A shootout between police and gang members broke out in Port-au-Prince on Saturday.", "Armed clash"),
    ("Police said officers killed at least five gang members in a shootout near the National Palace in "
     "Port-au-Prince on Saturday.", "Armed clash"),
    # an aircraft named by its model makes a strike an air strike
    ("French Rafale jets carried out a strike on a jihadist camp near Gao on Saturday.", "Air/drone strike"),
    ("The Kanga Front said two Su-25s bombed its positions near Bria on Saturday.", "Air/drone strike"),
])
def test_type_comes_from_the_trigger_and_its_arguments(extract, sentence, event_type):
    assert one(extract, sentence).event_type == event_type


def test_weapons_destroyed_on_the_ground_are_no_interception(extract):
    events = extract("Iraqi troops destroyed 40 rockets and two aircraft in a depot near Mosul on Saturday.")
    assert "Interception" not in [e.event_type for e in events]


# --- filter: abstain rather than guess -------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, types", [
    # what a happening was for is no happening of its own
    ("The Volta Front launched a major offensive on Saturday to retake central Kayes.", ["Armed clash"]),
    ("6 March - The Volta Front launches a major offensive to retake central Kayes.", ["Armed clash"]),
    ("Malian troops raided the village of Kessa on Saturday to arrest suspected militants.", ["Armed clash"]),
    # "only to be ..." tells what did happen next
    ("Volta Front fighters attacked an army base near Kayes on Saturday, only to be repelled by Malian troops.",
     ["Armed clash", "Armed clash"]),
])
def test_a_purpose_is_no_happening(extract, sentence, types):
    assert [e.event_type for e in extract(sentence)] == types


@pytest.mark.parametrize("sentence", [
    "Israel did not strike Iran on Saturday.",  # negated
    # more of a kind of happening, on no one day: a trend
    "The Volta Front has stepped up attacks in the Kayes region since the coup in July 2023.",
    "Russia intensified attacks on Ukrainian energy facilities this winter.",
    # defences no owner is named for, in a witness's words: nobody is named as acting
    "Witnesses said air defences shot down 12 drones over Kursk on Saturday.",
    "Witnesses said a drone was intercepted over Eilat on Saturday.",
    # crowds in the streets to celebrate are no protest
    "Syrians poured into the streets of Damascus on Saturday to celebrate the fall of the government.",
    "Crowds took to the streets of Damascus on Saturday, celebrating the fall of the government.",
    "No rockets were fired at Israel on Saturday.",
    "There were no indications that civilians were killed in the strike.",
    "Iran may strike Israel in the coming days.",  # hedged
    "Israel could expand its ground offensive in Rafah.",
    "The army plans to launch an offensive on Rafah.",  # not realised: a plan
    "Israel routinely strikes targets in Syria.",  # habitual
    "Russia has launched more than 500 drones at Ukraine in a single night on several occasions.",
    # what someone is likely to do, or likely to keep doing
    "Analysts said the Houthis were likely to keep firing at Israel.",
    # a toll with no doer, place or day of its own
    "On the Israeli side, more than 70 soldiers and over 40 civilians were killed, according to Israeli figures.",
    # a relative clause inside a relative clause describes someone, it reports no happening of its own
    "Officials named the man who led the cell that attacked a checkpoint near Jenin on March 3.",
    # a belief or forecast, however it is worded; a "for ... to" plan
    'Tehran believes that the US "will not hesitate in attacking Iraq if the factions act," the sources said.',
    "Officials said plans were being made for Defence Minister Jane Moss to travel to Washington soon.",
    "Israel has carried out hundreds of strikes in Syria in recent years, targeting Iranian-linked groups.",
    # what ten or more operations did is a tally, however the parse hangs the count
    "In Somalia, 40 joint raids led to 9 al-Shabaab fighters killed and 20 al-Shabaab fighters "
    "held.",
    "The army threw its weight behind the ceasefire plan on Saturday.",  # throwing needs something thrown
    "Al-Shabaab has been fighting for years to topple the government in Mogadishu.",  # a state of affairs
    "Will Iran retaliate against Israel?",  # a question
    "The factions have carried out more than 160 attacks on US forces since October.",  # a total
    "The strikes are part of an ongoing string of attacks on US bases.",  # a happening told again
    "The UN condemned the attack on the convoy.",  # a reaction to a happening
    "Iran denied that it attacked the tanker.",  # a denial
    "The minister said the talks had been useful.",  # a saying that is not the news
    "The coalition's operations against the group continued.",  # "operation" needs a verb that launches it
    "We keep our focus on targeting the group's leaders.",  # an aim, not a happening
    # a verdict on, or an appeal joined to a reaction to, a happening told before is no news of its own
    "Iran called the blasts an act of terror on Saturday.",
    "UNIFIL condemned the clash and called on both sides to hold back on Saturday.",
    "The general will demonstrate that the strike was a success.",  # showing is no protest
    # a purpose of a purpose: "to conduct attacks" is what the strikes were meant to prevent
    "The aim was to further degrade the ability of the militia to conduct attacks against shipping.",
    "Five soldiers were killed in Djibo on Saturday.",  # a toll with no happening named
    "The gunmen killed a local chief in Djibo on Saturday.",  # "the gunmen": the attack told before
    "Such sanctions degrade the group's capacity to conduct attacks on shipping.",  # a capacity, not an attack
    "The remaining three missiles were likely targeting a tanker in the Red Sea.",  # an assessment
    "Foreign Minister Ana Ruiz will have the chance to meet rebel leaders in Juba.",  # a chance to come
    "The raid was the first time the army directly struck the port.",  # a first: the happening told again
    # a trend with no date or place of its own ("-ing" nouns the tagger reads as verbs)
    "Witnesses said fighting with Congolese troops intensified.",
    # a present progressive with no day or place of its own is a stance, not a happening
    "The Myanmar military says it is fighting terrorists.",
    # allegiance or aid pledged is no threat
    "The Kanga Front pledged allegiance to al-Qaeda in 2021.",
    "Norway pledged aid to the displaced on Saturday.",
    # what a group has done over years is a tally, not one happening
    "The Kanga Front has killed hundreds of villagers in the north over the past decade.",
])
def test_no_event_is_reported(extract, sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize("sentence, actor, target, theater", [
    ("Hamas threatened on Saturday to kill hostages if the bombing continued.", "Hamas", "", ""),
    # a threat phrase's own "not" negates nothing; the attack threatened names the target, on its ground
    ("Washington will not hesitate to hit the Houthis again, the Pentagon said on Saturday.",
     "United States", "Houthis", "Yemen"),
    ("Washington will not hesitate to respond, the Pentagon said on Saturday.", "United States", "", ""),
    ("Trump warned the Houthis on Saturday that hell would rain down on them.", "United States", "Houthis", "Yemen"),
    # what it vows to keep doing is the threat's content, not a second event
    ("The RSF vowed on Saturday to keep attacking army positions in Khartoum.", "Rapid Support Forces", "", "Sudan"),
])
def test_a_threat_is_the_event_not_the_violence_it_threatens(extract, sentence, actor, target, theater):
    ev = one(extract, sentence)
    assert (ev.event_type, ev.actor, ev.target, ev.theater) == ("Threat/warning", actor, target, theater)


def test_a_violent_action_its_subject_announces_is_that_subjects_threat(extract):
    ev = one(extract, "Israel will strike back hard, Prime Minister Benjamin Netanyahu said on Saturday.")
    assert (ev.event_type, ev.actor) == ("Threat/warning", "Israel")


def test_a_statement_that_reports_another_happening_is_that_happening(extract):
    ev = one(extract, "The army said on Saturday that its jets had struck a weapons depot in Homs.")
    assert ev.event_type == "Air/drone strike"


@pytest.mark.parametrize("sentence, actor, theater", [
    ("Israel declared a state of war on Saturday.", "Israel", "Israel"),
    # a body with no country of its own: the theater its statement is about
    ("The World Food Programme announced on Saturday it had suspended aid deliveries to Rafah.",
     "World Food Programme", "Gaza Strip"),
    # a group's own footage of its raid is news of its own, said from its own ground, even on "the next day" of a
    # day the text never names (that is no day after publication)
    ("The Houthis filmed their ambush of a cargo ship and published a video of it the next day.", "Houthis", "Yemen"),
    ("Al-Shabaab released a video of the ambush on Saturday.", "Al-Shabaab", "Somalia"),
    # what it is about, when that is one theater: a state's announcement for another country is in that one's lane
    ("The United States announced a new package of weapons for Ukraine on Saturday.", "United States", "Ukraine"),
    # sites listed before one plural noun ("al-Shifa and al-Quds hospitals") are places it is about
    ("The World Health Organization announced on Saturday that it had suspended supplies to al-Shifa and al-Quds "
     "hospitals.", "World Health Organization", "Gaza Strip"),
    # a state's forces named in it are no place it is about
    ("Kataib Hezbollah announced on Saturday that it was suspending operations against US forces.", "Kataib Hezbollah",
     "Iraq"),
])
def test_a_statement_that_is_the_news_lies_where_its_content_or_speaker_is(extract, sentence, actor, theater):
    ev = one(extract, sentence)
    assert (ev.event_type, ev.actor, ev.theater) == ("Statement", actor, theater)


@pytest.mark.parametrize("sentence, days", [
    ("Hamas fired rockets at Ashkelon on Saturday after Israel killed a commander.", [22]),
    # a happening noun with its own date in its phrase is one happening of its own, background or not
    ("Following the March 20 attack on the tanker Sea Lion, US jets struck radar sites in Yemen on Saturday.",
     [20, 22]),
    # ... and so is one with its date after it, named with its actor ("the Iranian missile attack on March 20")
    ("Israeli jets struck sites in Iran on Saturday in retaliation for the Iranian missile attack on March 20.",
     [20, 22]),
    # ... but not one a comparison only names ("the deadliest since the 1978 fire")
    ("Gunmen attacked a market in Kano on Saturday, the deadliest attack since the 1978 cinema fire.", [22]),
])
def test_an_undated_background_happening_is_dropped_but_a_dated_one_kept(extract, sentence, days):
    assert sorted(e.date_start.day for e in extract(sentence)) == days


# --- one event per happening per sentence -------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The US carried out strikes on Houthi sites on Saturday, killing three fighters.",
    "Israeli jets struck a house in Rafah on Saturday, killing five people.",
    "Two people were killed on Saturday when a drone struck their car near Tyre.",
    "An Israeli strike killed five people in Rafah on Saturday.",
    "A mortar round fired by Hamas struck a house in Ashkelon on Saturday.",
    "The US struck more than 80 targets in Iraq on Saturday, hitting sites used by the factions.",
    "Al-Shabaab militants detonated an IED targeting an army convoy near Mogadishu on Saturday.",
    "The seizure of the tanker occurred on Saturday, when Houthi fighters seized the vessel off Hodeidah.",
    "At least 30 people were killed when a suicide bomber blew himself up at a mosque in Peshawar on Saturday.",
    # the other side's part in the same fight
    "Hamas fighters clashed with Israeli forces advancing in Jabalia on Saturday.",
    # two verbs sharing one object
    "US jets struck and destroyed four Houthi missiles in Yemen on Saturday.",
    # an "-ing" noun the tagger reads as a verb
    "Russian shelling killed two civilians in Kostiantynivka on Saturday, the governor said.",
    # the same happening told finer by a participle
    "Russia began an offensive in Kharkiv region on Saturday, launching a ground assault on Vovchansk.",
    # two violent verbs of one subject, the second naming no place or group of its own: one raid
    "The attackers stormed Zike village on Saturday and opened fire on residents.",
    # a "which killed" clause of the attack's phrase is its toll, however the parse hangs it
    "The spokesperson of the European Union condemned on Sunday the Russian missile strike on a shopping centre in "
    "Kharkiv, which killed at least 16 civilians on Saturday.",
    # participles telling how the attack went ("looting ..., and clashing with ...")
    "Insurgents attacked the town of Macomia on Saturday, looting food supplies and clashing with government troops "
    "and Rwandan forces.",
])
def test_one_happening_told_with_several_trigger_words_is_one_event(extract, sentence):
    assert len(extract(sentence)) == 1


def test_a_demonstrative_points_at_the_happening_just_told(extract):
    events = extract("US jets struck three depots in Iraq on Monday.",
                     "Officials said these US strikes destroyed the depots.")
    assert len(events) == 1 and events[0].theater == "Iraq"


@pytest.mark.parametrize("sentence, theater", [
    ("Israel struck Hezbollah targets on Saturday.", "Lebanon"),  # the target's own ground
    ("Houthi fighters attacked US vessels on Saturday.", ""),  # its things abroad: no place
    ("US jets struck four Houthi missiles on Saturday.", "Yemen"),  # weapons struck are at home ...
    ("US warships shot down four Houthi missiles on Saturday.", ""),  # ... weapons shot down in flight
])
def test_an_unplaced_attack_takes_its_targets_ground_only_when_the_target_is_at_home(extract, sentence, theater):
    assert one(extract, sentence).theater == theater


def test_two_happenings_in_one_sentence_are_two_events(extract):
    events = extract("Hezbollah fired rockets at Metula on Saturday, and Israel answered with artillery fire.")
    assert sorted(e.actor for e in events) == ["Hezbollah", "Israel"]


# --- provenance ----------------------------------------------------------------------------------------------------------
def test_every_event_carries_its_sentence_article_and_date_basis(settings):
    art = make_article("Israeli jets struck Rafah on Saturday. Hamas fired rockets at Ashkelon.")
    for ev in extract_events(art, settings):
        rec = ev.to_record()
        assert list(rec) == list(EVENT_COLUMNS)
        assert ev.article_id == art.article_id and ev.sentence in art.body and ev.date_basis
        assert ev.sources[0]["sentence"] == ev.sentence


def test_an_event_dated_by_an_estimated_publication_date_says_so(extract):
    ev = one(extract, "Israeli jets struck Rafah on Saturday.", basis="estimated")
    assert ev.date_basis == "relative+estimated"
    explicit = one(extract, "Israeli jets struck Rafah on March 18, 2025.", basis="estimated")
    assert explicit.date_basis == "explicit"


def test_the_lexicon_finds_phrases_before_single_words():
    hits = lexicon().find_triggers("Israeli jets launched air strikes and opened fire.")
    assert [h.text for h in hits] == ["launched", "air strikes", "opened fire"]


@pytest.mark.parametrize("sentence, theater", [
    # the tagger calls the hyphen of "al-Bayda" a proper noun of its own: no name of its own, no crash
    ("Houthis deployed additional forces to al-Bayda on Saturday, state television reported.", "Yemen"),
])
def test_a_stray_token_tagged_as_a_name_is_no_place_of_its_own(extract, sentence, theater):
    assert one(extract, sentence).theater == theater


@pytest.mark.parametrize("sentence, target", [
    ("RSF fighters attacked the village of Wad an-Nura on Saturday.", ""),  # the village is where, not whom
    ("A Ukrainian drone attack on the Russian city of Belgorod killed three people on Saturday.", ""),
    ("The Arakan Army captured the town of Paletwa on Saturday.", ""),
    ("Israeli jets struck Hudaydah Port in Yemen on Saturday.", "Hudaydah Port"),  # a facility hit stays
])
def test_a_town_attacked_is_the_location_not_a_target(extract, sentence, target):
    assert one(extract, sentence).target == target


@pytest.mark.parametrize("sentence, location", [
    # someone unnamed did the killing: a happening with its actor left empty, not a bare toll
    ("Unidentified gunmen killed a local chief in Djibo on Saturday.", "Djibo"),
    ("Armed men killed three farmers near Gao on Saturday.", "Gao"),
    # whoever ran into a bomb underwent it; the group of the sentence before did not set it off
    ("Al-Shabaab fighters stormed a hotel in Kismayo on Friday. Two soldiers were killed when their vehicle struck a "
     "roadside bomb near Baidoa on Saturday.", "Baidoa"),
])
def test_an_unnamed_killer_is_a_happening_with_no_actor(extract, sentence, location):
    ev = extract(sentence)[-1]
    assert (ev.actor, ev.location) == ("", location)


@pytest.mark.parametrize("sentence, actor, target, location", [
    # what "came under" a happening suffered it: the subject is the target (a place, if it names one)
    ("A UN convoy came under fire near Khan Younis on Saturday.", "", "United Nations", "Khan Younis"),
    ("A WFP aid convoy came under attack by gunmen near El Fasher on Saturday.", "", "World Food Programme",
     "El Fasher"),
    ("Kharkiv came under a massive Russian missile attack on Saturday.", "Russia", "", "Kharkiv"),
    ("The village was under attack by RSF fighters on Saturday.", "Rapid Support Forces", "", ""),
])
def test_what_came_under_fire_is_the_target(extract, sentence, actor, target, location):
    ev = one(extract, sentence)
    assert (ev.actor, ev.target, ev.location) == (actor, target, location)


@pytest.mark.parametrize("paragraph, days", [
    # dated by its distance from the happening told before
    ("On 20 March 2025, Israeli jets struck the port of Hodeidah. The day before the strike, a Houthi drone hit "
     "a house in Eilat, killing one civilian.", [20, 19]),
    ("On 20 March 2025, Israeli jets struck the port of Hodeidah. Two days after the strike, Houthi drones hit "
     "Eilat.", [20, 22]),
])
def test_a_day_counted_from_the_happening_told_before(extract, paragraph, days):
    assert [e.date_start.day for e in extract(paragraph)] == days


@pytest.mark.parametrize("paragraph, n_events, target", [
    # the other side's account of the strike just told, at "the school" it hit, is that strike again
    ("An Israeli strike on a school sheltering displaced families in Gaza City killed 90 people on Saturday. The "
     "Israeli military said it had struck militants operating from a command centre inside the school.", 1, ""),
    # a further strike with a date of its own at a school is another happening
    ("An Israeli strike on a school in Gaza City killed 90 people on Saturday. Israeli jets struck the school again "
     "on Sunday.", 2, ""),
    ("Gunmen abducted 287 pupils from a school in Kuriga on Saturday.", 1, "Civilians"),  # pupils are civilians
    # the doer's own account of the strike just told, with nothing of its own, is that strike in its words
    ("On Saturday, Israeli jets struck the port of Hodeidah in Yemen. Israel said it targeted weapon depots.", 1, ""),
])
def test_the_thing_hit_points_back_to_the_happening_that_hit_it(extract, paragraph, n_events, target):
    events = extract(paragraph)
    assert len(events) == n_events
    assert events[0].target == target


def test_one_of_the_strikes_just_told_is_by_the_same_hand_on_the_same_day(extract):
    events = extract("Israeli forces killed at least 12 Palestinians in airstrikes across the Gaza Strip on "
                     "Thursday, medics said.", "One strike hit a house in Deir al-Balah, killing five members of one "
                     "family. Another strike killed four people in Khan Younis.")
    assert [(e.location, e.actor, e.event_type, e.date_start.day) for e in events[1:]] == [
        ("Deir al-Balah", "Israel", "Air/drone strike", 20), ("Khan Younis", "Israel", "Air/drone strike", 20)]


@pytest.mark.parametrize("sentence, locations, actor", [
    # a verb that ends a visit tells the visit: its subject the visitor, its date the last day, and its own "to"
    # phrase only the way home
    ("Burkina Faso's leader Ibrahim Traore wrapped up a visit to Niamey on Saturday, where he met Niger's General "
     "Abdourahamane Tiani.", ["Niamey"], "Burkina Faso"),
    ("Foreign Minister Jane Moss returned to Nairobi on Saturday from a tour of Uganda and Ethiopia.",
     ["Uganda", "Ethiopia"], "Jane Moss"),
    ("Foreign Minister Jane Moss returned home last night after a trip to Rwanda.", ["Rwanda"], "Jane Moss"),
])
def test_a_visit_told_by_its_end_is_one_visit_where_it_was(extract, sentence, locations, actor):
    events = extract(sentence)
    assert [e.location for e in events] == locations
    assert {(e.event_type, e.actor) for e in events} == {("Meeting/visit", actor)}


def test_a_possessive_pronoun_of_a_victim_names_no_target(extract):
    """"its crew" in "boarded the ship and detained its crew" is the ship's crew, not the group told before."""
    events = extract("The Kordofan Liberation Front advanced on Kadugli on Friday. Gunmen boarded a ferry near "
                     "Kosti on Saturday and detained its crew.")
    assert all(e.target != "Kordofan Liberation Front" for e in events)


def test_a_toll_reported_before_a_speech_verb_is_no_victim_of_the_clause_after_it(extract):
    events = extract("Russian missiles and glide bombs killed at least nine people in Kharkiv on Saturday, governor "
                     "Oleh Syniehubov said, as Moscow pressed its offensive near Vovchansk.")
    assert [(e.event_type, e.actor, e.location) for e in events] == [
        ("Shelling/missile attack", "Russia", "Kharkiv"), ("Armed clash", "Russia", "Vovchansk")]


@pytest.mark.parametrize("paragraphs, theater, location", [
    # every place the article names lies in one theater: an unknown village, or no place, is in it
    (("Gangs attacked a police station in Port-au-Prince on Saturday.",
      "In the town of Mirebalais, gunmen set fire to dozens of homes on Saturday."), "Haiti", "Mirebalais"),
    # the striking state's own home is not where its strikes land
    (("Israeli jets struck a house in Khan Younis on Saturday.",
      "Later, an Israeli airstrike hit an apartment building, killing 20 people."), "Gaza Strip", "Gaza Strip"),
    # an armed group fights at home when the article names nothing else
    (("The army shelled a market in El Fasher on Saturday.",
      "RSF fighters stormed a nearby village on Saturday, killing 12 people."), "Sudan", "Sudan"),
    # a country named as ground counts ("in Myanmar's Sagaing region"); a happening of any kind at a place
    # nobody resolved lies in the article's one theater; the first word of a longer name is no place
    (("A resistance group in Myanmar's Sagaing region shot down a helicopter on Saturday.",
      "The Kachin Independence Army said it had seized the jade mining town of Hpakant on Saturday."), "Myanmar",
     "Hpakant"),
    # ... but not when it aims at another state's side: its fire lands abroad, and nothing else says where
    (("A drone strike on a car near Tyre killed a Hezbollah commander on Saturday.",
      "Hezbollah said it had fired a barrage of rockets at an Israeli air control base on Mount Eshkar in response."),
     "",
     "Mount Eshkar"),
    # a state's hired force brings no home ground of its own: the state it serves is no candidate
    (("Malian troops and Wagner Group fighters raided the village of Kessa in the Mopti region on Saturday.",
      "The army said it had killed 80 jihadists in the operation."), "", ""),
    # a country that only bounds a place ("on the border with China") is no candidate; a group named after a
    # state that it fights ("... Democratic Alliance Army") is no organ of that state, whose home it would leave
    (("Rebels in northern Myanmar said on Saturday they had captured a town on the border with China.",
      "The Shan State Democratic Alliance Army and the Karen Liberation Front launched a joint offensive on "
      "Saturday."), "Myanmar", "Myanmar"),
    # a state named as the side that backs an armed group ("backed by Rwanda") is no ground of the article
    (("M23 rebels backed by Rwanda captured the town of Nyabiondo in North Kivu province on Saturday.",
      "Later, an explosion killed nine civilians at a market, the provincial authorities said."),
     "Democratic Republic of the Congo", "Democratic Republic of the Congo"),
    # an armed group's home is a second candidate: nothing is placed
    (("Israeli jets struck a house in Khan Younis on Saturday.", "Hezbollah fired rockets at Kiryat Shmona on Saturday.",
      "Later, an Israeli airstrike hit an apartment building, killing 20 people."), "", ""),
])
def test_an_unplaced_happening_lies_in_the_articles_one_theater(extract, paragraphs, theater, location):
    last = extract(*paragraphs)[-1]
    assert (last.theater, last.location) == (theater, location)


@pytest.mark.parametrize("paragraphs, location", [
    # "the attack happened in ...", "the strike hit the town of ...": the happening told before, placed finer
    (("A suicide bomber rammed a vehicle into a police checkpoint in northwest Pakistan on Saturday, killing seven "
      "officers.",
      "The attack happened in the Bannu district of Khyber Pakhtunkhwa province."), ["Bannu"]),
    (("A drone strike killed 26 people at a bus station in Ethiopia's Amhara region on Saturday.",
      "The strike hit the town of Finote Selam at around midday."), ["Finote Selam"]),
    # "the strike was carried out by two jets against a site near X": a light verb in the passive tells it again
    (("US jets struck an arms depot in eastern Syria used by Iran-backed militias on Saturday.",
      "The strike was carried out by two F-16s against a depot near Mayadin in Deir ez-Zor province."), ["Mayadin"]),
    # "the assault ... began at dawn on Saturday": when and where it happened, a village nobody resolved finer
    # than the region named before
    (("Jihadists attacked an army base in northern Burkina Faso, killing 30 soldiers, the army said on Monday.",
      "The assault on the base in Mansila began at dawn on Saturday."), ["Mansila"]),
    # a retelling that adds no happening ("The attack in the town of X came days after ...") still places the
    # one told in its state ("the state of Guanajuato" is the state, not its capital city)
    (("Gunmen opened fire at a party in the central Mexican state of Guanajuato on Saturday, killing 12 people.",
      "The attack in the town of Salvatierra came days after cartel members burned vehicles."), ["Salvatierra"]),
    # a town is never moved to another town: that is a second strike
    (("An Israeli strike on a house in Nuseirat killed 12 people on Saturday.",
      "The strike hit a school in Gaza City, killing eight."), ["Nuseirat", "Gaza City"]),
])
def test_a_definite_happening_placed_finer_completes_the_one_told_before(extract, paragraphs, location):
    assert [e.location for e in extract(*paragraphs)] == location


def test_a_date_closing_two_verbs_of_one_subject_dates_both(extract):
    events = extract("Israeli jets struck Khan Younis and shelled Rafah on Friday.")
    assert [(e.location, e.date_start) for e in events] == [("Khan Younis", FRI), ("Rafah", FRI)]


@pytest.mark.parametrize("sentence, locations", [
    ("Gunmen attacked a checkpoint in the Bannu district of Khyber Pakhtunkhwa province on Saturday.", ["Bannu"]),
    # a place noun named by a name of several words lies in what its "of" names, one place too
    ("Israeli jets struck a building in the Shati camp neighbourhood of Gaza City on Saturday, killing 5 people.",
     ["Beach camp"]),
])
def test_a_district_of_a_province_is_one_place_not_two(extract, sentence, locations):
    assert [e.location for e in extract(sentence)] == locations


def test_a_side_between_which_fighting_went_on_is_no_place(extract):
    events = extract("Heavy fighting between M23/AFC and the Armed Forces of the DRC, supported by Wazalendo groups, "
                     "continued in Masisi territory on Saturday.")
    assert [(e.location, e.theater) for e in events] == [("Masisi", "Democratic Republic of the Congo")]


@pytest.mark.parametrize("sentence, location, target", [
    # "where" after a trip names the place of what follows, even hung on the date by the parse; of two tellings of
    # one meeting the one naming whom is kept
    ("Foreign Minister Jane Moss travelled to Addis Ababa on Saturday, where she met Prime Minister Abiy Ahmed.",
     "Addis Ababa", "Abiy Ahmed"),
])
def test_where_after_a_trip_places_what_happened_there(extract, sentence, location, target):
    ev = one(extract, sentence)
    assert (ev.location, ev.target) == (location, target)


@pytest.mark.parametrize("sentence, meetings", [
    # a trip meets the states it lists where they are: one meeting per country
    ("Foreign Minister Jane Moss returned to Nairobi on Saturday after a tour of the Gulf where she got to "
     "talk with the heads of Kuwait and Qatar.", [("Kuwait", "Kuwait"), ("Qatar", "Qatar")]),
    # talks at a place of their own stay there
    ("Foreign Minister Jane Moss held talks with leaders from Kuwait and Qatar in Washington on Saturday.",
     [("Washington", "Kuwait")]),
])
def test_a_trip_meets_each_state_it_lists_in_that_state(extract, sentence, meetings):
    assert [(e.location, e.target) for e in extract(sentence)] == meetings


def test_a_statement_in_a_message_published_online_is_one_statement(extract):
    events = extract("On Saturday, Hamas commander Abu Obeida announced in a video message published online a new phase "
                     "of the war.")
    assert [(e.event_type, e.actor) for e in events] == [("Statement", "Al-Qassam Brigades")]


def test_a_stay_on_a_trip_told_before_places_and_dates_what_was_done_there(extract):
    events = extract("Foreign Minister Jane Moss returned to Nairobi on Friday after a tour of the Gulf where she got "
                     "to talk with the heads of Kuwait and Qatar.",
                     "While Jane Moss was in Qatar, she announced a new maritime task force.")
    last = events[-1]
    assert (last.event_type, last.actor, last.location, last.date_start) == ("Statement", "Jane Moss", "Qatar", FRI)


def test_a_clause_of_being_somewhere_places_only_its_own_subjects_act(extract):
    events = extract("While the minister was in Kyiv on Saturday, Russian jets bombed Kharkiv.")
    assert [e.location for e in events] == ["Kharkiv"]


@pytest.mark.parametrize("sentence, actors", [
    # a passive clause with no agent, place or day of its own, joined by "while" to one with a doer: that doer's
    ("About 40 villagers were killed in the RSF-led assault on Wad Ushaib on Saturday, while 25 others were "
     "abducted.", ["Rapid Support Forces", "Rapid Support Forces"]),
    # with a place of its own it is another scene: no doer is lent (and a bare toll of soldiers is no event)
    ("Israeli strikes killed 20 people in Rafah on Saturday, while two soldiers were killed in Lebanon.",
     ["Israel"]),
    ("Israeli strikes killed 20 people in Rafah on Saturday, while two farmers were killed in Lebanon.",
     ["Israel", ""]),
])
def test_a_joined_passive_clause_shares_the_doer_of_its_scene(extract, sentence, actors):
    assert [e.actor for e in extract(sentence)] == actors


def test_a_headline_fragment_with_a_reporting_participle_is_the_happening(extract):
    events = extract("Heavy shelling reported in Khan Younis on Saturday morning.")
    assert [(e.event_type, e.location, e.date_start) for e in events] == [("Shelling/missile attack", "Khan Younis", SAT)]


@pytest.mark.parametrize("paragraphs, location", [
    # "the city's main port": the city named before, finer than a country named beside it
    (("Drones struck a fuel depot in Port Sudan on Sunday.",
      "On Tuesday, drones struck the city's main port in eastern Sudan."), "Port Sudan"),
])
def test_the_citys_points_back_to_the_city_named_before(extract, paragraphs, location):
    assert extract(*paragraphs)[-1].location == location
