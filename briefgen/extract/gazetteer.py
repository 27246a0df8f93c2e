"""Built-in names of states, bodies and titles, so extraction works offline."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import ActorKind


@dataclass(frozen=True)
class Entry:
    """A known actor: its id, display name, kind and every way texts name it."""

    id: str
    name: str
    kind: ActorKind
    names: tuple[str, ...]
    """Nouns: the state itself, its capital, common metonyms."""
    adjectives: tuple[str, ...] = ()
    """Demonyms and adjectives: 'Russian', 'North Korean'."""


def _state(slug: str, name: str, names: str, adjectives: str = "") -> Entry:
    nouns = tuple(n.strip() for n in names.split("|") if n.strip())
    adjs = tuple(a.strip() for a in adjectives.split("|") if a.strip())
    return Entry(slug, name, ActorKind.STATE, (name, *nouns), adjs)


STATES: tuple[Entry, ...] = (
    _state(
        "united-states",
        "United States",
        "U.S.|US|USA|U.S.A.|America|Washington|the White House|White House|the Pentagon"
        "|Pentagon|State Department|the State Department",
        "American|U.S.|US",
    ),
    _state("russia", "Russia", "Moscow|the Kremlin|Kremlin|Russian Federation", "Russian"),
    _state("north-korea", "North Korea", "Pyongyang|DPRK", "North Korean"),
    _state("south-korea", "South Korea", "Seoul|Republic of Korea|ROK", "South Korean"),
    _state("ukraine", "Ukraine", "Kyiv|Kiev", "Ukrainian"),
    _state("china", "China", "Beijing|PRC|People's Republic of China", "Chinese"),
    _state("taiwan", "Taiwan", "Taipei", "Taiwanese"),
    _state("japan", "Japan", "Tokyo", "Japanese"),
    _state("philippines", "Philippines", "the Philippines|Manila", "Philippine|Filipino"),
    _state("vietnam", "Vietnam", "Hanoi", "Vietnamese"),
    _state("india", "India", "New Delhi", "Indian"),
    _state("pakistan", "Pakistan", "Islamabad", "Pakistani"),
    _state("afghanistan", "Afghanistan", "Kabul", "Afghan"),
    _state("iran", "Iran", "Tehran", "Iranian"),
    _state("iraq", "Iraq", "Baghdad", "Iraqi"),
    _state("syria", "Syria", "Damascus", "Syrian"),
    _state("israel", "Israel", "Jerusalem", "Israeli"),
    _state("lebanon", "Lebanon", "Beirut", "Lebanese"),
    _state("jordan", "Jordan", "Amman", "Jordanian"),
    _state("egypt", "Egypt", "Cairo", "Egyptian"),
    _state("saudi-arabia", "Saudi Arabia", "Riyadh", "Saudi"),
    _state("yemen", "Yemen", "Sanaa", "Yemeni"),
    _state("qatar", "Qatar", "Doha", "Qatari"),
    _state("turkey", "Turkey", "Türkiye|Ankara", "Turkish"),
    _state("united-kingdom", "United Kingdom", "Britain|UK|U.K.|London", "British"),
    _state("france", "France", "Paris", "French"),
    _state("germany", "Germany", "Berlin", "German"),
    _state("italy", "Italy", "Rome", "Italian"),
    _state("spain", "Spain", "Madrid", "Spanish"),
    _state("poland", "Poland", "Warsaw", "Polish"),
    _state("belarus", "Belarus", "Minsk", "Belarusian"),
    _state("lithuania", "Lithuania", "Vilnius", "Lithuanian"),
    _state("latvia", "Latvia", "Riga", "Latvian"),
    _state("estonia", "Estonia", "Tallinn", "Estonian"),
    _state("finland", "Finland", "Helsinki", "Finnish"),
    _state("sweden", "Sweden", "Stockholm", "Swedish"),
    _state("norway", "Norway", "Oslo", "Norwegian"),
    _state("moldova", "Moldova", "Chisinau", "Moldovan"),
    _state("romania", "Romania", "Bucharest", "Romanian"),
    _state("hungary", "Hungary", "Budapest", "Hungarian"),
    _state("serbia", "Serbia", "Belgrade", "Serbian"),
    _state("georgia", "Georgia", "Tbilisi", "Georgian"),
    _state("armenia", "Armenia", "Yerevan", "Armenian"),
    _state("azerbaijan", "Azerbaijan", "Baku", "Azerbaijani"),
    _state("kazakhstan", "Kazakhstan", "Astana", "Kazakh"),
    _state("sudan", "Sudan", "Khartoum|Port Sudan", "Sudanese"),
    _state("south-sudan", "South Sudan", "Juba", "South Sudanese"),
    _state("ethiopia", "Ethiopia", "Addis Ababa", "Ethiopian"),
    _state("somalia", "Somalia", "Mogadishu", "Somali"),
    _state("libya", "Libya", "Tripoli", "Libyan"),
    _state("mali", "Mali", "Bamako", "Malian"),
    _state("niger", "Niger", "Niamey", "Nigerien"),
    _state("nigeria", "Nigeria", "Abuja", "Nigerian"),
    _state("chad", "Chad", "N'Djamena", "Chadian"),
    _state("burkina-faso", "Burkina Faso", "Ouagadougou", "Burkinabe"),
    _state("dr-congo", "DR Congo", "Democratic Republic of Congo|DRC|Kinshasa", "Congolese"),
    _state("rwanda", "Rwanda", "Kigali", "Rwandan"),
    _state("kenya", "Kenya", "Nairobi", "Kenyan"),
    _state("south-africa", "South Africa", "Pretoria", "South African"),
    _state("venezuela", "Venezuela", "Caracas", "Venezuelan"),
    _state("colombia", "Colombia", "Bogota", "Colombian"),
    _state("brazil", "Brazil", "Brasilia", "Brazilian"),
    _state("mexico", "Mexico", "Mexico City", "Mexican"),
    _state("cuba", "Cuba", "Havana", "Cuban"),
    _state("canada", "Canada", "Ottawa", "Canadian"),
    _state("australia", "Australia", "Canberra", "Australian"),
    _state("myanmar", "Myanmar", "Naypyitaw|Burma", "Myanmar"),
    _state("thailand", "Thailand", "Bangkok", "Thai"),
    _state("indonesia", "Indonesia", "Jakarta", "Indonesian"),
    _state("malaysia", "Malaysia", "Kuala Lumpur", "Malaysian"),
)

BODIES: tuple[Entry, ...] = (
    Entry(
        "nato",
        "NATO",
        ActorKind.ORGANIZATION,
        ("NATO", "the alliance", "The alliance", "North Atlantic Treaty Organization"),
    ),
    Entry(
        "united-nations", "United Nations", ActorKind.ORGANIZATION, ("United Nations", "UN", "U.N.")
    ),
    Entry(
        "european-union",
        "European Union",
        ActorKind.ORGANIZATION,
        ("European Union", "EU", "E.U.", "Brussels"),
    ),
    Entry("iaea", "IAEA", ActorKind.ORGANIZATION, ("IAEA", "International Atomic Energy Agency")),
    Entry("african-union", "African Union", ActorKind.ORGANIZATION, ("African Union", "AU")),
    Entry("asean", "ASEAN", ActorKind.ORGANIZATION, ("ASEAN",)),
    Entry(
        "icrc", "ICRC", ActorKind.ORGANIZATION, ("ICRC", "International Committee of the Red Cross")
    ),
    Entry("hamas", "Hamas", ActorKind.ARMED_GROUP, ("Hamas",)),
    Entry("hezbollah", "Hezbollah", ActorKind.ARMED_GROUP, ("Hezbollah",)),
    Entry("houthis", "Houthis", ActorKind.ARMED_GROUP, ("Houthis", "Houthi", "Ansar Allah")),
    Entry("wagner", "Wagner Group", ActorKind.ARMED_GROUP, ("Wagner", "Wagner Group")),
)

# Title words, longest first when compiled; each maps to a role class used to resolve
# later descriptions ("the top US diplomat" -> whoever holds the foreign-affairs role).
TITLES: dict[str, str] = {
    "Secretary of State": "foreign",
    "Foreign Minister": "foreign",
    "Foreign Secretary": "foreign",
    "Minister of Foreign Affairs": "foreign",
    "Defense Secretary": "defense",
    "Defence Secretary": "defense",
    "Secretary of Defense": "defense",
    "Defense Minister": "defense",
    "Defence Minister": "defense",
    "Minister of Defense": "defense",
    "Minister of Defence": "defense",
    "President": "head-of-state",
    "Vice President": "deputy-head",
    "Prime Minister": "head-of-government",
    "Premier": "head-of-government",
    "Chancellor": "head-of-government",
    "King": "head-of-state",
    "National Security Adviser": "security",
    "National Security Advisor": "security",
    "Interior Minister": "interior",
    "Army Chief": "military",
    "Chief of Staff": "military",
    "Chief of the General Staff": "military",
    "Armed Forces Chief": "military",
    "Commander": "military",
    "General": "military",
    "Gen.": "military",
    "Admiral": "military",
    "Adm.": "military",
    "Colonel": "military",
    "Col.": "military",
    "Ambassador": "envoy",
    "Envoy": "envoy",
    "Special Envoy": "envoy",
    "Secretary-General": "secretary-general",
    "Secretary General": "secretary-general",
    "Spokesperson": "spokesperson",
    "Spokesman": "spokesperson",
    "Spokeswoman": "spokesperson",
    "Foreign Ministry Spokesperson": "spokesperson",
    "Foreign Ministry Spokesman": "spokesperson",
    "Foreign Ministry Spokeswoman": "spokesperson",
    "Kremlin Spokesman": "spokesperson",
    "Pentagon Spokesperson": "spokesperson",
    "Pentagon Spokesman": "spokesperson",
    "Senator": "legislator",
    "Sen.": "legislator",
    "Representative": "legislator",
    "Rep.": "legislator",
    "Governor": "governor",
    "Mayor": "mayor",
    "Coast Guard Spokesperson": "spokesperson",
    "Coast Guard Spokesman": "spokesperson",
    "Army Spokesperson": "spokesperson",
    "Army Spokesman": "spokesperson",
    "Military Spokesperson": "spokesperson",
    "Military Spokesman": "spokesperson",
    "Humanitarian Coordinator": "envoy",
    "Secretary": "minister",
    "Minister": "minister",
}

# Descriptions that name a role without a name, mapped to the role class.
ROLE_NOUNS: dict[str, str] = {
    "diplomat": "foreign",
    "top diplomat": "foreign",
    "chief diplomat": "foreign",
    "secretary of state": "foreign",
    "foreign minister": "foreign",
    "foreign secretary": "foreign",
    "defense secretary": "defense",
    "defence secretary": "defense",
    "secretary of defense": "defense",
    "defense minister": "defense",
    "defence minister": "defense",
    "defense chief": "defense",
    "defence chief": "defense",
    "president": "head-of-state",
    "leader": "head-of-state",
    "prime minister": "head-of-government",
    "premier": "head-of-government",
    "chancellor": "head-of-government",
    "spokesperson": "spokesperson",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "envoy": "envoy",
    "ambassador": "envoy",
    "commander": "military",
    "army chief": "military",
}

# Titles that, with no state named, imply one (US usage).
TITLE_STATES: dict[str, str] = {
    "secretary of state": "united-states",
    "secretary of defense": "united-states",
    "defense secretary": "united-states",
    "pentagon spokesperson": "united-states",
    "pentagon spokesman": "united-states",
    "kremlin spokesman": "russia",
    "national security adviser": "united-states",
}

# Collective nouns that make a state speak: "U.S. officials said", "Russia's defense ministry".
GROUP_NOUNS: tuple[str, ...] = (
    "officials",
    "official",
    "authorities",
    "government",
    "administration",
    "defense ministry",
    "defence ministry",
    "foreign ministry",
    "ministry of defense",
    "ministry",
    "military",
    "army",
    "navy",
    "coast guard",
    "armed forces",
    "general staff",
    "intelligence",
    "military intelligence",
    "diplomats",
    "embassy",
    "mission",
    "presidency",
    "leadership",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "command",
    "sources",
    "security sources",
    "military sources",
)
