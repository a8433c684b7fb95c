"""Articles written for the tests (never copied from the evaluation data)."""

from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "demo" / "articles"

PLAIN_ARTICLE = """date 2022-01-11
Mayor pledges new bridge for Riverton

RIVERTON, Jan. 11 - Mayor Lucia Ferrante promised on Monday to build a second bridge over the Riverton canal by 2026.

"The old bridge carries three times the traffic it was built for," Ferrante said. "We cannot wait any longer."

Councillor Peter Haas said the city could not afford the project without help from the regional government.

(Riverton Gazette Ltd 2022)
"""

CYRILLIC_ARTICLE = """Мэр города пообещал построить новый мост через канал к 2026 году.

«Старый мост несёт втрое больше машин, чем был рассчитан», — сказал мэр на встрече с жителями.

Депутат городского совета заявил, что у города нет денег на этот проект.
"""

LATIN1_ARTICLE = """La ministre de la Santé a annoncé lundi l'ouverture de douze hôpitaux régionaux.

"Nous avons trop attendu, et les patients ont payé le prix", a déclaré la ministre à Genève.

Selon le syndicat des médecins, près de 3 000 postes restent vacants dans le pays.
"""

NO_ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Log in</title></head>
<body><form action="/login"><input name="user"><input type="password" name="pw"><button>Go</button></form>
</body></html>"""
