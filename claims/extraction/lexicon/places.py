"""Countries, and the bodies of states, that speak as organisations: "Russia said", "the United
States said", "NATO said". Lower-case; matched against a whole name ("the" aside). Names that are
as often a person's (Jordan, Chad, Georgia) are left out: "Jordan said" stays a person, whom the
resolver can give a full name."""

COUNTRIES = frozenset(
    """
    afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
    bulgaria burkina burundi cambodia cameroon canada chile china colombia comoros congo croatia cuba
    cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland
    france gabon gambia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland
    india indonesia iran iraq ireland israel italy jamaica japan kazakhstan kenya kiribati kosovo kuwait
    kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar
    malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia
    montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway
    oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia
    rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
    switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu
    uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
    britain england scotland wales america
    """.split()
) | frozenset(
    (
        "united states",
        "united states of america",
        "us",
        "u.s.",
        "u.s",
        "usa",
        "united kingdom",
        "uk",
        "u.k.",
        "u.k",
        "great britain",
        "north korea",
        "south korea",
        "south africa",
        "south sudan",
        "new zealand",
        "saudi arabia",
        "sri lanka",
        "costa rica",
        "el salvador",
        "ivory coast",
        "czech republic",
        "dominican republic",
        "united arab emirates",
        "uae",
        "papua new guinea",
        "sierra leone",
        "east timor",
        "north macedonia",
        "san marino",
        "vatican",
        "holy see",
        "european union",
        "eu",
        "nato",
        "united nations",
        "un",
        "u.n",
        "u.n.",
        "african union",
        "opec",
        "g7",
        "g20",
    )
)


# The states of the United States, for telling a place glued before a name from the name
# ("Vermont Ada Quill"); never read as a speaker.
US_STATES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming
    """.split()
)
