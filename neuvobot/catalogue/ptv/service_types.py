"""Pick the catalogue service type for a PTV service from its classes, terms and words.

PTV's service classes and ontology terms are matched by their *names* (fi/sv/en), which
the export carries, so no code list has to be copied here. When they say nothing about
families' services, the service's own name, keywords and summary are used: that is a guess,
and the converter says so in the entry's comment for the editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from neuvobot.catalogue.ptv.records import PtvService, Texts

# type id -> (word parts that point to it, word parts that rule it out). Parts are matched
# inside lowercased text, so Finnish compounds match (`perheneuvo` in `perheneuvolapalvelut`).
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "maternity_clinic": (
        ("äitiysneuvol", "äitiysneuvon", "mödrarådgivning", "maternity clinic", "antenatal"),
        (),
    ),
    "child_health_clinic": (
        ("lastenneuvol", "lastenneuvon", "barnrådgivning", "child health clinic"),
        (),
    ),
    "clinic_nurse_chat": (("neuvolachat", "neuvolan chat", "neuvola-chat"), ()),
    "family_counselling": (
        (
            "perheneuvo",
            "kasvatusneuvo",
            "kasvatus- ja perheneuvo",
            "familjerådgivning",
            "uppfostrings- och familjerådgivning",
            "family counselling",
            "family guidance",
        ),
        (),
    ),
    "family_work": (("perhetyö", "familjearbete", "family work"), ("nuorisotyö",)),
    "home_help": (
        ("kotipalvelu", "hemservice", "home help", "home service"),
        ("ikäänty", "vanhus", "äldre", "elderly"),
    ),
    "family_social_work": (
        (
            "lapsiperheiden sosiaali",
            "sosiaaliohjau",
            "perhesosiaalityö",
            "socialt arbete",
            "socialhandledning",
            "social work",
            "social guidance",
        ),
        (
            "lastensuojelu",
            "barnskydd",
            "child protection",
            "päivystys",
            "socialjour",
            "school",
            "koulu",
            "skol",
        ),
    ),
    "child_protection": (
        ("lastensuojelu", "barnskydd", "child protection", "child welfare"),
        ("jälkihuol", "eftervård", "aftercare", "after-care"),
    ),
    "emergency_social_services": (
        ("sosiaalipäivystys", "socialjour", "emergency social"),
        (),
    ),
    "early_childhood_education": (
        (
            "varhaiskasvatu",
            "päivähoi",
            "päiväkoti",
            "esiopetu",
            "småbarnspedagogik",
            "dagvård",
            "daghem",
            "förskoleundervisning",
            "early childhood",
            "day care",
            "daycare",
            "pre-primary",
            "preschool",
        ),
        (),
    ),
    "school_welfare": (
        (
            "opiskeluhuol",
            "oppilashuol",
            "kuraattori",
            "koulupsykolog",
            "elevvård",
            "kurator",
            "skolpsykolog",
            "school social worker",
            "school psycholog",
            "pupil welfare",
            "student welfare",
        ),
        (),
    ),
    "school_health": (
        ("kouluterveydenhuol", "kouluterveydenhoita", "skolhälsovård", "school health"),
        (),
    ),
    "speech_therapy": (("puheterap", "talterapi", "speech therap"), ()),
    "child_psychiatry": (
        (
            "lastenpsykiatr",
            "nuorisopsykiatr",
            "lasten- ja nuorisopsykiatr",
            "barnpsykiatri",
            "ungdomspsykiatri",
            "child psychiatr",
            "adolescent psychiatr",
        ),
        (),
    ),
    "youth_mental_health": (
        (
            "nuorten mielenterve",
            "nuorten päihde",
            "mentalvård för unga",
            "mentalvårds- och missbrukartjänster för unga",
            "youth mental",
            "young people's mental",
        ),
        (),
    ),
    "adult_mental_health": (
        (
            "aikuisten mielenterve",
            "mielenterveyspalvelut aikuisille",
            "synnytyksen jälkeinen masennus",
            "mentalvårdstjänster för vuxna",
            "psykisk hälsa för vuxna",
            "adult mental health",
            "postnatal depression",
        ),
        (),
    ),
    "substance_abuse_services": (
        ("päihdepalvel", "päihdehuol", "a-klinik", "missbruk", "substance abuse", "addiction"),
        ("nuorten", "nuorille", "för unga", "youth", "young people"),
    ),
    "divorce_support": (
        ("eroauttam", "erotilante", "eroneuvo", "skilsmässa", "divorce", "separation support"),
        ("sovittel", "medling", "mediation"),
    ),
    "family_mediation": (
        ("perheasioiden sovittel", "familjemedling", "family mediation"),
        (),
    ),
    "child_supervisor": (
        ("lastenvalvo", "barnatillsyningsman", "child supervisor"),
        (),
    ),
    "domestic_violence": (
        ("lähisuhdeväkival", "perheväkival", "väkivaltatyö", "våld i nära", "domestic violence"),
        ("turvakoti", "skyddshem"),
    ),
    "shelter": (("turvakoti", "skyddshem", "shelter"), ()),
    "crisis_help": (("kriisi", "krishjälp", "kriscent", "crisis"), ("sosiaalipäivystys",)),
    "open_meeting_place": (
        (
            "perhekahvil",
            "kohtaamispaik",
            "perhekeskuksen kohtaamis",
            "familjecafé",
            "mötesplats",
            "family café",
            "family cafe",
            "meeting place",
        ),
        (),
    ),
    "library_family_services": (("kirjasto", "bibliotek", "library"), ()),
    "paediatrician": (
        ("lastenlääkä", "barnläkare", "paediatrician", "pediatrician"),
        (),
    ),
    "health_centre": (
        (
            "terveysasem",
            "terveyskesku",
            "hälsostation",
            "hälsocentral",
            "health centre",
            "health center",
            "health station",
        ),
        ("päivystys", "jour", "emergency"),
    ),
    "emergency_care": (
        (
            "päivystys",
            "116117",
            "jourmottagning",
            "jourhjälp",
            "emergency care",
            "emergency department",
            "emergency clinic",
        ),
        ("sosiaalipäivystys", "socialjour", "emergency social", "hammas", "tand", "dental"),
    ),
    "emergency_number": (("hätänumero", "hätäkeskus", "nödnumr", "emergency number"), ()),
    "poison_information": (("myrkytystieto", "giftinformation", "poison information"), ()),
    "child_helpline": (
        ("lasten ja nuorten puhelin", "barn- och ungdomstelefon", "child helpline"),
        (),
    ),
    "parent_helpline": (("vanhempainpuhelin", "föräldratelefon", "parents' helpline"), ()),
    "parenting_support": (
        (
            "vanhemmuu",
            "vertaisryhm",
            "vertaistu",
            "föräldraskap",
            "kamratgrupp",
            "parenting",
            "peer support",
        ),
        (),
    ),
    "breastfeeding_support": (("imetys", "amning", "breastfeed"), ()),
    "child_dental_care": (
        (
            "suun terveydenhoi",
            "suun terveydenhuol",
            "hammashoi",
            "hammaslääk",
            "munhälsovård",
            "tandvård",
            "dental",
            "oral health",
        ),
        (),
    ),
    "disability_services": (
        ("vammaispalvel", "vammais", "kehitysvamm", "handikapp", "funktionshind", "disabilit"),
        (),
    ),
    "youth_work": (
        (
            "nuorisotyö",
            "nuorisotalo",
            "nuorisotila",
            "ungdomsarbete",
            "ungdomsgård",
            "youth work",
            "youth centre",
            "youth center",
        ),
        ("mielenterve", "päihde"),
    ),
    "immigrant_family_services": (
        ("maahanmuut", "kotoutu", "invandrar", "integration", "immigrant"),
        (),
    ),
    "kela_family_benefits": (
        (
            "lapsilisä",
            "lapsiperhe-etuu",
            "förmåner för barnfamiljer",
            "family benefits",
            "vanhempainpäivära",
            "vanhempainraha",
            "äitiysavustus",
            "äitiyspakkaus",
            "kotihoidon tuki",
            "barnbidrag",
            "föräldrapenning",
            "moderskapsunderstöd",
            "child benefit",
            "parental allowance",
            "maternity package",
            "maternity grant",
        ),
        (),
    ),
    "foster_care": (
        ("sijaishuol", "perhehoi", "sijaisperhe", "familjevård", "fosterfamilj", "foster"),
        (),
    ),
    "aftercare": (("jälkihuol", "eftervård", "aftercare", "after-care"), ()),
}

# Where a word was found, and how much that counts.
_SOURCES = (
    ("service class", 4.0),
    ("ontology term", 3.0),
    ("name", 3.0),
    ("keywords", 1.0),
    ("summary", 1.0),
)
# A type needs at least this much evidence; one keyword or summary hit is not enough alone
# unless nothing else competes (then it still needs the name or a class to agree).
MIN_SCORE = 2.0


@dataclass(frozen=True)
class TypeChoice:
    type_id: str
    reason: str  # for the editor: where the type came from
    guessed: bool  # True when no PTV class or term pointed to it


def _matches(type_id: str, text: str) -> str | None:
    parts, unless = RULES[type_id]
    text = text.lower()
    if any(u in text for u in unless):
        return None
    return next((p for p in parts if p in text), None)


def _texts_of(service: PtvService) -> dict[str, list[str]]:
    def names(values: list[Texts]) -> list[str]:
        return [v for t in values for v in t.values()]

    return {
        "service class": names([c.names for c in service.service_classes]),
        "ontology term": names([t.names for t in service.ontology_terms]),
        "name": names([service.names]),
        "keywords": [w for words in service.keywords.values() for w in words],
        "summary": names([service.summaries]),
    }


def choose_type(service: PtvService) -> TypeChoice | None:
    """The best-supported type, or None when the words point nowhere (or are too thin)."""
    texts = _texts_of(service)
    best: tuple[float, float, str, str] | None = None
    for type_id in RULES:
        score = 0.0
        strongest = 0.0
        reason = ""
        for source, weight in _SOURCES:
            for text in texts[source]:
                part = _matches(type_id, text)
                if part:
                    score += weight
                    if weight > strongest:
                        strongest, reason = weight, f"{source} {text!r}"
                    break
        if score and (best is None or (score, strongest) > best[:2]):
            best = (score, strongest, type_id, reason)
    if best is None or best[0] < MIN_SCORE:
        return None
    score, _strongest, type_id, reason = best
    guessed = not reason.startswith(("service class", "ontology term"))
    return TypeChoice(type_id, reason, guessed)
