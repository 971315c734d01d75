"""The four sourcing rules: what each flags, what it leaves alone, and examples.

The examples are executable documentation: tests run every ``flags`` example (it must
be flagged by its rule) and every ``passes`` example (it must not be).
"""

from __future__ import annotations

from editcheck.annotations import Severity
from editcheck.checkapi import ENGLISH, Rule

UNATTRIBUTED_CLAIM = Rule(
    "core/unattributed-claim",
    "unattributed-claim",
    Severity.WARNING,
    languages=ENGLISH,  # English attribution patterns and verbs
    summary="A hedge, weasel phrase or anonymous source with nobody named to answer for it.",
    doc="""
    Flags hedges ("reportedly", "allegedly", "purportedly"), impersonal and agentless
    passives ("it is believed that", "is said to have", "has been described as", "is widely
    regarded as", "is considered by many"), vague crowds with a speech or belief verb
    ("critics say", "some experts believe", "many residents fear", "campaigners warn",
    "others argue", and bare plurals of people: "tenants complain", "marine biologists
    suspect", "supporters of the mayor insist", "senior party figures say", "some would
    argue"), anonymous sources ("sources said", "a source close to", "people familiar with
    the matter", "a Whitehall source", "negotiators familiar with the draft"), reports
    nobody owns ("there are reports that", "rumours suggest", "we are told", "I'm
    hearing") and the writer's own guesses or verdicts ("probably", "apparently",
    "arguably"). An anonymous source is never the attribution of another hedge in its
    sentence.
    Leaves alone: a hedge the sentence hangs on a named source ("police said the man
    allegedly ..."), a passive with its agent ("was described by the judge as"), words
    inside an attributed quotation, "many" or "some" with no speech or belief verb, people
    placed at a named organisation ("economists at Capital Economics said"), a short
    sentence announcing dissent that the next sentence names ("Not everyone agrees. The
    farmers' union said ..."), and role-only sources such as "officials said" or what a
    group in the story said ("witnesses said"; core/vague-attribution reports those).
    The annotation covers the hedge phrase and says what is missing. Hedges, anonymous
    sources, the passives of news copy, crowds with "say", "warn", "fear", "believe", and
    the textbook weasels "it is said that", "it has been argued", "some argue" are always
    reported; a weasel inside a transcript line or an interview answer is the speaker's
    own (the attribution reader gives the line its speaker); wording that is as often
    idiom ("it was said", "others argue that", "is considered", "probably") is weighed
    by a small model of the sentence's wording, trained on Wikipedia's weasel-word
    tags. `min-confidence` (0 to 1) sets how sure it must be: lower it to see more
    candidates, raise it for fewer false alarms.
    """,
    options={"min-confidence": 0.5},
    flags=(
        "The government is reportedly moving to overhaul the agency's leadership.",
        "Critics say the scheme will cost far more than promised.",
        "It is understood that the club has rejected a second bid.",
        "The fire was probably caused by a discarded cigarette.",
        "A source close to the minister said she would not resign.",
        "The bridge is widely regarded as the most dangerous in the county.",
        "Tenants complain that repairs take months.",
        "We're being told the vote has been postponed.",
        "It is said that the two candidates have not spoken since the debate.",
        "Some argue the drainage was never designed for storms of this size, but the "
        "developer, Bryn Homes, insists its ponds are working.",
    ),
    passes=(
        "Police said the man allegedly broke into three cars on Elm Street.",
        "Economists at Capital Economics said the closure fitted a pattern.",
        "Many residents turned out to watch the parade.",
        "The plan was described by Judge Amy Carter as unworkable.",
        "Officials said the road would reopen on Monday.",
    ),
)

VAGUE_ATTRIBUTION = Rule(
    "core/vague-attribution",
    "unattributed-claim",
    Severity.INFO,
    languages=ENGLISH,  # English attribution patterns and verbs
    summary='A source given only by role ("officials said"): attributed, but vaguely.',
    doc="""
    Flags a reporting clause whose source is a role with no name and no organisation:
    "officials said", "authorities said", "a spokesperson said", "according to
    investigators". It is an editor's prompt, not an error: name the person, or at least
    the organisation they speak for.
    Leaves alone: roles pinned to a name ("ICE officials said", "officials at the Treasury
    said", "a spokesperson for Acme said"), identifiable institutions ("police said",
    "prosecutors said", "the company said") and named people.
    """,
    flags=(
        "Officials said the road would reopen on Monday.",
        "The fire started in the kitchen, according to investigators.",
    ),
    passes=(
        "Officials at the Treasury said the figures would be revised.",
        "ICE officials said the raid was planned weeks ago.",
        "A spokesperson for Acme Corp said the recall was voluntary.",
        "Police said the driver was not injured.",
    ),
)

UNATTRIBUTED_QUOTE = Rule(
    "core/unattributed-quote",
    "unattributed-claim",
    Severity.WARNING,
    languages=ENGLISH,  # English attribution patterns and verbs
    summary="A direct quotation of four or more words whose speaker is never given.",
    doc="""
    Flags a quotation (straight, curly or single quotes; four words or more) with no
    speaker, as the attribution reader reads news copy: a speaker in its own sentence
    (titles and party tags between name and cue, "called it", "describing her as",
    "criticised X for", "assured me that"), in the sentences just before and after it in
    the same paragraph, a transcript or Q&A line's speaker, a vox pop's name and dash, a
    pull quote's speaker line after it, a headline's speaker after the colon, or by news
    convention across paragraphs: a paragraph that opens with a quote
    continues an attributed quotation in the paragraph before it, a speaker introduced with
    a colon ("she said:"), or the answer to an interviewer's question. A quote right after
    a sentence about someone already quoted in the story is theirs. A paraphrase ("Smith
    said the plan was flawed.") does not vouch for a quote paragraph after it, unless it
    weaves in the speaker's own words ("said his client was "deeply ashamed"") and the
    quote paragraph goes on about someone in the third person ("He has ...").
    Leaves alone: scare quotes of one to three words, titles of works ("the song 'Come
    Together'", a quoted Title In Capitals), glosses and lyrics ("which means 'the hill
    of the wind'", "its refrain, '...'"), nicknames, and quotations whose speaker is
    named, a pronoun ("she said"), or a role ("an official said", which
    core/vague-attribution may flag).
    """,
    flags=('The mood at the plant was grim. "Nobody knows if they will have a job next week."',),
    passes=(
        '"Nobody knows if they will have a job next week," said Maria Lopez, a welder.',
        '"You had the maps, you had the models," panel Chairman Rep. Dana Whitlock (D-Ore.) said.',
        "The farm is called Cnoc na Gaoithe, which means \u201cthe hill of the wind,\u201d and "
        "the wind never stops.",
        'The minister called the report "a whitewash" and left.',
        'She sang "Somewhere Over the Rainbow" to close the show.',
    ),
)

UNSOURCED_STATISTIC = Rule(
    "core/unsourced-statistic",
    "unsourced-statistic",
    Severity.WARNING,
    languages=ENGLISH,  # English attribution patterns and verbs
    summary="A statistic (count, percentage, rate, sum, multiple) with no source.",
    doc="""
    Flags figures that state data: counts of people or events ("At least 16 people
    died"), percentages ("%", "per cent"), rates ("one in five", "per 100,000"),
    fractions ("two-thirds"), multiples ("doubled"), trends ("rose to 325", "rose from 14
    in 2021 to 22", "down from 390"), records and streaks ("have lost seven of their last
    nine away matches", "21 wins in 74 games"), measures named before their number ("a
    population of about 12,000", "average hourly pay ... is C$44.60"), sums of money
    with a scale or of a thousand or more, market prices ("$80 a barrel") and quantified
    numbers ("more than 300") - when neither the sentence nor the sentence before it in
    the same paragraph (when that one names the source of data) gives a source. A named
    organisation's own act ("the Bank of England cut rates to 4.75%") is its own source;
    "data from X", "according to X", "the survey found", "a survey published on Monday
    finds", "the agency's own estimate puts", "by the union's reckoning", "analysts polled
    by Reuters" and a transcript or interview line's speaker are sources; a company's own
    headcount ("employs 1,150 people") is not, and an act sources only its own sentence.
    A source inside a later clause ("..., below the 80 per cent the agency says it wants")
    covers only what follows it. Each unsourced figure of a sentence gets its own
    annotation, covering the figure and its noun phrase.
    Leaves alone: dates, years, times, durations ("for 20 minutes"), ages ("Okafor, 54,"),
    addresses, phone numbers, names and titles with numbers ("Route 66", "COVID-19",
    "Section 230", "Channel 4"), ordinals, match scores and sporting tallies, page and
    chapter references, measurements, prices under a thousand, small counts told as
    narration ("two cars were taken"), fractions of a unit ("a quarter of an hour"), an
    organisation's own notices ("the agency issued 23 flood warnings"), a career's works
    ("23 albums"), and figures inside an attributed quotation or an attributed sentence.
    """,
    flags=(
        "At least 16 people died in the facilities between January and September.",
        "Unemployment among young men rose to 14% last year.",
        "One in five children now lives in temporary housing.",
        "Harwell Components employs about 1,150 people at the site.",
        "City have lost seven of their last nine away matches.",
        "The town has a population of about 12,000.",
    ),
    passes=(
        "At least 16 people died in the facilities, according to the agency's own records.",
        "Okafor, 54, was sentenced on 3 March 2024 after a trial lasting 20 minutes short "
        "of a week.",
        "The bus runs along Route 66 every 20 minutes.",
        "City won 3-1 in the second leg.",
        "About 1,300 members are on strike, by the union\u2019s reckoning.",
        "A survey published on Monday finds that 41% of voters back the plan.",
        "The meeting was delayed by a quarter of an hour.",
    ),
)

RULES = (UNATTRIBUTED_CLAIM, VAGUE_ATTRIBUTION, UNATTRIBUTED_QUOTE, UNSOURCED_STATISTIC)
