"""What went wrong on real news pages, class by class (issue: faithful attribution on real news),
each on articles written for these tests. A wrong name is worse than none: where the article
leaves the speaker open, the claim keeps the mention and no name, and says why."""

import pytest

from claims.extraction import Stance, extract


def claims_of(text):
    return [c for c in extract(text, assertions=False)]


def by_content(text, words):
    """The one claim whose statement holds `words`."""
    found = [c for c in claims_of(text) if words in c.text]
    assert len(found) == 1, [(c.text, c.speaker and c.speaker.name) for c in claims_of(text)]
    return found[0]


def names(text):
    return [c.speaker.name if c.speaker else None for c in claims_of(text)]


# --- names: the full name the article gives, nothing glued to it ----------------------------
@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Harbour Hawks DL Tomas Brenner", "Tomas Brenner"),  # a team and a position
        ("Vermont Ada Quill", "Ada Quill"),  # a place
        ("Ada Quill Thursday", "Ada Quill"),  # a day
        ("Supervisor Ada Quill of Marsh County", "Ada Quill"),  # an office and where
        ("NASA's Steve Calder", "Steve Calder"),  # an agency's possessive
        ("Agency Administrator Jim Calder", "Jim Calder"),  # a title no list knows
    ],
)
def test_nothing_is_glued_to_a_name(mention, name):
    text = f"{mention} said the ferry would keep running through the winter months."
    assert names(text) == [name]


def test_a_family_name_that_is_also_a_title_stays_a_name():
    text = (
        "Mayor Tom King said the tolls were fair to every islander.\n\n"
        "King said the ferry would keep running through the winter."
    )
    assert names(text) == ["Tom King", "Tom King"]


@pytest.mark.parametrize(
    ("introduced", "later", "name"),
    [
        ("James P. Calder Jr., the harbour's lawyer,", "Calder", "James P. Calder Jr"),  # a suffix
        ("Kathleen Hawk Larsen, the warden,", "Hawk Larsen", "Kathleen Hawk Larsen"),  # two of three words
        ("China's envoy Liu Xiaoping", "Liu", "Liu Xiaoping"),  # a family name written first
    ],
)
def test_a_part_of_the_name_is_the_name_the_article_gives_in_full(introduced, later, name):
    text = (
        f"{introduced} spoke to the council on Monday about the ferry.\n\n"
        f"{later} said the ferry would keep running through the winter."
    )
    assert by_content(text, "keep running").speaker.name == name


@pytest.mark.parametrize("opening", ["Maybe", "Like", "Hosting"])
def test_a_word_that_opens_a_sentence_is_no_part_of_a_full_name(opening):
    text = (
        f"{opening} Calder will sell the old terminal building before the summer.\n\n"
        "Calder said the harbour would open a new terminal in May next year."
    )
    assert by_content(text, "new terminal").speaker.name != f"{opening} Calder"


def test_it_is_the_organisation_never_a_name():
    text = (
        "Two ferries were damaged in the storm, the Harbour Board said in a statement.\n\n"
        "It did not name the crews and said it was checking the other boats in the fleet."
    )
    claim = by_content(text, "checking the other boats")
    assert claim.speaker.text == "It"
    assert claim.speaker.name == "Harbour Board"


# --- descriptions and short forms: the organisation the article names --------------------------
def test_an_acronym_is_the_organisation_it_stands_for():
    text = (
        "Vossberg showed a new electric van at the fair. Vossberg has built six of them.\n\n"
        "VB says the van could reach the market in 2026, if buyers want it."
    )
    assert by_content(text, "reach the market").speaker.name == "Vossberg"


def test_a_short_form_is_the_name_the_article_gives_in_full():
    text = (
        "Ferry fares rose 4 percent in May, according to Harbourdata.com, a data firm.\n\n"
        "Harbourdata expects fares to rise again before the end of the summer season."
    )
    assert by_content(text, "rise again").speaker.name == "Harbourdata.com"


def test_the_automaker_is_the_company_the_sentence_before_is_about():
    text = (
        "Vossberg showed a new electric van at the fair in Berlin.\n\n"
        "VB has used recycled plastic for the seats. The automaker says it will use it in every model."
    )
    assert by_content(text, "every model").speaker.name == "Vossberg"


def test_the_production_company_is_the_one_whose_name_says_so():
    text = (
        "Island Productions and Harbour Records signed a deal on Monday.\n\n"
        "“We never agreed to those terms with anyone,” the production company said in a statement."
    )
    assert by_content(text, "never agreed").speaker.name == "Island Productions"


def test_the_statement_speaks_for_whoever_issued_it():
    text = (
        "Two crew members were hurt on the ferry, the Harbour Authority said in a statement on Monday.\n\n"
        "“The cause of the fire is under investigation by the coast guard,” the statement said."
    )
    assert by_content(text, "cause of the fire").speaker.name == "Harbour Authority"


@pytest.mark.parametrize(
    ("source", "issuer"),
    [
        ("a report from Tidewater Analytics", "Tidewater Analytics"),
        ("a new report by Harbour News", "Harbour News"),
        ("The Gazette’s report", "The Gazette"),
    ],
)
def test_a_document_speaks_for_its_issuer(source, issuer):
    text = f"Ferry fares will rise by a third next spring, according to {source}."
    claim = only_claim(text)
    assert claim.speaker.name == issuer
    assert issuer in claim.speaker.text


def test_a_document_nobody_is_named_issuing_keeps_no_name():
    claim = only_claim("Ferry fares will rise by a third next spring, according to a study.")
    assert claim.speaker.name is None


def test_a_description_the_article_leaves_open_keeps_no_name():
    text = (
        "Harbour Records and Island Productions both sent lawyers to the hearing on Monday.\n\n"
        "The company said the contract had been signed long before the dispute."
    )
    claim = by_content(text, "contract had been signed")
    assert claim.speaker.name is None
    assert claim.speaker.text == "The company"


# --- the wrong person --------------------------------------------------------------------------
def test_the_president_is_not_the_president_of_something_else():
    text = (
        "President Brenner flew to the island on Monday.\n\n"
        "Ada Quill, the president of the Harbour Bank, said the tolls would rise.\n\n"
        "The president says his plan has created leverage with the ferry companies."
    )
    assert by_content(text, "created leverage").speaker.name == "Brenner"


def test_the_president_with_two_candidates_names_no_one():
    text = (
        "Ada Quill, the president, opened the hearing.\n\n"
        "Tom Brenner, the president, closed it.\n\n"
        "The president says the ferry will keep running through the winter."
    )
    claim = by_content(text, "keep running")
    assert claim.speaker.name is None


def test_he_is_the_person_the_paragraph_is_about_not_the_last_one_quoted():
    text = (
        "Kurt Brenner and Tom Morrow testified before the harbour committee on Tuesday. "
        "Brenner said he knew of no plan to sell the ferry.\n\n"
        "Morrow was the third witness this week. He said he was not worried about the sale."
    )
    assert by_content(text, "not worried").speaker.name == "Tom Morrow"


def test_she_is_never_a_man():
    text = (
        "Senator Ben Calder said the ferry would keep running through the winter.\n\n"
        "She said the tolls would be cut by a third before the summer season."
    )
    assert by_content(text, "cut by a third").speaker.name is None


def test_they_after_a_person_spoke_is_not_the_organisation_named_before():
    text = (
        "Kym Larsen, a spokesperson for Harbourline, confirmed the plan to the Gazette. "
        "“We use a model that predicts which islanders will travel,” they said in an email."
    )
    assert by_content(text, "predicts which islanders").speaker.name != "Harbourline"


def test_an_envoy_to_a_country_is_not_the_country():
    text = "China’s envoy to Northland accused the islands of meddling in the country’s affairs."
    claim = only_claim(text)
    assert claim.speaker.name != "Northland"
    assert claim.speaker.text == "China’s envoy to Northland"


def test_an_envoy_named_later_in_the_article_is_that_person():
    text = (
        "China’s envoy to Northland accused the islands of meddling in the country’s affairs.\n\n"
        "China’s envoy to Northland Liu Xiaoping has said that China will act."
    )
    claim = by_content(text, "meddling")
    assert claim.speaker.name == "Liu Xiaoping"


# --- not statements at all ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Disclaimer: The views expressed by the experts on this website are their own and not ours.",
        "Harbour Nation: Ada Quill will be honoured with the Ferry of the Decade award this spring.",
        "MORE: Harbour tolls will rise by a third next spring, the board says",
        "READ MORE: Ferry operator says it will cut sailings to the outer islands",
    ],
)
def test_labels_and_link_lines_are_no_statements(line):
    assert claims_of(f"{line}\n\nThe harbour was quiet on Monday.") == []


def test_a_headline_in_the_passive_names_no_speaker():
    assert claims_of("Harbour board accused of hiding ferry losses from the islanders") == []


def test_the_writers_own_i_is_no_source():
    text = "I found that many islanders opt for the early ferry, and I learned that it is often late."
    assert claims_of(text) == []


def test_a_subheading_in_quotation_marks_is_no_statement():
    text = (
        "“The tolls will be cut by a third,” Ada Quill said.\n\n"
        "“The harbour problem”\n\n"
        "The council met on Tuesday."
    )
    assert [c.text for c in claims_of(text)] == ["“The tolls will be cut by a third,”"]


# --- stance --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("A spokeswoman for the harbour board declined to comment.", Stance.NEGATED),
        ("Ada Quill declined to say when the ferry would return to service.", Stance.NEGATED),
        ("The harbour union called for an inquiry into the rise of the ferry tolls.", Stance.URGED),
        ("The coach wants the league to suspend the player for the rest of the season.", Stance.URGED),
        ("The mayor asked residents to save water during the long summer drought.", Stance.URGED),
        ("The council wants to sell the old ferry terminal before the summer.", Stance.INTENDED),
        ("The harbour board estimates that the new ferry could carry 300 cars a day.", Stance.PREDICTED),
    ],
)
def test_the_stance_follows_what_was_done_with_the_words(sentence, stance):
    assert only_claim(sentence).stance == stance


def test_a_statement_that_goes_on_after_a_question_it_quotes_is_not_asked():
    text = (
        "“I was stunned to see how many people visited the harbour,” said Jo Larsen, a ferry pilot. "
        "“It really made me ask what are they looking for here?”"
    )
    assert by_content(text, "stunned").stance == Stance.ASSERTED


def test_a_plea_in_court_is_no_statement_the_prosecutors_report_is():
    text = "Tom Brenner, 55, pleaded guilty to threatening a harbour official, prosecutors said."
    claim = only_claim(text)
    assert claim.speaker.text == "prosecutors"
    assert claim.text.startswith("Tom Brenner")


# --- missed -----------------------------------------------------------------------------------------
def test_what_a_sentence_says_before_the_quotation_it_leads_into():
    text = (
        "Liu said that the coast guard could be sent to the islands, warning: "
        "“They are already there in the harbour.”"
    )
    assert [c.text for c in claims_of(text)] == [
        "that the coast guard could be sent to the islands",
        "“They are already there in the harbour.”",
    ]


def test_an_amount_reported():
    claim = only_claim("Harbourline (ticker: HBL) reported $2.53 in earnings per share for the quarter.")
    assert claim.text.startswith("$2.53")


def test_a_long_apposition_after_an_inverted_cue():
    text = (
        "While fares were held by the subsidy, the tolls may rise in the spring, said Juan Brenner, "
        "senior analyst at Tidewater Inc."
    )
    assert only_claim(text).speaker.name == "Juan Brenner"


def only_claim(text):
    found = claims_of(text)
    assert len(found) == 1, [(c.text, c.speaker and c.speaker.name) for c in found]
    return found[0]


def test_suggesting_that_someone_do_something_is_urging_it():
    text = "The board suggested that the ferry company lower its fares before the summer season."
    assert only_claim(text).stance == Stance.URGED


def test_suggesting_that_something_is_so_is_no_urging():
    text = "The board suggested that the tolls were too high for most of the islanders."
    assert only_claim(text).stance == Stance.ASSERTED


def test_saying_that_what_was_said_is_untrue_is_a_denial():
    text = "Her lawyer told the Gazette that this, too, was not the whole truth."
    claim = only_claim(text)
    assert (claim.stance, claim.text) == (Stance.DENIED, "that this, too, was not the whole truth")


def test_a_participle_after_a_subordinate_clause_is_by_that_clauses_subject():
    text = (
        "On Monday, Harbour Records issued a statement after Tom Larsen publicly scolded the label, "
        "accusing the company of blocking his songs from the show."
    )
    assert only_claim(text).speaker.name == "Tom Larsen"


def test_the_statement_is_from_whoever_the_article_says_put_it_out():
    text = (
        "On Monday, Harbour Records issued a statement about the concert.\n\n"
        "The statement claimed that the two companies had come to terms on a licensing deal."
    )
    assert only_claim(text).speaker.name == "Harbour Records"


def test_he_after_a_sentence_about_mr_someone_is_that_person():
    text = (
        "When the board's advisers proposed a smaller ferry, Mr. Brenner wasn't satisfied. "
        "In a retelling at the harbour, he said he pressed them to buy a bigger one."
    )
    assert by_content(text, "pressed them").speaker.name == "Brenner"


def test_each_outlet_named_with_and_is_a_source_of_the_statement():
    text = "As both Harbour Radio and Island News have reported, the ferry accounts are open to anyone."
    assert sorted(names(text)) == ["Harbour Radio", "Island News"]


def test_two_people_named_with_and_stay_one_statement():
    text = "Tova Larsen and Michael Brenner acknowledged that they had not made the required checks."
    assert len(claims_of(text)) == 1


def test_a_family_name_with_a_prefix_is_no_company():
    text = "McAllister has said about 20 people have told him they would back the ferry plan."
    claim = only_claim(text)
    assert claim.speaker.kind == "person"


def test_mr_and_a_family_name_that_is_also_a_title():
    text = "Mr. King said that he was not all that familiar with the ferry company's plans."
    assert only_claim(text).speaker.name == "King"


def test_the_mayor_is_named_in_full_with_a_particle():
    text = (
        "Mayor Bill de Vries opened the new ferry terminal on Monday.\n\n"
        "“We do not see a link to the storm,” the mayor said of the damage to the pier."
    )
    assert by_content(text, "link to the storm").speaker.name == "Bill de Vries"


def test_a_title_does_not_say_which_of_two_namesakes():
    text = (
        "Michelle Larsen spoke first at the harbour.\n\n"
        "President Larsen is rolling out a new message about the ferry.\n\n"
        "The president told the islanders this weekend that the tolls would fall."
    )
    assert by_content(text, "tolls would fall").speaker.name != "Michelle Larsen"


def test_a_group_is_no_one_person():
    text = (
        "August Brenner, who speaks for the environmental groups, met the board.\n\n"
        "Environmental groups worried that the ferry would harm the seals on the outer islands."
    )
    assert by_content(text, "harm the seals").speaker.name is None


def test_a_name_cut_at_its_and_is_no_second_source():
    text = "The Centre for Ferries and Harbour Affairs found that the tolls had risen by a third."
    assert len(claims_of(text)) == 1


def test_a_role_then_a_name_opening_a_sentence_is_its_subject_for_he():
    text = (
        "Quarterback Dev Patel said he had not been hurt in the third quarter.\n\n"
        "Their coach, Mike Olsen, praised the defence after the game.\n\n"
        "“They were outstanding,” he said."
    )
    assert by_content(text, "outstanding").speaker.name == "Mike Olsen"


def test_a_job_title_before_a_name_is_no_part_of_it():
    assert names("Quarterback Dev Patel said he had not been hurt in the third quarter.") == ["Dev Patel"]


def test_not_between_the_speaker_and_the_cue():
    text = (
        "Bluewater Lines said it would refund every passenger. Bluewater has not said how much it will cost."
    )
    claim = by_content(text, "how much")
    assert (claim.speaker.name, claim.stance) == ("Bluewater Lines", Stance.NEGATED)


def test_the_authority_is_the_one_named_in_full():
    text = (
        "The head of the Riverton Port Authority resigned on Tuesday after an audit of the fares, "
        "the authority said in a statement."
    )
    assert only_claim(text).speaker.name == "Riverton Port Authority"


def test_whose_office_the_possessor_says():
    text = (
        "The Harbour Attorney's Office charged him on Monday.\n\n"
        "“He threatened the ferry crew twice,” the prosecutor’s office said."
    )
    assert by_content(text, "threatened the ferry crew").speaker.name is None


def test_a_second_clause_with_its_own_speaker_is_its_own_statement():
    text = (
        "The opposition has called for an inquiry, and the chair of the harbour committee, Sarah Ives, "
        "said she would write to the minister this week."
    )
    claim = by_content(text, "would write")
    assert (claim.speaker.name, claim.text) == ("Sarah Ives", "she would write to the minister this week")


@pytest.mark.parametrize("mention", ["residents on North Isle", "Officials in Riverton"])
def test_people_of_a_place_are_not_the_place(mention):
    claim = only_claim(f"{mention} said the ferry would keep running through the winter months.")
    assert (claim.speaker.text, claim.speaker.name) == (mention, None)


def test_a_participle_after_a_closing_attribution_is_no_statement():
    text = (
        "Bus fares will rise by 25 cents in March, the transit agency announced Monday, blaming fuel costs."
    )
    assert only_claim(text).text == "Bus fares will rise by 25 cents in March"


def test_a_speaker_noun_opening_a_sentence_speaks_for_its_organisation_unnamed():
    text = "Lawyers for the company argued in court on Tuesday that the strike was not legal."
    claim = only_claim(text)
    assert (claim.speaker.text, claim.speaker.name) == ("Lawyers for the company", None)


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The mayor dismissed reports that the council had sold the old library building.", Stance.DENIED),
        ("“That is simply not true,” Brenner said of claims that he had met the buyer.", Stance.DENIED),
        ("Councillor Ada Quill did not deny that she had voted for the sale of the library.", Stance.NEGATED),
        ("The council rejected the plan to sell the old library to a developer.", Stance.CHARACTERISED),
    ],
)
def test_denials_read_as_denials(sentence, stance):
    assert only_claim(sentence).stance == stance


# --- a verb of saying that says nothing here ------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        # an appearance: where and when someone testified, not what
        "Ada Quill and Jo Reyes testified side-by-side before the harbour committee on Tuesday about the "
        "events at the centre of the inquiry.",
        "The harbour master testified behind closed doors for nine hours last week.",
        # where it was said, and nothing of what
        "Jo Reyes said at a harbour forum in Port Ellen on Monday.",
    ],
)
def test_a_verb_of_saying_that_says_nothing_here_makes_no_statement(sentence):
    assert claims_of(sentence) == []


def test_after_a_question_its_speaker_is_given_where_it_was_asked_and_nothing_more():
    text = (
        "“Is there a deal on the harbour fees?” Jo Reyes, the former director of the port authority, "
        "said at a Nov. 6 event at the Marine Institute in Port Ellen."
    )
    [claim] = claims_of(text)
    assert (claim.text, claim.speaker.name, claim.stance) == (
        "“Is there a deal on the harbour fees?”",
        "Jo Reyes",
        Stance.QUESTIONED,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Jo Reyes testified that the harbour fees had been raised twice without a vote.",
        "Jo Reyes testified before the committee that the harbour fees had been raised twice.",
        "Ada Quill agreed that the harbour fees had been raised twice without a vote.",
        "Ada Quill said at the meeting that the harbour fees had been raised twice.",
        "Ada Quill said at the meeting the harbour fees would be raised again in May.",
        "The Harbour Front claimed the old ferry had been sunk by its own crew.",
    ],
)
def test_the_same_verbs_still_report_what_was_said(sentence):
    [claim] = claims_of(sentence)
    assert "harbour fees" in claim.text or "old ferry" in claim.text


def test_a_denial_of_what_another_speaker_said_is_not_a_denial_of_the_sentence():
    """`..., in which she said A, a prospect Reyes denied`: Reyes denied A (the prospect), not the
    sentence that reports Quill saying it; the sentence is no statement of Reyes's."""
    text = (
        "Ada Quill did mention her earlier report, in which she said others had raised concerns about "
        "the harbour fees, a prospect Jo Reyes denied earlier in the day."
    )
    found = claims_of(text)
    assert not [c for c in found if c.speaker and c.speaker.name == "Jo Reyes" and "Ada Quill" in c.text]


def test_a_denial_of_what_another_speaker_said_leaves_her_statement_hers():
    text = (
        "Ada Quill did reference her earlier testimony, in which she said others had raised concerns "
        "about Jo Reyes potentially leaking information, a prospect Reyes denied earlier in the day."
    )
    [claim] = claims_of(text)
    assert (claim.speaker.name, claim.stance) == ("Ada Quill", Stance.ASSERTED)
    assert claim.text.startswith("others had raised concerns")


@pytest.mark.parametrize(
    "sentence",
    [
        "The ferry company agreed to a rescue by its largest shareholder last month as it ran out of cash.",
        "Ada Quill also agreed to return the fees she had been paid by the harbour board.",
    ],
)
def test_agreeing_to_something_is_a_commitment_not_an_assertion(sentence):
    assert only_claim(sentence).stance == Stance.PROMISED


def test_she_is_never_a_man_whose_given_name_has_an_accent():
    text = (
        "Mayor Renée Dufrêne said that the harbour budget would grow by a tenth next year.\n\n"
        "Councillor José Müller denied that the budget had been cut.\n\n"
        "“We will win the vote on Friday,” she said."
    )
    last = claims_of(text)[-1]
    assert last.speaker.name == "Renée Dufrêne", last.speaker.resolution


@pytest.mark.parametrize(
    "sentence",
    [
        "Did Okonkwo say the terminal would close next spring?",
        "Has the mayor ever said that the harbour fees would be cut?",
        "Didn’t the board say in May that the ferry would run all winter?",
    ],
)
def test_a_question_the_writer_asks_reports_nothing_as_said(sentence):
    assert claims_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It was falsely reported that Governor Lena Strand said the dam would be demolished.",
        "Water board chair Tobias Renner neither confirmed nor denied that the dam would close in the spring.",
    ],
)
def test_what_the_writer_calls_false_or_no_one_said_is_not_reported_as_said(sentence):
    assert [(c.speaker and c.speaker.name, c.stance) for c in claims_of(sentence)] == []


def test_a_report_called_false_is_the_reporters_statement_not_the_one_it_reports():
    text = "Several sites wrongly claimed that the mayor had said the ferry would be sold."
    assert [c.speaker.text for c in claims_of(text)] == ["Several sites"]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Ada Quill asked the harbour board whether the ferry would run in May.",
            "whether the ferry would run in May",
        ),
        ("The mayor asked Jo Reyes if the tolls would rise again.", "if the tolls would rise again"),
        (
            "Ada Quill asked why the late ferry and whether it would run.",
            "why the late ferry and whether it would run",
        ),
    ],
)
def test_whom_a_question_was_put_to_is_no_part_of_the_question(sentence, question):
    claim = only_claim(sentence)
    assert (claim.text, claim.stance) == (question, Stance.QUESTIONED)
