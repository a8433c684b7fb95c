"""Transcripts written for the project, one in each format the reader takes: a council meeting in
WebVTT, a debate in SubRip, a hearing in plain text with `NAME:` turns, and a speech with the
speaker's name above the paragraphs."""

COUNCIL_VTT = """WEBVTT
Kind: captions

NOTE Riverton city council, 2 May 2024.

1
00:00:01.000 --> 00:00:05.500
<v.moderator Ana Ruiz>Good evening, and welcome to the Riverton city council.

2
00:00:05.500 --> 00:00:09.000
<v.moderator Ana Ruiz>Mayor Tovar, did the harbour tolls rise last year?

3
00:00:10.000 --> 00:00:16.250
<v Rafael Tovar (Riverton City Council)>Thank you, Ana. We cut the harbour tolls by 40 percent in 2023.

4
00:00:16.250 --> 00:00:24.000
<v Rafael Tovar (Riverton City Council)>I never said that the ferry service would be closed.

5
00:00:24.000 --> 00:00:26.000
(APPLAUSE)

6
00:00:26.000 --> 00:00:33.000
<v Ada Quill>The harbour board told me, "Ferry fares will double by 2026." That would hurt 5,000 commuters.

7
00:00:33.000 --> 00:00:36.000
<v Rafael Tovar (Riverton City Council)>[CROSSTALK] That is simply not how the fares work.
"""

DEBATE_SRT = """1
00:01:02,000 --> 00:01:06,000
>> RUIZ: Ms. Quill, how many ferries run today?

2
00:01:06,500 --> 00:01:12,000
>> QUILL: Only 3 ferries run today, down from 7 in 2019.

3
00:01:12,000 --> 00:01:18,000
The harbour budget fell by $4 million under this mayor.

4
00:01:18,500 --> 00:01:24,000
>> MAYOR TOVAR: The harbour budget grew by 12 percent since 2020.

5
00:01:24,000 --> 00:01:27,000
>> RUIZ: Mayor, will the tolls rise again next year?

6
00:01:27,500 --> 00:01:30,000
>> (CROSSTALK)
"""

HEARING_TXT = """Harbour committee hearing on ferry safety
date 2024-03-14
Moderator: Lena Brandt

BRANDT: The committee will come to order. Mr. Osei, how many inspections did the authority carry out in 2023?

MR. OSEI: The authority carried out 212 inspections in 2023, twice as many as in 2021.

BRANDT: Thank you. What did the inspectors find?

MR. OSEI: Inspectors found faults on 14 of the 31 ferries in the fleet. We replaced the lifeboats on every ferry by March.

SEN. HALE (HARBOUR COMMITTEE): Mr. Osei, your own report says "the fleet is unsafe in winter storms." The ferry company spent $2 million on lobbying last year.
"""

SPEECH_TXT = """RAFAEL TOVAR
The new bridge will open in 2026 and carry 30,000 cars a day.

It cost the city $80 million, less than half of the ferry subsidy over ten years.

ADA QUILL
The bridge budget rose by 60 percent after the contract was signed.
"""
