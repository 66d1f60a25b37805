"""Extraction: who did what to whom, where and when, tied to its sentence (own example sentences)."""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.extract import extract_events
from loaders.models import Article, Caption, Event, stable_hash
from loaders.sentences import split_sentences
from loaders.settings import Settings

DCT = dt.date(2025, 3, 23)  # a Sunday
SETTINGS = Settings()


def article(*paragraphs: str, published: dt.date | None = DCT, basis: str = "flag",
            captions: tuple[Caption, ...] = ()) -> Article:
    return Article(article_id="a1", title="T", paragraphs=tuple(paragraphs), captions=captions,
                   source="test.txt#1", published=published, published_basis=basis)


def only(*paragraphs: str, **kw) -> Event:
    events = extract_events(article(*paragraphs, **kw), SETTINGS)
    assert len(events) == 1, [(e.event_type, e.sentence) for e in events]
    return events[0]


def event_for(events: list[Event], fragment: str) -> Event:
    hits = [e for e in events if fragment in e.sentence]
    assert hits, f"no event for {fragment!r}: {[e.sentence for e in events]}"
    return hits[0]


# --- 1. actors with their affiliations --------------------------------------------------------------
@pytest.mark.parametrize("sentence, actor, affiliated", [
    ("Esmail Qaani met faction leaders in Baghdad on Tuesday.", "Esmail Qaani", "Iran"),
    ("Defense Secretary Pete Hegseth visited the carrier on Monday.", "Pete Hegseth", "United States"),
    ("The Pentagon deployed two more bombers on Friday.", "Pentagon", "United States"),
    ("Ansar Allah fired a ballistic missile at a tanker on Thursday.", "Houthis", "Houthis"),
    ("Kataib Hezbollah launched drones at a base in Syria on Saturday.", "Kataib Hezbollah", "Iraqi armed factions"),
])
def test_person_and_group_events_carry_affiliations(sentence, actor, affiliated):
    ev = only(sentence)
    assert ev.actor == actor
    assert affiliated in ev.actors


def test_title_and_name_form_one_actor_headed_by_the_person():
    ev = only("Iraqi Foreign Minister Fuad Hussein visited Tehran on Tuesday.")
    assert ev.actor == "Fuad Hussein"
    assert ev.actor_text == "Iraqi Foreign Minister Fuad Hussein"
    assert "Iraq" in ev.actors


# --- 2. light coreference ------------------------------------------------------------------------------
def test_he_resolves_to_the_person_of_the_paragraph_and_keeps_the_pronoun_as_actor_text():
    events = extract_events(article(
        "Hezbollah leader Naim Qassem addressed supporters on Friday. "
        "\"Any invasion will be met with fire,\" he warned."), SETTINGS)
    ev = event_for(events, "he warned")
    assert ev.event_type == "Threat/warning"
    assert ev.actor == "Naim Qassem" and ev.actor_text == "he"
    assert "Hezbollah" in ev.actors


def test_group_noun_resolves_to_the_nearest_armed_group():
    events = extract_events(article(
        "Officials in Baghdad met the Popular Mobilization Forces on Monday.",
        "The factions agreed to halt attacks on US bases."), SETTINGS)
    ev = event_for(events, "The factions agreed")
    assert ev.event_type == "Agreement/ceasefire"
    assert ev.actor == "Popular Mobilization Forces" and ev.actor_text == "The factions"


def test_pronoun_from_the_previous_paragraph_prefers_the_most_named_person():
    events = extract_events(article(
        "Benjamin Netanyahu met troops in the north on Monday. Netanyahu praised the commanders.",
        "An aide to Netanyahu, Ron Dermer, flew to Washington on Tuesday.",
        "On Wednesday, he warned Hezbollah against new attacks."), SETTINGS)
    ev = event_for(events, "he warned")
    assert ev.actor == "Benjamin Netanyahu"


def test_the_group_means_an_armed_group_not_a_state():
    events = extract_events(article(
        "Israel struck Hamas positions in Rafah on Monday. The group vowed to retaliate."), SETTINGS)
    ev = event_for(events, "The group vowed")
    assert ev.actor == "Hamas" and ev.event_type == "Threat/warning"


# --- 3. agent and target, passive, reported speech --------------------------------------------------------
@pytest.mark.parametrize("sentence, actor, target", [
    ("US warplanes struck the Houthis near Hodeidah on Saturday.", "United States", "Houthis"),
    ("US strikes against the Houthis resumed on Friday.", "United States", "Houthis"),
    ("British forces struck Houthi radar sites on Friday.", "United Kingdom", "Houthis"),
    ("Hezbollah fighters attacked Israeli troops near Metula on Monday.", "Hezbollah", "Israel"),
    ("Houthi positions were targeted by US warplanes on Sunday.", "United States", "Houthis"),
    ("Two Kataib Hezbollah commanders were killed by a US drone strike in Baghdad on Wednesday.",
     "United States", "Kataib Hezbollah"),
])
def test_agent_and_target(sentence, actor, target):
    ev = only(sentence)
    assert (ev.actor, ev.target) == (actor, target)


def test_reported_speech_source_is_not_the_actor():
    ev = only("Hamas had rejected the proposal on Tuesday, said the sources.")
    assert ev.actor == "Hamas"
    ev = only("Media reports said Abbas Araghchi had visited Muscat last week.")
    assert ev.actor == "Abbas Araghchi" and ev.event_type == "Meeting/visit"


def test_inverted_attribution_with_unknown_speaker_is_no_event():
    events = extract_events(article("The commanders were pleased with the outcome, said the sources."), SETTINGS)
    assert events == []


def test_denial_is_the_event_not_the_denied_action():
    ev = only("The Lebanese government denied a report that Hezbollah was smuggling rockets through the port.")
    assert ev.event_type == "Statement" and ev.actor == "Lebanon"


def test_future_violence_is_a_threat():
    ev = only("The Houthis said they will attack any American warship in the Red Sea.")
    assert ev.event_type == "Threat/warning" and ev.actor == "Houthis"


# --- 4. theaters and places ------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, theater, location", [
    ("US jets struck Houthi sites in the Yemeni capital Sanaa on Saturday.", "Yemen", "Sanaa"),
    ("Drones hit a base near the Green Zone in Baghdad on Friday.", "Iraq", "Green Zone"),
    ("The Houthis attacked a tanker in the Red Sea on Monday.", "Red Sea", "Red Sea"),
    ("Israeli forces raided Jenin on Tuesday.", "West Bank", "Jenin"),
])
def test_theater_and_most_specific_location(sentence, theater, location):
    ev = only(sentence)
    assert (ev.theater, ev.location) == (theater, location)
    assert ev.latitude is not None and ev.longitude is not None


def test_capital_used_as_actor_is_not_the_location():
    ev = only("Tehran condemned the decision on Monday.")
    assert ev.actor == "Iran" and ev.theater == "Iran"


def test_without_a_named_place_the_theater_comes_from_the_actors():
    ev = only("The Houthis vowed to keep fighting on Sunday.")
    assert ev.theater == "Yemen"
    ev = only("Hezbollah fighters attacked Israeli troops on Monday.")
    assert ev.theater == "Israel"  # the target's home theater first for attacks


# --- 5. event types ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, event_type, category", [
    ("Israeli jets carried out airstrikes on Khan Younis on Monday.", "Air/drone strike", "Explosions/Remote violence"),
    ("Hezbollah fired rockets at Kiryat Shmona on Monday.", "Shelling/missile attack", "Explosions/Remote violence"),
    ("Syrian troops clashed with HTS fighters near Hama on Monday.", "Armed clash", "Battles"),
    ("Israeli settlers torched cars in a village near Nablus on Monday.", "Riot", "Riots"),
    ("Thousands of Iraqis protested outside the US embassy in Baghdad on Monday.", "Protest", "Protests"),
    ("Islamic State gunmen executed three shepherds in the Syrian desert on Monday.", "Attack on civilians",
     "Violence against civilians"),
    ("The Houthis seized a cargo ship in the Red Sea on Sunday.", "Strategic development", "Strategic developments"),
    ("Abbas Araghchi said on Monday that talks would continue.", "Statement", "Diplomacy and statements"),
    ("Israel Katz warned Hezbollah on Monday.", "Threat/warning", "Diplomacy and statements"),
    ("Marco Rubio met Mohammed bin Salman in Riyadh on Monday.", "Meeting/visit", "Diplomacy and statements"),
    ("Israel and Hezbollah agreed to a ceasefire on Tuesday.", "Agreement/ceasefire", "Diplomacy and statements"),
    ("Antonio Guterres urged Israel on Monday to let aid into Gaza.", "Appeal", "Diplomacy and statements"),
])
def test_event_types_and_categories(sentence, event_type, category):
    ev = only(sentence)
    assert (ev.event_type, ev.event_category) == (event_type, category)


@pytest.mark.parametrize("sentence, fragment, event_type", [
    # a weapon noun inside a counted list of weapons: the list's first-named weapon decides
    ("Army spokesmen said the overnight salvo comprised some 90 drones, 12 cruise missiles and "
     "40 ballistic missiles aimed at Kyiv.", "cruise missiles", "Air/drone strike"),
    ("The militia launched a wave of dozens of drones and several ballistic missiles toward the airport on "
     "Monday.", "ballistic missiles", "Air/drone strike"),
    # the first-named weapon is a missile: the list stays a missile attack
    ("Officials said the attack involved 40 ballistic missiles, 20 cruise missiles and about 100 drones.",
     "ballistic missiles", "Shelling/missile attack"),
    # a missile noun with no weapon list before it keeps its own type even when drones come later
    ("Two cruise missiles struck a power station near Odesa, and drones were later seen over the port.",
     "cruise missiles", "Shelling/missile attack"),
])
def test_weapon_list_takes_the_first_named_weapon(sentence, fragment, event_type):
    from loaders.extract import Trigger, _final_type, rules
    start = sentence.index(fragment)
    trig = Trigger(start, start + len(fragment), fragment, "Shelling/missile attack", False)
    assert _final_type(trig, sentence, rules()) == event_type


def test_barrage_listing_drones_first_is_a_drone_strike_end_to_end():
    events = extract_events(article("Russia fired about 90 drones, 12 cruise missiles and 40 ballistic missiles "
                                    "at Kyiv overnight."), SETTINGS)
    assert [e.event_type for e in events] == ["Air/drone strike"]


@pytest.mark.parametrize("sentence", [
    "The fighting has displaced more than a million people across the region.",
    "Negotiators hope a second round of talks, meant to end the war, can start next month.",
    "The hostilities have left the border towns almost empty.",
])
def test_state_of_war_with_nobody_acting_is_no_event(sentence):
    assert extract_events(article(sentence), SETTINGS) == []


def test_toll_of_unnamed_fighting_is_still_an_event():
    ev = only("Four soldiers were killed in fighting near the village of Maroun al-Ras on Tuesday.")
    assert ev.event_type == "Armed clash"


def test_generic_attack_with_missiles_is_a_missile_attack():
    ev = only("The Houthis attacked a bulk carrier with anti-ship missiles on Monday.")
    assert ev.event_type == "Shelling/missile attack"


# --- 6. dates ----------------------------------------------------------------------------------------------
def test_own_explicit_date_wins():
    ev = only("On March 18, Israeli jets struck Beit Lahia.")
    assert (ev.date_start, ev.date_end, ev.date_precision) == (dt.date(2025, 3, 18),) * 2 + ("day",)
    assert ev.date_text == "March 18" and ev.date_basis in ("explicit", "relative")


def test_relative_date_resolves_against_publication():
    ev = only("Israeli jets struck Beit Lahia on Friday.")
    assert ev.date_start == dt.date(2025, 3, 21) and ev.date_basis == "relative"


def test_narrative_date_carries_over_within_the_paragraph():
    events = extract_events(article(
        "On March 18, Israeli jets struck Beit Lahia. Hamas fired rockets at Sderot in response."), SETTINGS)
    ev = event_for(events, "Hamas fired")
    assert ev.date_start == dt.date(2025, 3, 18) and ev.date_basis == "narrative"


def test_no_date_means_publication_date():
    ev = only("Israel Katz warned Hezbollah against new attacks.")
    assert ev.date_start == ev.date_end == DCT and ev.date_basis == "publication" and ev.date_text == ""


@pytest.mark.parametrize("sentence, start", [
    ("For a week, US warplanes have been striking Houthi positions in Saada.", dt.date(2025, 3, 16)),
    ("Since Oct. 17, the factions have attacked US bases in Syria.", dt.date(2024, 10, 17)),
])
def test_spans_give_ranges_ending_at_publication(sentence, start):
    ev = only(sentence)
    assert ev.date_start == start and ev.date_end == DCT


def test_estimated_publication_date_is_kept_in_the_basis_chain():
    ev = only("Israeli jets struck Beit Lahia on Friday.", basis="estimated")
    assert ev.date_basis == "relative+estimated"
    ev = only("Israel Katz warned Hezbollah against new attacks.", basis="estimated")
    assert ev.date_basis == "publication+estimated"
    ev = only("On January 14, 2025, Israeli jets struck Beit Lahia.", basis="estimated")
    assert ev.date_basis == "explicit"


def test_unknown_publication_date_leaves_relative_dates_unresolved():
    ev = only("Israel Katz warned Hezbollah against new attacks.", published=None, basis="")
    assert ev.date_start is None and ev.date_precision == "unknown" and ev.date_basis == "publication"


def test_caption_is_a_source_with_its_own_date():
    art = article("Israel Katz warned Hezbollah against new attacks.",
                  captions=(Caption("Smoke rising over northern Gaza after an Israeli strike on January 14, 2025.",
                                    "AFP"),))
    cap = [e for e in extract_events(art, SETTINGS) if e.paragraph_index < 0]
    assert len(cap) == 1
    assert cap[0].date_start == dt.date(2025, 1, 14) and cap[0].theater == "Gaza Strip"
    assert cap[0].event_type == "Air/drone strike" and cap[0].actor == "Israel"


# --- records ---------------------------------------------------------------------------------------------
def test_event_id_is_stable_and_sentence_is_the_evidence():
    sentence = "Israel Katz warned Hezbollah against new attacks."
    ev = only(sentence)
    assert ev.event_id == stable_hash("a1", "0", sentence, "Threat/warning", "Israel Katz")
    assert ev.sentence == sentence and ev.sources[0]["sentence"] == sentence and ev.n_sources == 1
    assert only(sentence).event_id == ev.event_id


def test_sentence_without_action_gives_no_event():
    assert extract_events(article("The weather in Baghdad was mild."), SETTINGS) == []


# --- sentence splitter ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The U.S. Navy said Gen. Smith met Lt. Col. Doe. They left.", 2),
    ("\"STOP THE WAR. BRING THEM HOME!!!\" the minister wrote on Sunday. He left.", 2),
    ("He arrived in Washington, D.C., on Oct. 7. Talks began.", 2),
    ("“It is over,” he said. The factions were relieved.", 2),
])
def test_sentence_splitter(text, expected):
    sents = split_sentences(text)
    assert len(sents) == expected
    assert all(text[s.start:s.end] == s.text for s in sents)


# --- reported speech, clauses and coreferent dates (quality rules) ------------------------------------------
@pytest.mark.parametrize("sentence, actor, etype", [
    # an anaphoric violent noun ("the strikes", "the war") yields to the report about it
    ("Saudi Arabia condemned the strikes as a violation of Iranian sovereignty.", "Saudi Arabia", "Statement"),
    ("Defense Minister Yoav Gallant said on Wednesday that a new phase of the war was beginning.",
     "Yoav Gallant", "Statement"),
    # a parenthetical (", which ... ,") is background: neither its action nor its names are the main clause
    ("Jordan, which shot down drones that crossed its airspace, said it had acted to protect its citizens.",
     "Jordan", "Statement"),
    ("Egypt, which has mediated between Israel and Hamas, warned of grave consequences.", "Egypt",
     "Threat/warning"),
    # a coordinated verb shares its subject ("X blamed Y and said ...")
    ("Hezbollah blamed Israel and said it would deliver a just punishment.", "Hezbollah", "Threat/warning"),
    # a threat voiced in reported speech belongs to the speaker
    ("Prime Minister Benjamin Netanyahu said Israel would strike if Hezbollah violated the truce.",
     "Benjamin Netanyahu", "Threat/warning"),
    # stopping attacks is not a threat
    ("Foreign Minister Abbas Araghchi said Iran would stop its attacks as long as Israel did.", "Abbas Araghchi",
     "Statement"),
    # crowds named by a demonym are protesters, not the state
    ("Thousands of Israelis protested in Jerusalem on Tuesday.", "Protesters", "Protest"),
])
def test_main_event_and_agent_of_the_clause(sentence, actor, etype):
    ev = only(sentence)
    assert (ev.actor, ev.event_type) == (actor, etype)


def test_coordinated_actions_share_the_subject():
    events = extract_events(article("Israel declared war on Sunday and pounded the Gaza Strip with air strikes."),
                            SETTINGS)
    assert {(e.actor, e.event_type) for e in events} == {("Israel", "Strategic development"),
                                                         ("Israel", "Air/drone strike")}


@pytest.mark.parametrize("sentence, actor, target", [
    ("A ceasefire between Israel and Hezbollah took effect on Wednesday.", "Israel", "Hezbollah"),
    ("A truce between Hamas and Israel took effect in Gaza on Sunday.", "Hamas", "Israel"),
])
def test_between_x_and_y_names_the_parties_first_named_first(sentence, actor, target):
    ev = only(sentence)
    assert (ev.event_type, ev.actor, ev.target) == ("Agreement/ceasefire", actor, target)


@pytest.mark.parametrize("sentence", [
    "More than 200 aid trucks entered Gaza on Monday, according to the UN.",  # a source, not an event
    "Fighters of the Popular Mobilization Forces gathered in Baghdad.",  # 'Mobilization' is part of a name
])
def test_no_event_from_attributions_compounds_or_names(sentence):
    evs = extract_events(article(sentence), SETTINGS)
    assert not [e for e in evs if e.event_category != "Diplomacy and statements" or e.trigger == "according to"], \
        [(e.event_type, e.trigger) for e in evs]


def test_a_strike_group_sent_is_a_deployment_not_a_strike():
    ev = only("The Pentagon ordered a carrier strike group to the eastern Mediterranean.")
    assert (ev.actor, ev.event_type) == ("Pentagon", "Strategic development")


def test_violent_mention_without_a_date_takes_the_coreferent_attack_date():
    events = extract_events(article("Israeli jets struck Beirut's southern suburbs on Friday evening.",
                                    "At least six people were killed in the strikes, officials said."), SETTINGS)
    ev = event_for(events, "six people")
    assert ev.actor == "Israel" and ev.date_start == dt.date(2025, 3, 21) and ev.date_basis == "narrative"


def test_a_speaker_continuing_keeps_the_date_another_speaker_does_not():
    events = extract_events(article(
        "President Joe Biden said on Tuesday that the truce would hold. He added that Israel had the right to "
        "defend itself. Qatar said the talks were continuing."), SETTINGS)
    assert event_for(events, "He added").date_start == dt.date(2025, 3, 18)
    qatar = event_for(events, "Qatar said")
    assert qatar.date_start == DCT and qatar.date_basis == "publication"


def test_trigger_scanner_finds_what_the_trigger_regex_finds():
    from loaders.actors import fold
    from loaders.extract import rules
    from loaders.settings import SAMPLES_DIR
    r = rules()
    texts = [fold(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES_DIR.glob("*.txt"))]
    assert texts
    for text in texts:
        expected = [(m.start(), m.end(), m.lastgroup) for m in r.trigger_regex.finditer(text)]
        assert list(r.scanner.finditer(text)) == expected


# --- 8. several happenings in one sentence ------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    ("Jordan, Egypt and Saudi Arabia condemned the raid on Sunday.",
     [("Jordan", "Jordan"), ("Egypt", "Egypt"), ("Saudi Arabia", "Saudi Arabia")]),
    ("Qatar and Oman urged both sides to show restraint.", [("Qatar", "Qatar"), ("Oman", "Oman")]),
])
def test_coordinated_speakers_give_one_statement_each(sentence, expected):
    events = extract_events(article(sentence), SETTINGS)
    assert [(e.actor, e.theater) for e in events] == expected
    assert len({e.event_id for e in events}) == len(events)
    assert all(e.actors[0] == e.actor for e in events)


def test_a_joint_attack_stays_one_event_with_the_first_named_actor():
    events = extract_events(article("The United States and Britain bombed Houthi radar sites on Friday."),
                            SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == [("United States", "Air/drone strike")]


@pytest.mark.parametrize("sentence, expected", [
    ("Hamas freed 11 hostages on Monday and Israel released 33 Palestinian prisoners.",
     [("Hamas", "Strategic development"), ("Israel", "Strategic development")]),
    ("Hezbollah fired rockets at Kiryat Shmona, while Israel shelled villages near the border.",
     [("Hezbollah", "Shelling/missile attack"), ("Israel", "Shelling/missile attack")]),
])
def test_a_new_named_subject_starts_a_second_happening_of_the_same_type(sentence, expected):
    events = extract_events(article(sentence), SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == expected


@pytest.mark.parametrize("sentence, actor, etype", [
    ("The Israeli army said it had struck dozens of Hezbollah sites overnight.", "Israel Defense Forces",
     "Air/drone strike"),
    ("The Houthis said they fired a ballistic missile at a tanker on Saturday.", "Houthis",
     "Shelling/missile attack"),
])
def test_a_speaker_reporting_its_own_action_is_its_agent(sentence, actor, etype):
    ev = event_for([e for e in extract_events(article(sentence), SETTINGS) if e.event_type == etype],
                   sentence[:20])
    assert ev.actor == actor


def test_self_report_beside_a_warning_gives_both_events():
    events = extract_events(article(
        "The Israeli army said it had hit 120 targets in Gaza and warned residents of Rafah to leave."), SETTINGS)
    assert {(e.actor, e.event_type) for e in events} >= {
        ("Israel Defense Forces", "Air/drone strike"), ("Israel Defense Forces", "Threat/warning")}


@pytest.mark.parametrize("sentence, etype", [
    ("The Houthis have fired missiles and drones at shipping since November.", "Shelling/missile attack"),
    ("The militia launched drones and rockets at the base on Tuesday.", "Air/drone strike"),
    ("Gunmen attacked the convoy with rockets and drones near the border.", "Shelling/missile attack"),
    ("Fighters attacked the outpost with drones and mortars at dawn.", "Air/drone strike"),
])
def test_mixed_weapons_take_the_first_named(sentence, etype):
    events = extract_events(article(sentence), SETTINGS)
    assert events and events[0].event_type == etype, [(e.event_type, e.trigger) for e in events]


# --- 9. a speaker abroad speaks where they are ------------------------------------------------------------
@pytest.mark.parametrize("paragraphs, actor, theater", [
    (("Antony Blinken warned Hamas to accept the proposal.",
      "He made the remarks during a visit to Egypt on Tuesday."), "Antony Blinken", "Egypt"),
    (("Esmail Qaani visited Baghdad last week.",
      "Qaani urged the factions to avoid any escalation."), "Esmail Qaani", "Iraq"),
])
def test_undated_statement_takes_the_theater_and_date_of_the_speakers_visit(paragraphs, actor, theater):
    events = extract_events(article(*paragraphs), SETTINGS)
    visit = next(e for e in events if e.event_type == "Meeting/visit")
    voiced = [e for e in events if e.event_type in ("Threat/warning", "Appeal") and e.actor == actor]
    assert voiced, [(e.event_type, e.actor) for e in events]
    assert all(e.theater == theater for e in voiced)
    assert all((e.date_start, e.date_end) == (visit.date_start, visit.date_end) for e in voiced)
    assert all(e.date_basis == "narrative" for e in voiced)


def test_a_statement_with_its_own_later_date_stays_at_home():
    events = extract_events(article(
        "Esmail Qaani visited Baghdad on March 3.",
        "On March 20, Qaani warned that Iran would respond to any attack."), SETTINGS)
    threat = next(e for e in events if e.event_type == "Threat/warning")
    assert threat.theater == "Iran"
    assert threat.date_start == dt.date(2025, 3, 20)


# --- 10. tolls and damage are rows of the attack just told ------------------------------------------------
@pytest.mark.parametrize("toll", [
    "At least 14 people were killed and 30 wounded, local health officials said.",
    "Two warehouses at the port had been destroyed by Sunday morning.",
    "Nine civilians, among them four children, were killed.",
])
def test_a_casualty_sentence_without_agent_continues_the_last_attack(toll):
    events = extract_events(article(
        "US warplanes struck Houthi positions around Hodeidah on Saturday. " + toll), SETTINGS)
    strike, row = events[0], event_for(events, toll[:25])
    assert (strike.actor, strike.event_type) == ("United States", "Air/drone strike")
    assert (row.actor, row.event_type, row.theater) == ("United States", "Air/drone strike", "Yemen")


# --- 11. agreements: the parties, and later mentions that name nobody ------------------------------------
def test_coordinated_parties_of_an_agreement_are_actor_and_target():
    ev = only("Israel and Hezbollah agreed to a 60-day ceasefire on Tuesday.")
    assert (ev.actor, ev.target, ev.event_type) == ("Israel", "Hezbollah", "Agreement/ceasefire")
    assert ev.theater == "Lebanon"


@pytest.mark.parametrize("later", [
    "The truce began at 4 a.m. on Wednesday.",
    "The ceasefire largely held through the first night.",
    "The agreement was announced on Tuesday evening.",
])
def test_a_later_agreement_mention_with_nobody_named_continues_the_agreement(later):
    events = extract_events(article("Israel and Hezbollah agreed to a 60-day ceasefire on Tuesday.", later),
                            SETTINGS)
    row = event_for(events, later[:20])
    assert (row.actor, row.target, row.event_type, row.paragraph_index) == (
        "Israel", "Hezbollah", "Agreement/ceasefire", 1)


def test_an_agreement_mention_without_an_earlier_agreement_is_no_event():
    assert extract_events(article("The truce began at 4 a.m. on Wednesday."), SETTINGS) == []


# --- 12. places listed together, datelines ---------------------------------------------------------------
@pytest.mark.parametrize("sentence, theaters", [
    ("US bombers struck dozens of militia sites in Iraq and Syria on Friday.", ["Iraq", "Syria"]),
    ("The militias attacked US bases in Iraq, Syria and Jordan last week.", ["Iraq", "Syria", "Jordan"]),
    ("Israeli jets struck Tyre and Sidon on Monday.", ["Lebanon"]),  # one theater: one event
])
def test_one_event_per_theater_of_a_coordinated_location(sentence, theaters):
    events = extract_events(article(sentence), SETTINGS)
    assert [e.theater for e in events] == theaters
    assert len({e.event_id for e in events}) == len(events)


@pytest.mark.parametrize("sentence, day", [
    ("BAGHDAD, March 22, 2025 - US warplanes struck militia depots near Qaim on Friday.", dt.date(2025, 3, 21)),
    ("BEIRUT, March 22 (Reuters) - Israeli jets struck the southern suburbs on Thursday.", dt.date(2025, 3, 20)),
])
def test_a_dateline_date_yields_to_the_sentences_own_date(sentence, day):
    ev = only(sentence)
    assert ev.date_start == day


# --- 13. what did not happen (yet), habits and war-wide tolls -------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Trump has repeatedly called for an end to the fighting in Gaza.",
    "Iranian officials often visit Baghdad in secret.",
    "Blinken is due to travel to Cairo on Thursday.",
    "The two sides are expected to sign the agreement next week.",
    "Netanyahu will meet Trump at the White House on Monday.",
])
def test_habits_and_plans_are_no_events(sentence):
    assert extract_events(article(sentence), SETTINGS) == []


@pytest.mark.parametrize("toll", [
    "The health ministry in Gaza says more than 50,000 people have been killed since the war began.",
    "Over 3,000 people were killed in Lebanon during the war, officials said.",
])
def test_a_war_wide_toll_is_no_event_even_after_an_attack(toll):
    events = extract_events(article("Israeli jets struck Khan Younis on Saturday. " + toll), SETTINGS)
    assert [e.sentence for e in events if toll[:20] in e.sentence] == []


def test_weapons_listed_in_one_action_give_one_event_of_the_first_named():
    events = extract_events(article("Israel answered with artillery fire and a drone strike in southern Lebanon."),
                            SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == [("Israel", "Shelling/missile attack")]


# --- 14. "it", and orders addressed to a place -------------------------------------------------------------
def test_it_resolves_to_the_institution_or_state_of_the_paragraph():
    events = extract_events(article(
        "The Israeli military struck Hezbollah sites overnight. It warned Lebanese civilians to stay away."),
        SETTINGS)
    warning = event_for(events, "It warned")
    assert (warning.actor, warning.event_type) == ("Israel Defense Forces", "Threat/warning")


@pytest.mark.parametrize("sentence", [
    "It was not immediately clear who fired the rockets.",
    "It remains unclear who carried out the drone strike.",
])
def test_an_empty_it_names_no_actor(sentence):
    events = extract_events(article("Hezbollah and Israel traded fire on Sunday.", sentence), SETTINGS)
    row = [e for e in events if e.paragraph_index == 1]
    assert all(e.actor != "Hezbollah" and e.actor != "Israel" for e in row), [(e.actor, e.sentence) for e in row]


@pytest.mark.parametrize("sentence, theater", [
    ("Israel issued evacuation orders for 20 villages in southern Lebanon on Monday.", "Lebanon"),
    ("Israeli forces ordered residents of Khan Younis to evacuate on Monday.", "Gaza Strip"),
    ("Hezbollah warned residents of northern Israel to stay away from military sites.", "Israel"),
    ("The Houthis warned residents of Eilat to leave the city.", "Israel"),
])
def test_orders_and_warnings_to_the_people_of_a_place_happen_there(sentence, theater):
    ev = only(sentence)
    assert (ev.event_type, ev.theater) == ("Threat/warning", theater)


# --- dates tied to another expression of the sentence (rules/date_links.yaml) ---------------------------
@pytest.mark.parametrize("paragraph, fragment, start, end", [
    # an offset clause happened N days before the date the rest of the sentence gives (DCT Sunday 2025-03-23)
    ("Iraq summoned the US envoy on Friday, a day after Prime Minister Benjamin Netanyahu condemned the factions.",
     "condemned", dt.date(2025, 3, 20), dt.date(2025, 3, 20)),
    ("Jordan recalled its ambassador on Friday, two days after President Donald Trump criticized the kingdom.",
     "criticized", dt.date(2025, 3, 19), dt.date(2025, 3, 19)),
    # the speaker's own clause keeps the sentence's date
    ("Tehran said on Saturday, three days after Donald Trump threatened Iran, that it would not negotiate.",
     "said", dt.date(2025, 3, 22), dt.date(2025, 3, 22)),
    # an ongoing action ending at its date spans from the date set before (or the day before)
    ("Israeli warplanes struck Beirut on Thursday. Israel kept bombing the southern suburbs through Saturday.",
     "bombing", dt.date(2025, 3, 20), dt.date(2025, 3, 22)),
    ("Hezbollah fired rockets at Haifa until 4 a.m. on Wednesday.",
     "fired rockets", dt.date(2025, 3, 18), dt.date(2025, 3, 19)),
    # "until the evening" is a time of the day already set: no span over days
    ("Israeli warplanes struck Beirut on Friday. Hezbollah fired rockets at Haifa until the evening.",
     "fired rockets", dt.date(2025, 3, 21), dt.date(2025, 3, 21)),
])
def test_dates_linked_inside_the_sentence(paragraph, fragment, start, end):
    events = extract_events(article(paragraph), SETTINGS)
    hits = [e for e in events if e.trigger.startswith(fragment)]
    assert hits, [(e.trigger, e.sentence) for e in events]
    assert (hits[0].date_start, hits[0].date_end) == (start, end)


def test_span_until_a_context_date_without_its_own_expression():
    events = extract_events(article(
        "Israel and Hezbollah agreed to a ceasefire that took effect at 4 a.m. on Wednesday. "
        "Hezbollah fired rockets at northern Israel until shortly before the deadline."), SETTINGS)
    ev = event_for(events, "until shortly before")
    assert (ev.date_start, ev.date_end) == (dt.date(2025, 3, 18), dt.date(2025, 3, 19))


@pytest.mark.parametrize("sentence, event_type", [
    ("The Houthis said on Monday they would bar US-flagged tankers from the Gulf of Aden.", "Threat/warning"),
    ("Israel's army chief said on Monday that the truce would be brief and that the fighting would resume within days.",
     "Threat/warning"),
    ("Hamas said on Monday that talks would resume in Cairo.", "Statement"),  # resuming talks is no threat
])
def test_reported_future_hostility_is_a_threat(sentence, event_type):
    assert only(sentence).event_type == event_type


@pytest.mark.parametrize("sentence, event_type", [
    # a warning about a danger that motivates an appeal is the appeal
    ("The UN envoy warned of a serious risk of all-out war in Lebanon and called on both sides to show restraint.",
     "Appeal"),
    ("Egypt warned about the consequences of a ground invasion and urged Israel to halt its offensive.", "Appeal"),
    # a warning of the speaker's own action stays a threat; a bare warning about a danger stays a warning
    ("Iran warned that it would strike Israel and called on the UN to act.", "Threat/warning"),
    ("Jordan warned of grave consequences on Monday.", "Threat/warning"),
])
def test_warning_about_a_danger_yields_to_the_appeal(sentence, event_type):
    events = extract_events(article(sentence), SETTINGS)
    assert events and events[0].event_type == event_type, [(e.event_type, e.trigger) for e in events]


# --- clauses of one sentence: each with its own subject ------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    # accusation + coordinated action + denial after a semicolon: three happenings, each its clause's agent
    ("On Monday Israel accused Hezbollah of firing rockets at Metula and struck a depot near Tyre; "
     "Hezbollah denied the charge.",
     {("Israel", "Statement"), ("Israel", "Air/drone strike"), ("Hezbollah", "Statement")}),
    # the accused action is the accusation's content, not a happening of its own
    ("Egypt accused the Houthis of attacking ships on Sunday and closed the canal to their vessels.",
     {("Egypt", "Statement"), ("Egypt", "Strategic development")}),
    # a position verb with its own subject at the sentence start, beside the attack it confirms
    ("Hamas confirmed on Friday that its commander had been killed in an Israeli air strike in Rafah.",
     {("Hamas", "Statement"), ("Israel", "Air/drone strike")}),
])
def test_each_clause_gives_its_own_event_with_its_own_agent(sentence, expected):
    got = {(e.actor, e.event_type) for e in extract_events(article(sentence), SETTINGS)}
    assert got == expected


@pytest.mark.parametrize("sentence, actor, target", [
    # the name after ", and" heads a new clause: it is not the attack's target
    ("The Houthis fired missiles at a tanker on Monday, and the United States condemned the attack.", "Houthis", ""),
    ("Israeli jets struck a depot on Tuesday, but Lebanon said the targets were civilian.", "Israel", ""),
])
def test_target_stops_at_a_new_clause(sentence, actor, target):
    attacks = [e for e in extract_events(article(sentence), SETTINGS) if e.event_category != "Diplomacy and statements"]
    assert attacks and (attacks[0].actor, attacks[0].target) == (actor, target)


@pytest.mark.parametrize("sentence, actor", [
    ("Iraq's parliament voted on Thursday to expel foreign troops from the country.", "Iraq"),
    ("Israel's security cabinet voted to approve the deal late on Friday.", "Israel"),
])
def test_a_vote_is_a_strategic_development_of_the_voting_state(sentence, actor):
    evs = [e for e in extract_events(article(sentence), SETTINGS) if e.event_type == "Strategic development"]
    assert evs and evs[0].actor == actor


# --- round 6: context that carries across sentences ------------------------------------------------------
def test_a_generic_strike_takes_the_weapon_the_same_actor_fired_earlier():
    events = extract_events(article(
        "Iran fired about 200 ballistic missiles at Israel on Tuesday evening. "
        "Several struck near an air base in the Negev, the army said."), SETTINGS)
    assert event_for(events, "Several struck").event_type == "Shelling/missile attack"


def test_a_generic_strike_keeps_its_own_type_when_no_weapon_was_named():
    events = extract_events(article("Israeli jets struck a depot near Beirut on Monday."), SETTINGS)
    assert events[0].event_type == "Air/drone strike"


def test_the_agent_of_an_earlier_attack_is_not_inherited_by_a_strike_on_itself():
    events = extract_events(article(
        "Iran launched drones and missiles at Israel on Saturday night. "
        "The April 1 strike on Iran's consulate in Damascus killed seven Guards members."), SETTINGS)
    strike = [e for e in events if "consulate" in e.sentence and e.event_category == "Explosions/Remote violence"]
    assert strike and strike[0].actor != "Iran"


def test_a_group_led_by_a_named_actor_acts_as_that_actor():
    ev = only("Rebels led by Hayat Tahrir al-Sham launched an offensive from Idlib on Wednesday.")
    assert ev.actor == "Hayat Tahrir al-Sham"


def test_a_caused_happening_with_its_own_subject_is_kept_beside_a_threat():
    events = extract_events(article(
        "The Houthis vowed on Tuesday to bar Israeli ships again because Israel had stopped aid deliveries "
        "into Gaza."), SETTINGS)
    kinds = {(e.actor, e.event_type) for e in events}
    assert ("Houthis", "Threat/warning") in kinds
    assert ("Israel", "Strategic development") in kinds


def test_a_vow_about_the_strikes_is_the_event_not_the_strikes():
    events = extract_events(article(
        "US jets struck Sanaa on Saturday.",
        "The Houthis called the strikes a war crime and vowed they would not go unanswered."), SETTINGS)
    assert event_for(events, "war crime").event_type == "Threat/warning"


def test_who_reported_strikes_did_not_carry_them_out():
    events = extract_events(article(
        "US and British jets bombed Houthi sites in Yemen on Friday.",
        "Residents and Houthi media reported strikes in Hodeidah."), SETTINGS)
    assert event_for(events, "Residents").actor == "United States"


def test_an_attack_naming_no_place_happened_where_the_same_actors_last_attack_did():
    events = extract_events(article(
        "US warplanes bombed Houthi radar sites in Yemen on Friday.",
        "More than 60 targets were hit, according to the US Air Forces Central command."), SETTINGS)
    assert event_for(events, "60 targets").theater == "Yemen"


def test_a_speaker_named_anew_in_a_later_paragraph_speaks_on_the_publication_date():
    events = extract_events(article(
        "On Tuesday the Houthis said they would bar Israeli ships.",
        "US jets struck Sanaa on Saturday.",
        "The Houthis condemned the strikes."), SETTINGS)
    assert event_for(events, "condemned").date_start == DCT


@pytest.mark.parametrize("sentence, actor, event_type", [
    ("Kataib Hezbollah said on Tuesday that it was halting attacks on US forces.",
     "Kataib Hezbollah", "Strategic development"),
    ("The group would stop targeting US vessels, spokesman Mohammed Abdulsalam said on Wednesday.",
     "Mohammed Abdulsalam", "Statement"),
])
def test_violence_that_is_stopped_is_not_done(sentence, actor, event_type):
    events = extract_events(article(sentence), SETTINGS)
    assert (events[0].actor, events[0].event_type) == (actor, event_type)
    assert not [e for e in events if e.event_category in ("Battles", "Explosions/Remote violence")]


def test_a_named_attack_after_a_possessive_yields_to_the_condemnation():
    ev = extract_events(article("Leaders of the Group of Seven condemned Iran's attack on Sunday."), SETTINGS)[0]
    assert (ev.actor, ev.event_type) == ("G7", "Statement")


def test_a_decision_naming_no_place_happens_at_the_actors_home_not_the_targets():
    ev = only("Kataib Hezbollah announced on Tuesday that it was suspending operations against US forces.")
    assert (ev.event_type, ev.theater) == ("Strategic development", "Iraq")


def test_a_when_clause_on_a_since_date_happened_that_day():
    events = extract_events(article(
        "The raid had been expected since Oct. 1, when Iran fired about 180 ballistic missiles at Israel."),
        SETTINGS)
    ev = [e for e in events if e.actor == "Iran"][0]
    assert (ev.event_type, ev.date_start, ev.date_end) == ("Shelling/missile attack", dt.date(2024, 10, 1),
                                                         dt.date(2024, 10, 1))


def test_a_fresh_action_wins_over_an_attack_told_again():
    ev = extract_events(article("The attack came hours after Hezbollah fired rockets at Haifa on Sunday."),
                        SETTINGS)[0]
    assert (ev.actor, ev.event_type) == ("Hezbollah", "Shelling/missile attack")


def test_an_action_in_an_offset_clause_is_its_own_happening_on_its_own_day():
    events = extract_events(article(
        "The drone strike on Wednesday came five days after US bombers hit 85 targets in Iraq and Syria."), SETTINGS)
    earlier = {(e.theater, e.date_start) for e in events if e.trigger == "bombers hit"}
    # Wednesday before the 2025-03-23 publication date is 2025-03-19; five days earlier is 2025-03-14
    assert earlier == {("Iraq", dt.date(2025, 3, 14)), ("Syria", dt.date(2025, 3, 14))}


# --- round 7: clause structure, claims, negation, continuation nouns ---------------------------------------
def test_a_name_in_the_main_clause_is_not_the_subject_of_a_when_clause():
    ev = only("Two Jordanian soldiers were hurt on Sunday when a drone struck a small US outpost in Jordan.")
    assert ev.actor != "Jordan" and ev.target == "United States" and ev.theater == "Jordan"


def test_a_place_after_a_compass_word_is_still_the_place():
    ev = only("A drone struck a US outpost in northeastern Jordan on Sunday, Syrian media reported.")
    assert ev.theater == "Jordan"


@pytest.mark.parametrize("sentence, actor", [
    ("Kataib Hezbollah claimed drone attacks on Sunday against two bases in Syria.", "Kataib Hezbollah"),
    ("The Houthis claimed responsibility for the missile strike on the tanker on Friday.", "Houthis"),
])
def test_who_claims_an_attack_carried_it_out(sentence, actor):
    events = extract_events(article(sentence), SETTINGS)
    violent = [e for e in events if e.event_category == "Explosions/Remote violence"]
    assert violent and violent[0].actor == actor


def test_the_subject_of_a_passive_by_attacks_is_the_target():
    events = extract_events(article("Some 900 US troops are based in Syria. "
                                    "They were hit by dozens of rocket and drone attacks last year."), SETTINGS)
    ev = event_for(events, "rocket and drone")
    # nobody named did it; the first-named weapon types the mixed barrage
    assert (ev.actor, ev.target, ev.event_type) == ("", "United States", "Shelling/missile attack")


def test_nobody_attacks_itself():
    ev = only("US officials count more than 40 attacks on American forces in Syria since January.")
    assert ev.actor != "United States" and ev.target == "United States"


@pytest.mark.parametrize("sentence", [
    "Until then no Israeli soldier had been killed by fire from Lebanon in those clashes.",
    "Nobody was hurt when the rocket fell in an open field near Sderot, the army said.",
])
def test_a_denied_toll_is_no_event(sentence):
    events = extract_events(article(sentence), SETTINGS)
    assert not [e for e in events if e.event_category in ("Battles", "Explosions/Remote violence",
                                                          "Violence against civilians")]


def test_violence_a_truce_ends_is_not_a_fresh_clash():
    events = extract_events(article("The pause began at dawn on Friday, ending seven weeks of fighting in Gaza."),
                            SETTINGS)
    assert not [e for e in events if e.event_type == "Armed clash"]


def test_an_agentless_truce_takes_the_parties_of_a_ceasefire_named_between_them_earlier():
    events = extract_events(article(
        "A ceasefire between Israel and Hezbollah seemed to be holding on Thursday.",
        "The truce began at 4 a.m. on Wednesday."), SETTINGS)
    ev = event_for(events, "truce began")
    assert (ev.actor, ev.target, ev.event_type, ev.actor_text) == ("Israel", "Hezbollah", "Agreement/ceasefire", "")
    assert ev.date_start == dt.date(2025, 3, 19)


def test_an_unnamed_attacker_is_named_by_a_later_claim():
    events = extract_events(article(
        "Israeli jets struck Gaza City on Monday.",
        "In Tel Aviv, two gunmen opened fire at a bus stop on Tuesday evening, killing four people. "
        "Hamas later claimed the attack."), SETTINGS)
    shooting = event_for(events, "gunmen")
    claim = event_for(events, "claimed")
    assert shooting.actor == "Hamas"  # not Israel, the article's previous attacker
    assert (claim.actor, claim.theater, claim.date_start) == ("Hamas", "Israel", dt.date(2025, 3, 18))


def test_a_clock_time_in_a_paragraph_naming_no_day_falls_on_the_day_its_happening_began():
    events = extract_events(article(
        "A ceasefire between Israel and Hamas took effect in Gaza on Wednesday, and the first captives were "
        "freed by early Thursday.",
        "The truce began at 9:30 a.m., two hours late."), SETTINGS)
    ev = event_for(events, "truce began")
    assert (ev.event_type, ev.date_start, ev.date_basis) == ("Agreement/ceasefire", dt.date(2025, 3, 19),
                                                            "narrative")


def test_a_year_modifying_a_noun_does_not_date_the_statement():
    ev = only("Prime Minister Benjamin Netanyahu said the 1974 disengagement agreement had collapsed.")
    assert (ev.event_type, ev.date_start, ev.date_basis) == ("Statement", DCT, "publication")


def test_a_casualty_count_since_a_weekday_spans_to_publication():
    ev = only("Israeli strikes have killed more than 200 people since Thursday, Gaza officials said.")
    assert (ev.date_start, ev.date_end) == (dt.date(2025, 3, 20), DCT)


def test_an_order_to_residents_of_no_named_place_acts_where_the_speaker_was_fighting():
    events = extract_events(article(
        "The Israeli military said it had struck dozens of Hamas targets in Gaza on Sunday and warned residents "
        "of several areas near the fence to leave."), SETTINGS)
    warning = [e for e in events if e.event_type == "Threat/warning"][0]
    assert (warning.actor, warning.theater) == ("Israel Defense Forces", "Gaza Strip")


def test_violence_against_ships_happens_at_the_sea_the_article_names():
    events = extract_events(article(
        "The Houthis have fired missiles at vessels in the Red Sea since November.",
        "The Houthis halted their attacks on shipping when the Gaza ceasefire took effect in January."), SETTINGS)
    ev = event_for(events, "halted")
    assert ev.theater == "Red Sea"


def test_ships_that_fire_are_not_the_target():
    events = extract_events(article(
        "US forces struck Houthi sites in Yemen on Friday after attacks on ships in the Red Sea.",
        "Thirty targets were hit by aircraft and by ships firing Tomahawk missiles."), SETTINGS)
    ev = event_for(events, "Thirty targets")
    assert (ev.actor, ev.theater) == ("United States", "Yemen")


@pytest.mark.parametrize("sentence", [
    "The Houthis would halt their campaign as long as they were not attacked, the spokesman said.",
    "Israel did not strike Iranian oil facilities on Saturday, officials said.",
])
def test_a_denied_attack_is_no_event(sentence):
    events = extract_events(article(sentence), SETTINGS)
    assert not [e for e in events if e.event_category in ("Battles", "Explosions/Remote violence")]


@pytest.mark.parametrize("sentence, speaker", [
    ("Defense Secretary Pete Hegseth wrote that Houthi attacks on American ships would not be tolerated.",
     "Pete Hegseth"),
    ("Israeli strikes would continue until Hamas is destroyed, Netanyahu said.", "Benjamin Netanyahu"),
])
def test_an_attack_that_is_the_topic_of_a_modal_is_the_speakers_threat(sentence, speaker):
    ev = only(sentence)
    assert (ev.actor, ev.event_type) == (speaker, "Threat/warning")


@pytest.mark.parametrize("sentence", [
    "More strikes may follow in the coming days, US officials said.",
    "Analysts said the Houthis were likely to keep firing at ships.",
    "Israel might strike Iranian nuclear sites, the newspaper said.",
])
def test_a_guess_about_violence_is_no_violent_event(sentence):
    events = extract_events(article(sentence), SETTINGS)
    assert not [e for e in events if e.event_category in ("Battles", "Explosions/Remote violence")
                or e.event_type == "Threat/warning"]


def test_weapon_words_type_only_their_own_clause():
    events = extract_events(article(
        "Israel pounded Gaza with air strikes on Sunday, a day after Hamas fighters stormed across the fence."),
        SETTINGS)
    assert {(e.actor, e.event_type) for e in events} >= {("Israel", "Air/drone strike"), ("Hamas", "Armed clash")}


def test_a_sentence_opening_on_an_attack_told_again_reports_the_fresh_action():
    events = extract_events(article("The raid came hours after Hezbollah fired rockets at Haifa on Sunday."), SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == [("Hezbollah", "Shelling/missile attack")]


def test_a_place_after_another_kind_of_action_belongs_to_that_action():
    events = extract_events(article("Israel formally declared war on Sunday and pounded the Gaza Strip with air strikes."),
                            SETTINGS)
    war = [e for e in events if e.event_type == "Strategic development"][0]
    strikes = [e for e in events if e.event_type == "Air/drone strike"][0]
    assert (war.theater, strikes.theater) == ("Israel", "Gaza Strip")


def test_trading_fire_is_a_clash_between_the_two():
    ev = only("Hezbollah and Israel traded fire across the border on Tuesday.")
    assert (ev.event_type, ev.actor, ev.target) == ("Armed clash", "Hezbollah", "Israel")


def test_an_interception_reports_the_attack_intercepted():
    events = extract_events(article(
        "The Houthis fired 18 drones and two cruise missiles at shipping lanes in the Red Sea on Tuesday.",
        "All of them were shot down by US and British warships."), SETTINGS)
    ev = event_for(events, "shot down")
    assert (ev.actor, ev.event_type, ev.theater) == ("Houthis", "Air/drone strike", "Red Sea")
    assert ev.target in ("United States", "US Navy")


def test_an_interception_names_its_launcher_and_where_it_happened():
    ev = [e for e in extract_events(article(
        "A US destroyer in the northern Red Sea shot down Houthi missiles on Thursday."), SETTINGS)][0]
    assert (ev.actor, ev.event_type, ev.theater) == ("Houthis", "Shelling/missile attack", "Red Sea")


def test_civilians_named_in_a_toll_are_its_target_not_its_agent():
    events = extract_events(article(
        "US jets struck seven sites in Iraq on Friday.",
        "A government spokesman said 16 people, civilians among them, were killed and 25 wounded in the strikes."),
        SETTINGS)
    toll = event_for(events, "16 people")
    assert (toll.actor, toll.event_type) == ("United States", "Air/drone strike")


def test_weapons_held_are_no_attack():
    events = extract_events(article("Command centers and stores of rockets, missiles and drones were among the "
                                    "targets, officials said."), SETTINGS)
    assert not [e for e in events if e.event_category == "Explosions/Remote violence"]


def test_bombers_flown_from_a_state_are_that_states_and_counted_places_are_each_a_theater():
    events = extract_events(article(
        "B-1 bombers flown from the United States dropped more than 125 precision munitions on seven facilities, "
        "four in Syria and three in Iraq, in a raid that lasted 30 minutes."), SETTINGS)
    assert {(e.actor, e.event_type, e.theater) for e in events} == {
        ("United States", "Air/drone strike", "Syria"), ("United States", "Air/drone strike", "Iraq")}


@pytest.mark.parametrize("sentence, speaker", [
    ("Iraq's military spokesman Yehia Rasool condemned the strike as a blatant assassination.", "Yehia Rasool"),
    ("White House spokesman John Kirby said any response may come in several waves rather than as a single "
     "strike.", "John Kirby"),
    ("Netanyahu said Hamas's demands were delusional.", "Benjamin Netanyahu"),
])
def test_a_report_about_a_named_or_guessed_action_is_the_report(sentence, speaker):
    ev = only(sentence)
    assert (ev.actor, ev.event_category) == (speaker, "Diplomacy and statements")
    assert ev.event_type != "Appeal"


def test_a_meeting_dated_after_publication_has_not_happened():
    ev = only("Trump said he expected talks with Iran to take place next week.")
    assert (ev.actor, ev.event_type, ev.date_start, ev.date_basis) == ("Donald Trump", "Statement", DCT,
                                                                     "publication")


def test_a_date_in_an_after_clause_with_its_own_action_is_that_actions():
    events = extract_events(article(
        "Israeli jets struck Beirut on Friday.",
        "Iran fired missiles at Israel after Israel killed Hezbollah leader Hassan Nasrallah in Beirut on Sept. 27.",
        published=dt.date(2024, 10, 2)), SETTINGS)
    killing = [e for e in events if e.trigger == "killed"][0]
    barrage = [e for e in events if e.actor == "Iran"][0]
    assert (killing.actor, killing.event_type, killing.date_start) == ("Israel", "Air/drone strike",
                                                                       dt.date(2024, 9, 27))
    assert barrage.date_start != dt.date(2024, 9, 27)


def test_a_when_clause_gives_the_main_clause_its_time():
    ev = only("The Houthis halted their attacks on shipping when the ceasefire took effect in January.")
    assert (ev.event_type, ev.date_start, ev.date_end) == ("Strategic development", dt.date(2025, 1, 1),
                                                         dt.date(2025, 1, 31))


def test_a_place_naming_a_war_is_not_where_things_happen():
    events = extract_events(article("Kataib Hezbollah announced a halt to its attacks after the Gaza war began."),
                            SETTINGS)
    assert [(e.actor, e.event_type, e.theater) for e in events] == [
        ("Kataib Hezbollah", "Strategic development", "Iraq")]


def test_a_second_speaker_in_a_coordinated_clause_makes_a_second_statement():
    events = extract_events(article(
        "Fighters of Hayat Tahrir al-Sham entered Damascus early on Sunday.",
        "Prime Minister Mohammed al-Jalali said the government was ready to hand over power, and the rebels said "
        "state institutions would remain under his supervision."), SETTINGS)
    said = [e.actor for e in events if e.paragraph_index == 1]
    assert said == ["Mohammed al-Jalali", "Hayat Tahrir al-Sham"]


def test_a_report_beside_an_attack_only_sources_it():
    events = extract_events(article(
        "Iran launched about 100 drones toward Israel; the Israeli military said they were intercepted."), SETTINGS)
    assert "Statement" not in {e.event_type for e in events}


def test_describing_an_operation_is_a_statement():
    ev = only("British Prime Minister Rishi Sunak described the operation as limited and proportionate.")
    assert (ev.actor, ev.event_type) == ("Rishi Sunak", "Statement")


@pytest.mark.parametrize("sentence", [
    "Iran's health ministry says 610 people were killed in Israeli strikes during the war.",
    "It was the second US strike in the Iraqi capital since the start of the year.",
])
def test_war_summaries_and_names_for_a_told_attack_are_no_new_event(sentence):
    events = extract_events(article(sentence), SETTINGS)
    assert not [e for e in events if e.event_category in ("Battles", "Explosions/Remote violence")]


def test_a_where_clause_happens_at_the_place_it_hangs_on():
    events = extract_events(article(
        "Antony Blinken was in Israel, where he met Benjamin Netanyahu on Wednesday to discuss a truce in Gaza."),
        SETTINGS)
    ev = [e for e in events if e.event_type == "Meeting/visit"][0]
    assert (ev.actor, ev.theater) == ("Antony Blinken", "Israel")


def test_a_framed_noun_takes_the_subject_of_the_verb_it_frames():
    events = extract_events(article(
        "US President Joe Biden told Prime Minister Benjamin Netanyahu in a phone call on Saturday night that the "
        "United States would not join a counterattack."), SETTINGS)
    call = [e for e in events if e.trigger == "phone call"][0]
    assert (call.actor, call.target) == ("Joe Biden", "Benjamin Netanyahu")


def test_an_attack_thwarted_is_not_done_and_launchers_struck_are_targets():
    events = extract_events(article(
        "Israel's military said it struck thousands of Hezbollah rocket launcher barrels in southern Lebanon early "
        "on Sunday, in what it called pre-emptive strikes to thwart a large-scale attack."), SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == [("Israel Defense Forces", "Air/drone strike")]


def test_a_date_after_a_background_action_is_that_actions():
    events = extract_events(article(
        "Hezbollah launched 320 rockets and drones at military sites in Israel in retaliation for the killing of "
        "its top commander Fuad Shukr last month."), SETTINGS)
    barrage = [e for e in events if e.actor == "Hezbollah"][0]
    assert (barrage.event_type, barrage.date_start, barrage.date_basis) == ("Shelling/missile attack", DCT,
                                                                          "publication")


def test_a_speaker_after_a_coordinated_clause_is_not_the_first_clauses_subject():
    events = extract_events(article(
        "Israeli troops pushed deeper into Khan Younis overnight, and residents said heavy gunfire could be heard."),
        SETTINGS)
    assert [(e.actor, e.event_type, e.theater) for e in events] == [("Israel", "Armed clash", "Gaza Strip")]


def test_calling_the_strikes_a_violation_is_a_statement():
    ev = only("Iraqi government spokesman Basim al-Awadi called the strikes a violation of Iraqi sovereignty.")
    assert (ev.actor, ev.event_type) == ("Basim al-Awadi", "Statement")


def test_the_gulf_of_aden_is_not_the_persian_gulf():
    ev = only("The Houthis said on Friday they had fired naval missiles at a British oil tanker in the Gulf of Aden.")
    assert (ev.actor, ev.theater) == ("Houthis", "Gulf of Aden")


def test_it_after_a_speaker_nobody_knows_is_nobody_we_know():
    events = extract_events(article(
        "The US military said its forces struck Houthi drones in Yemen on Thursday.",
        "Shipping giant Maersk said it would keep diverting vessels around Africa."), SETTINGS)
    assert not [e for e in events if e.paragraph_index == 1]


def test_supporters_of_a_group_who_burn_flags_are_protesters_outside_an_embassy_is_the_host_country():
    ev = only("In Baghdad, supporters of the Popular Mobilization Forces burned Israeli flags outside the US embassy "
              "on Thursday.")
    assert (ev.actor, ev.event_type, ev.theater) == ("Protesters", "Protest", "Iraq")


def test_violence_nobody_places_happens_where_the_story_is():
    events = extract_events(article(
        "President Bashar al-Assad fled Syria on Sunday as rebels entered Damascus.",
        "The offensive was launched on Nov. 27 from the northwest."), SETTINGS)
    ev = event_for(events, "offensive")
    assert ev.theater == "Syria"


@pytest.mark.parametrize("sentence, day", [
    ("President Joe Biden said the US response had begun on Friday and would continue.", DCT),
    ("President Joe Biden said on Friday that the response would continue.", dt.date(2025, 3, 21)),
    ("Hamas said in a statement on Friday that the talks had failed.", dt.date(2025, 3, 21)),
])
def test_a_date_inside_what_is_said_does_not_date_the_saying(sentence, day):
    ev = only(sentence)
    assert (ev.actor in ("Joe Biden", "Hamas"), ev.date_start) == (True, day)


def test_a_vote_count_is_not_a_vote_event():
    events = extract_events(article(
        "The truce was announced on Tuesday, shortly after the security cabinet approved it by 10 votes to one."),
        SETTINGS)
    assert "Strategic development" not in {e.event_type for e in events}


def test_a_passive_release_is_done_by_the_releaser_not_of_the_freed_peoples_nationality():
    events = extract_events(article(
        "Hamas released 24 hostages from Gaza on Friday and Israel freed 39 Palestinian prisoners.",
        "Thirteen Israelis were handed to the Red Cross and taken into Egypt.",
        "The 39 Palestinians were released from Israeli jails and greeted by crowds in the West Bank."), SETTINGS)
    handed = event_for(events, "Thirteen Israelis")
    jails = event_for(events, "Israeli jails")
    assert (handed.actor, handed.event_type, handed.actor_text) == ("Hamas", "Strategic development", "")
    assert (jails.actor, jails.theater) == ("Israel", "West Bank")


def test_a_second_reporting_verb_that_threatens_is_its_own_threat():
    events = extract_events(article(
        "Trump said on his platform that he had ordered decisive military action, and told Iran that its support "
        "for the group must end immediately."), SETTINGS)
    assert [(e.actor, e.event_type) for e in events] == [("Donald Trump", "Statement"),
                                                        ("Donald Trump", "Threat/warning")]


@pytest.mark.parametrize("sentence", [
    "Washington has struck back several times.",
    "His visits to Baghdad are often held in secret.",
])
def test_habits_and_counts_are_no_event(sentence):
    assert extract_events(article(sentence), SETTINGS) == []


def test_a_since_span_is_a_tolls_window_not_the_next_events_date():
    events = extract_events(article(
        "Gaza health officials said 400 people had been killed by Israeli strikes since Thursday. The Israeli "
        "military said it had hit hundreds of Hamas targets."), SETTINGS)
    toll, hits = events[0], event_for(events, "hundreds")
    assert (toll.date_start, toll.date_end) == (dt.date(2025, 3, 20), DCT)
    assert (hits.date_start, hits.date_end) == (DCT, DCT)


def test_a_killing_talked_about_is_no_new_event_and_a_strikes_toll_is_one_happening():
    events = extract_events(article(
        "Israel said it had killed Hezbollah commander Fuad Shukr in a strike on Beirut's southern suburbs.",
        "Iran did not comment on the killing."), SETTINGS)
    assert [(e.actor, e.event_type, e.paragraph_index) for e in events] == [("Israel", "Air/drone strike", 0)]


def test_a_duty_to_avenge_is_a_threat():
    ev = only("Supreme Leader Ali Khamenei said it was Tehran's duty to avenge the death of its guest.")
    assert (ev.actor, ev.event_type) == ("Ali Khamenei", "Threat/warning")


def test_a_name_describing_targets_is_not_the_subject_of_a_coordinated_verb():
    events = extract_events(article(
        "The Israeli military said it had struck about 1,600 Hezbollah targets in southern Lebanon, and urged "
        "residents to leave areas where the group stores weapons."), SETTINGS)
    appeal = [e for e in events if e.event_type == "Appeal"][0]
    assert appeal.actor == "Israel Defense Forces"


def test_the_speaker_of_an_inverted_attribution_is_not_the_target():
    ev = only("Hezbollah fired about 200 rockets at northern Israel on Monday, the Israeli military said.")
    assert (ev.actor, ev.target) == ("Hezbollah", "")


def test_a_quoted_phrase_does_not_break_a_shared_subject():
    events = extract_events(article(
        'Lebanese Prime Minister Najib Mikati called the Israeli campaign "a war of extermination" and asked the '
        "United Nations to intervene."), SETTINGS)
    assert {(e.actor, e.event_type) for e in events} >= {("Najib Mikati", "Appeal")}
    assert "Israel" not in {e.actor for e in events}


def test_an_action_noun_takes_the_agent_after_by():
    ev = only("The ministry reported dozens of attacks by Hezbollah on Israeli positions on Monday.")
    assert ev.event_category != "Battles" or ev.actor == "Hezbollah"
    events = extract_events(article("Weeks of attacks by Hezbollah on Israeli positions preceded the war."), SETTINGS)
    assert [e.actor for e in events if e.event_category == "Battles"] in ([], ["Hezbollah"])


def test_a_weapon_list_fired_at_shipping_lanes_is_at_sea():
    events = extract_events(article(
        "The Houthis have attacked ships in the Red Sea since November.",
        "On Tuesday the Houthis fired 18 drones, two anti-ship cruise missiles and a ballistic missile at shipping "
        "lanes."), SETTINGS)
    assert event_for(events, "18 drones").theater == "Red Sea"


def test_a_warning_noun_takes_its_speaker_after_from():
    events = extract_events(article(
        "Thousands of displaced families set off toward their homes despite warnings from the Israeli military "
        "to stay away."), SETTINGS)
    warning = [e for e in events if e.event_type == "Threat/warning"][0]
    assert warning.actor == "Israel Defense Forces"


def test_a_speakers_own_side_is_not_the_target_and_a_joint_statement_is_a_statement():
    ev = only("Iran's foreign ministry spokesman Nasser Kanaani said Tehran would punish Israel for the killing.")
    assert (ev.actor, ev.event_type) == ("Nasser Kanaani", "Threat/warning") and ev.target != "Iran"
    ev = only("The Group of Seven foreign ministers issued a joint statement expressing concern over the escalation.")
    assert (ev.actor, ev.event_type) == ("G7", "Statement")


def test_a_strike_word_takes_the_weapon_of_its_own_clause_or_subject():
    events = extract_events(article(
        "Iran fired about 180 ballistic missiles at Israel on Tuesday evening.",
        "Most of the missiles were intercepted, Israel's military said, but some struck near air bases in the "
        "south."), SETTINGS)
    assert event_for(events, "some struck").event_type == "Shelling/missile attack"
    ev = only("Israeli warplanes struck military targets in Iran early on Saturday, hitting missile production sites.")
    assert ev.event_type == "Air/drone strike"


def test_starred_not_trigger_phrases_block_their_words():
    from loaders.extract import rules
    found = [m.group() for m in rules().not_trigger_regex.finditer("rocket launchers and attack helicopters")]
    assert found == ["rocket launchers", "attack helicopters"]


def test_a_comparison_window_dates_nothing():
    events = extract_events(article(
        "The agency's board found Iran in breach of its obligations for the first time in almost 20 years, "
        "Israel said on Thursday before its jets struck."), SETTINGS)
    assert all(e.date_start and e.date_start.year == 2025 for e in events)


def test_a_dated_attack_told_again_yields_to_the_report():
    ev = only("Iran's Revolutionary Guards said the attack was punishment for the April 1 strike on its consulate.")
    assert (ev.actor, ev.event_type) == ("IRGC", "Statement")


def test_an_attack_told_again_that_only_came_after_something_is_no_new_event():
    assert extract_events(article("The attack came 50 years and a day after the start of the 1973 war."),
                          SETTINGS) == []
