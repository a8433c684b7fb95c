"""Synthetic wire-style articles for load tests: written from templates, never from the eval data."""

import random

FIRST = [
    "Helena",
    "Tomas",
    "Ruth",
    "Daniel",
    "Amal",
    "Carlos",
    "Ingrid",
    "Marta",
    "Owen",
    "Priya",
    "Jonas",
    "Lena",
]
LAST = [
    "Varga",
    "Brenner",
    "Okafor",
    "Whitcombe",
    "Rahimi",
    "Mendes",
    "Solberg",
    "Keller",
    "Ashdown",
    "Novak",
]
ROLES = [
    "the finance minister",
    "a senior senator",
    "the opposition leader",
    "the central bank governor",
    "the mayor of Port Alden",
    "the health secretary",
]
TOPICS = [
    "the budget",
    "the harbour treaty",
    "fuel prices",
    "the hospital plan",
    "rail fares",
    "school funding",
]


def article(i: int) -> str:
    rng = random.Random(i)
    a = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    while b == a:
        b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = rng.choice(TOPICS)
    n1, n2, n3 = rng.randint(2, 95), rng.randint(100, 9000), rng.randint(1990, 2024)
    return f"""date 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
Dispute over {topic} deepens, report {i}

A row over {topic} deepened on Tuesday as {a}, {rng.choice(ROLES)}, accused rivals of hiding the cost.

"We have seen the numbers and they do not add up to {n1} percent, whatever anyone claims," {a.split()[1]} said.

{b}, {rng.choice(ROLES)}, said on Monday that spending had risen by {n2} million since {n3}.

"Nobody in this building believes report {i} tells the whole story," {b.split()[1]} told reporters. "We will publish our own."

According to figures seen by the agency, {n1 + 3} projects were delayed in {n3}.

(Example Wire Service {2020 + i % 5})
"""


# Every sentence carries something of its own article (a number, a day, a name), as real stories
# do, so that two synthetic stories are not near-duplicates of each other.
NARRATIVE = [
    "The debate over {topic} has dragged on for {n} weeks, and neither side shows signs of giving way.",
    "Officials met behind closed doors for {n} hours on {day}, according to people familiar with the talks.",
    "The proposal would have to pass both chambers before the end of the session in {month} {year2}.",
    "Similar measures were tried in {year} and abandoned after {n} months.",
    "Turnout at the {day} hearing on {topic} was {n2} people, the highest the committee has recorded.",
    "The cost of {topic} has risen by {n} percent since {year}, official figures show.",
    "Critics say the plan for {topic} leaves {n} questions unanswered, including who pays for it.",
    "A vote is expected in {month}, although the timetable has slipped {n} times already.",
    "Business groups representing {n2} firms have largely stayed out of the argument so far.",
    "The region's finances have been under strain since the closure of the shipyard in {year}, which employed {n2} people.",
]
DIRECT = [
    '"We are not going to sign anything that costs families more than it saves them," {last} said.',
    '"This is the most important decision this council will take in a generation," {last} told reporters on {day}.',
    '"Nobody should pretend that {topic} can be fixed overnight," said {name}, {role}.',
    '"The numbers were clear to everyone in the room, and they did not add up," {last} said. "We asked for the full figures and we are still waiting."',
    '"I have been doing this job for {n} years and I have never seen anything like it," {last} said in an interview.',
    '"If we do nothing, the bill in {year2} will be twice what it is today," {name}, {role}, said on {day}.',
]
REPORTED = [
    "{name}, {role}, said the plan would create about {n2} jobs over five years.",
    "{last} told lawmakers that spending on {topic} had been underestimated by {n} million.",
    "{name} said on {day} that the government had no intention of raising taxes to pay for {topic}.",
    "{last} warned that the deadline could not be met without more staff.",
    "According to {name}, {role}, the first contracts could be signed before {month}.",
    "{last} argued that the opposition had voted for the same measure in {year}.",
]


def long_article(i: int) -> str:
    """A news story of realistic length (about 800 words, as the evaluation's news articles have,
    forty-odd sentences, three speakers)."""
    rng = random.Random(10_000 + i)
    people = []
    while len(people) < 3:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in (p[0] for p in people):
            people.append((name, rng.choice(ROLES)))
    topic = rng.choice(TOPICS)

    def fill(template: str) -> str:
        name, role = rng.choice(people)
        return template.format(
            topic=topic,
            name=name,
            last=name.split()[1],
            role=role,
            n=rng.randint(2, 95),
            n2=rng.randint(100, 9000),
            year=rng.randint(1990, 2022),
            year2=rng.randint(2026, 2040),
            day=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
            month=rng.choice(["March", "June", "September", "December"]),
        )

    lead = f"A row over {topic} deepened this week as {people[0][0]}, {people[0][1]}, and {people[1][0]}, {people[1][1]}, traded accusations over the cost of report {i}."
    paragraphs = [lead]
    for _ in range(29):
        kind = rng.random()
        pool = NARRATIVE if kind < 0.4 else DIRECT if kind < 0.75 else REPORTED
        paragraphs.append(" ".join(fill(rng.choice(pool)) for _ in range(rng.randint(1, 2))))
    body = "\n\n".join(paragraphs)
    return f"date 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\nThe fight over {topic}, report {i}\n\n{body}\n\n(Example Wire Service {2020 + i % 5})\n"
