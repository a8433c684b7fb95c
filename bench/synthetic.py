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
