"""A fact-by-fact audit of the two pamphlets against the built handbook.

Each fact of ../shared/reference (the Aalborg pamphlet on one-to-one mentoring for
leaders, »AAL«, and the KL/DJØF pamphlet on group mentoring, »KL«) is listed with
where a reader must find it and the words that carry it. The real site is built once
for the module; a fact fails when its words are gone from that place. The words are
our own Danish, never the pamphlets' sentences.

Places: a page under site/ (`programmer/gruppementor/roller/`), a booklet (`pdf:…`) or
a document (`docx:…`). All checks ignore case and line breaks.
"""

from __future__ import annotations

import re
import zipfile
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

ML = "programmer/mentorordning-ledere"
GM = "programmer/gruppementor"
HOLD1 = f"{GM}/forloeb/2027-lederaspiranter-1"


class Fact(NamedTuple):
    """One fact of a pamphlet, where it must be, and the words that carry it."""

    id: str
    fact: str
    where: str
    words: tuple[str, ...]


def f(id: str, fact: str, where: str, *words: str) -> Fact:
    return Fact(id, fact, where, words)


AALBORG = [
    f("AAL-01", "tovholderne kan kontaktes om spørgsmål og problemer", f"{ML}/tovholdere/", "hjælpe", "problemer"),
    f("AAL-02", "ordningen hører under indsatsområdet Læringsrum for ledere", f"{ML}/", "læringsrum for ledere"),
    f(
        "AAL-03",
        "indsatsen er en del af den samlede ledelsesudviklingsstrategi",
        f"{ML}/",
        "strategi for ledelsesudvikling",
    ),
    f("AAL-04", "formålet er at gøre det fælles ledelsesgrundlag til praksis", f"{ML}/", "ledelsesgrundlag"),
    f("AAL-05", "parrene er sammensat på tværs af organisationen", f"{ML}/", "forskellige forvaltninger"),
    f("AAL-06", "mentorskab: hjælp til indsigt, personligt og fagligt", f"{ML}/", "personligt såvel som fagligt"),
    f("AAL-07", "respekt, tillid, samtale og lytning bærer mentorskabet", f"{ML}/", "respekt, tillid", "lytte"),
    f("AAL-08", "relationen er gensidig, og begge skal have udbytte", f"{ML}/", "give noget til begge parter"),
    f(
        "AAL-09",
        "mentee søger en mere erfaren kollega, som kan udfordre og inspirere",
        f"{ML}/roller/",
        "mere erfaren kollega",
        "udfordret",
    ),
    f(
        "AAL-10",
        "mentee vil lære om sig selv, lederrollen, konteksten og udfordringerne",
        f"{ML}/roller/",
        "sin rolle som leder",
        "rammer",
        "udfordringer",
    ),
    f("AAL-11", "mentee bærer hovedansvaret for sin læring", f"{ML}/roller/", "hovedansvaret for sin læring"),
    f("AAL-12", "mentor bærer organisationens kultur og værdier", f"{ML}/roller/", "værdier", "kultur"),
    f(
        "AAL-13",
        "mentor er et forbillede, der deler viden og tanker",
        f"{ML}/roller/",
        "forbillede",
        "viden og sine tanker",
    ),
    f("AAL-14", "samtalen har fokus på mentees læring", f"{ML}/roller/", "mentees læring"),
    f(
        "AAL-15",
        "mentor bruger egne erfaringer til at tydeliggøre læringspunkter",
        f"{ML}/roller/",
        "læringspunkter tydelige",
    ),
    f("AAL-16", "mentor holder et spejl op", f"{ML}/roller/", "spejl"),
    f("AAL-17", "mentors egen vurdering af mentee spiller ingen rolle", f"{ML}/roller/", "dømmer ikke"),
    f("AAL-18", "mentor fokuserer på mentees potentiale og muligheder", f"{ML}/roller/", "muligheder og potentiale"),
    f(
        "AAL-19",
        "samtalen skaber læring – ikke overtalelse, information, konfrontation eller afhøring",
        f"{ML}/roller/",
        "overtale, informere, konfrontere eller afhøre",
    ),
    f(
        "AAL-20",
        "samtalen er ligeværdig trods forskelle i alder, uddannelse og erfaring",
        f"{ML}/roller/",
        "øjenhøjde",
        "alder, uddannelse og erfaring",
    ),
    f(
        "AAL-21",
        "mentees forventninger (tolv)",
        f"{ML}/roller/",
        "blive hørt",
        "blive udfordret",
        "tillid",
        "tale frit om alle emner",
        "fortrolighed",
        "eksempler fra praksis",
        "egne fejl",
        "egne reaktioner",
        "vejledning",
        "støtte og opmuntring",
        "tro på egne evner",
        "karriere",
    ),
    f(
        "AAL-22",
        "mentees forpligtelser (otte)",
        f"{ML}/roller/",
        "engageret",
        "sætte tid af til møderne",
        "foregår hele tiden",
        "at lytte",
        "sine udfordringer",
        "lade sig udfordre",
        "hvad der virker i samarbejdet",
        "kontrakt, dagsorden og løbende evaluering",
    ),
    f(
        "AAL-23",
        "mentors forventninger (ti)",
        f"{ML}/roller/",
        "bedre kommunikation",
        "udfordringer",
        "hjælpe andre",
        "glæden",
        "måde at lede på",
        "kendskab til kommunen",
        "nye vinkler",
        "nye ideer",
        "forståelse for andre mennesker",
        "evner som leder",
    ),
    f(
        "AAL-24",
        "mentors forudsætninger og forpligtelser (ni)",
        f"{ML}/roller/",
        "lytter godt",
        "tale med mennesker",
        "skabe relationer",
        "egen adfærd",
        "sætte sig i andres sted",
        "erfaring med ledelse",
        "lyst til at lære",
        "tid af til møderne og til at reflektere",
    ),
    f("AAL-25", "mentor holder sig selv i baggrunden", f"{ML}/moedeguide/", "træder mentor et skridt tilbage"),
    f(
        "AAL-26",
        "parterne skal kende hinandens forventninger og enes om samarbejdsformen",
        f"{ML}/kontrakt/",
        "forventninger igennem",
        "hvordan i vil arbejde sammen",
    ),
    f(
        "AAL-27",
        "en kontrakt eller et arbejdsgrundlag ved starten giver retning og form",
        f"{ML}/kontrakt/",
        "arbejdsgrundlag",
        "retning og form",
    ),
    f("AAL-28", "kontrakten rummer mål og vilkår", f"{ML}/kontrakt/", "mål", "vilkår"),
    f(
        "AAL-29",
        "målene: hvilke, hvornår er de nået, hvad er der brug for hjælp til",
        f"{ML}/kontrakt/",
        "opnå",
        "nået i mål",
        "brug for hjælp",
    ),
    f(
        "AAL-30",
        "vilkårene: hyppighed, aflysninger, dagsorden, evaluering",
        f"{ML}/kontrakt/",
        "hvor ofte vi mødes",
        "aflysninger",
        "dagsorden",
        "evaluering",
    ),
    f(
        "AAL-31",
        "mentees spørgsmål før mødet (tre)",
        f"{ML}/moedeguide/",
        "sidste møde",
        "det mål, vi talte om sidst",
        "lykkedes",
    ),
    f(
        "AAL-32",
        "mentees spørgsmål ved afslutningen, i dialog med mentor (tre)",
        f"{ML}/moedeguide/",
        "sammen med mentor",
        "mest gavn",
        "mentor gøre mere af",
        "næste gang",
    ),
    f("AAL-33", "mentors spørgsmål før mødet", f"{ML}/moedeguide/", "sidste gang, vi mødtes"),
    f(
        "AAL-34",
        "mentors spørgsmål ved afslutningen, alene, med mentee eller egen mentor (tre)",
        f"{ML}/moedeguide/",
        "din egen mentor",
        "interesse og energi",
        "læringspunkter",
        "lært mig om mig selv",
    ),
    f("AAL-35", "en logbog anbefales", f"{ML}/moedeguide/", "logbog"),
    f(
        "AAL-36",
        "det gode møde begynder med mentees forberedelse",
        f"{ML}/moedeguide/",
        "begynder, før i sætter jer sammen",
        "mentee forbereder sig",
    ),
    f(
        "AAL-37",
        "dagsordenen (seks punkter)",
        f"{ML}/moedeguide/",
        "siden sidst",
        "hvad mødet skal bruges til",
        "mentees perspektiv",
        "mulige handlinger",
        "opsummering",
        "næste møde aftales",
    ),
    f(
        "AAL-38",
        "den, der arbejder, lærer: lytte og åbne spørgsmål frem for at løse",
        f"{ML}/moedeguide/",
        "den, der arbejder, lærer",
        "lytter og spørger åbent",
    ),
    f(
        "AAL-39",
        "mentor instruerer aldrig; råd af og til, men sparring, vejledning og coaching først",
        f"{ML}/moedeguide/",
        "instruerer aldrig",
        "en gang imellem",
        "sparre, vejlede eller coache",
    ),
    f("AAL-40", "de fire læringssprog", f"{ML}/laeringssprog/", "instruktion", "rådgivning", "vejledning", "coaching"),
    f(
        "AAL-41",
        "læringssprogene: hvad mentor siger",
        f"{ML}/laeringssprog/",
        "først gør du det her",
        "hvis jeg stod i din situation",
        "flere veje",
        "hvilke muligheder kan du selv se",
    ),
    f(
        "AAL-42",
        "styring og ansvar fra maksimal til ingen",
        f"{ML}/laeringssprog/",
        "styrer det hele",
        "styrer kun meget lidt",
        "styrer ikke og har intet ansvar",
    ),
    f(
        "AAL-43",
        "mentees ejerskab fra intet til alt",
        f"{ML}/laeringssprog/",
        "ejer ikke handlingen",
        "hele ansvaret for handlingen",
    ),
    f(
        "AAL-44",
        "møderne varer sædvanligvis en til to timer, og parret finder længden",
        f"{ML}/moedeguide/",
        "en til to timer",
        "finder selv den længde",
    ),
    f(
        "AAL-45",
        "tættere møder i starten: lære hinanden at kende og akutte behov",
        f"{ML}/moedeguide/",
        "tæt i starten",
        "lære hinanden at kende",
        "trænger sig på",
    ),
    f("AAL-46", "senere fx hver femte til sjette uge", f"{ML}/moedeguide/", "hver femte til sjette uge"),
    f(
        "AAL-47",
        "tovholderne er bindeleddet og har ansvar for rammer og vilkår",
        f"{ML}/tovholdere/",
        "mellem deltagerne og kommunen",
        "rammer og vilkår",
    ),
    f("AAL-48", "tovholderne matcher parrene", f"{ML}/tovholdere/", "danner parrene"),
    f(
        "AAL-49",
        "tovholderne holder opstartsseminar med information og inspiration",
        f"{ML}/tovholdere/",
        "opstartsseminar",
        "inspiration",
    ),
    f(
        "AAL-50",
        "tovholderne kan holde faglige inspirationsmøder for mentorerne",
        f"{ML}/tovholdere/",
        "inspirationsmøder",
    ),
    f(
        "AAL-51",
        "tavshedspligt for begge under og efter forløbet",
        f"{ML}/fortrolighed/",
        "tavshedspligt",
        "når det er slut",
    ),
    f(
        "AAL-52",
        "den nærmeste leder er ikke part, men forholdet er særligt",
        f"{ML}/fortrolighed/",
        "uden for mentorrelationen",
        "trekant",
    ),
    f(
        "AAL-53",
        "mentor kontakter aldrig mentees leder",
        f"{ML}/fortrolighed/",
        "aldrig selv kontakt til mentees leder",
    ),
    f("AAL-54", "mentees leder spørger aldrig mentor", f"{ML}/fortrolighed/", "spørger aldrig mentor"),
    f("AAL-55", "pjecen krediteres med titel og udgiver", "om-haandbogen/", "mentorskab for ledere", "aalborg kommune"),
    f(
        "AAL-56",
        "mentee-hæftet har rollen og tavshedspligten",
        f"pdf:{ML}/haefte-mentee-mentorordning-ledere.pdf",
        "mentee",
        "tavshedspligt",
    ),
    f(
        "AAL-57",
        "kontrakten kan hentes med mål og vilkår",
        f"docx:{ML}/kontrakt-mentorordning-ledere.docx",
        "mål med forløbet",
        "vilkår for samarbejdet",
        "tavshedspligt",
    ),
]

KL = [
    f("KL-01", "projekt mellem KL og DJØF om mentor- og netværksmodeller", "om-haandbogen/", "kl og djøf"),
    f(
        "KL-02",
        "fire afprøvede modeller",
        "modeller/",
        "én til én-mentorordning",
        "gruppementorordning",
        "digitalt netværk",
        "fysisk netværk",
    ),
    f(
        "KL-03",
        "netværkenes proceskonsulent er løst eller fast tilknyttet",
        "modeller/",
        "løst tilknyttet",
        "fast proceskonsulent",
    ),
    f("KL-04", "én mentor for en gruppe mentees", f"{GM}/", "én mentor en hel gruppe mentees"),
    f("KL-05", "mange af fordelene med færre ressourcer", f"{GM}/", "flere deltagere end i en én til én-mentorordning"),
    f("KL-06", "kobling af lærende netværk og mentorskab", f"{GM}/", "lille netværk", "klassisk mentorskab"),
    f(
        "KL-07",
        "flere perspektiver, mens fortrolighed og den enkeltes afklaring bevares",
        f"{GM}/",
        "flere perspektiver",
        "den enkeltes afklaring",
    ),
    f(
        "KL-08",
        "afprøvet i tre hold à seks mentees og én mentor; to faldt fra",
        f"{GM}/resultater/",
        "tre hold",
        "seks mentees",
        "to deltagere faldt fra",
    ),
    f("KL-09", "deltagerne fra samme organisation, forskellige afdelinger", f"{GM}/metode/", "forskellige afdelinger"),
    f("KL-10", "fire måneder, fire møder à tre timer", f"{GM}/metode/", "fire gruppemøder à tre timer", "fire måneder"),
    f("KL-11", "ét hold af kvindelige ledere mod topledelse", f"{GM}/varianter/", "kvindelige ledere", "topledelse"),
    f(
        "KL-12",
        "to hold lederaspiranter (projektledere, konsulenter) mod mellemleder",
        f"{GM}/varianter/",
        "projektledere, konsulenter",
        "mellemleder",
    ),
    f(
        "KL-13",
        "introduktionsfasen: kommissorium, rekruttering, mentorernes udvikling og planlægning, praksis",
        f"{GM}/metode/",
        "kommissorium",
        "rekrutteres",
        "klædes på",
        "praksis for hver gruppe",
    ),
    f(
        "KL-14",
        "mentees mellem møderne: forberedelse og opgave til mentor",
        f"{GM}/metode/",
        "forbereder sig til hvert møde",
        "sender den til mentor",
    ),
    f(
        "KL-15",
        "mentorerne mellem møderne: evaluering, forberedelse, individuel forberedelse",
        f"{GM}/metode/",
        "evaluerer",
        "planlægger næste gruppemøde",
        "modtager og læser",
    ),
    f(
        "KL-16",
        "overordnede succeskriterier (fire)",
        f"{GM}/resultater/",
        "akademiske medarbejdere",
        "kompetencerne hos kommunalt ansatte",
        "én erfaren mentor til en hel gruppe",
        "rækker længere",
    ),
    f(
        "KL-17",
        "kommunens succeskriterier (tre)",
        f"{GM}/resultater/",
        "flere kvinder til topledelse",
        "flere kvalificerede lederkandidater",
        "nyt redskab til at rekruttere og udvikle ledere",
    ),
    f("KL-18", "mentorerne håndplukkes af HR", f"{GM}/metode/", "udvælger mentorerne", "spørger dem personligt"),
    f(
        "KL-19",
        "direktørerne udpeger én mand og én kvinde hver; HR giver besked",
        f"{GM}/metode/",
        "direktørerne udpeger",
        "én kvinde og én mand",
        "giver derefter de udpegede besked",
    ),
    f("KL-20", "rekrutteringen begrundes i ledelsesstrategien", f"{GM}/metode/", "ledelsesstrategi"),
    f(
        "KL-21",
        "mentees lover at blive mentor senere; møder uden for arbejdstid; skriftlig forberedelse",
        f"{GM}/metode/",
        "mentor i et senere forløb",
        "uden for arbejdstiden",
        "skriftlig forberedelse",
    ),
    f("KL-22", "mentorerne får et halvdagsseminar om praktik og rolle", f"{GM}/metode/", "en halv dag", "mentorrollen"),
    f(
        "KL-23",
        "tag afsæt i strategisk vigtige behov – især i en pilotfase",
        f"{GM}/opmaerksomhed/",
        "strategisk vigtigt",
        "pilotfase",
    ),
    f(
        "KL-24",
        "mentor må aldrig være direkte leder for sine mentees",
        f"{GM}/opmaerksomhed/",
        "aldrig være direkte leder",
    ),
    f(
        "KL-25",
        "organisationen skal være stor nok; mindre går sammen med andre",
        f"{GM}/opmaerksomhed/",
        "stor nok",
        "gå sammen med andre",
    ),
    f(
        "KL-26",
        "flere grupper samtidig, så mentorerne kan sparre",
        f"{GM}/opmaerksomhed/",
        "flere grupper løbe parallelt",
    ),
    f("KL-27", "overvej kønsopdelte hold", f"{GM}/opmaerksomhed/", "kun ét køn"),
    f(
        "KL-28",
        "organisationen udpeger deltagerne, det styrker motivationen",
        f"{GM}/opmaerksomhed/",
        "udpege deltagerne",
        "motivationen",
    ),
    f(
        "KL-29",
        "cirka en måned mellem møderne, lige efter arbejdstid",
        f"{GM}/moedeguide/",
        "én gang om måneden",
        "lige efter arbejdstid",
    ),
    f(
        "KL-30",
        "åbenhed fra første møde, plads til personlige overvejelser",
        f"{GM}/resultater/",
        "allerede på første møde",
        "balancen mellem arbejde og fritid",
    ),
    f(
        "KL-31",
        "mentorerne holder evalueringsmøde lige efter og planlægningsmøde før næste",
        f"{GM}/metode/",
        "lige efter hvert gruppemøde",
        "før næste gruppemøde",
    ),
    f(
        "KL-32",
        "planlægningsmødet: potentialet og den konkrete mentorrolle",
        f"{GM}/metode/",
        "potentiale frem",
        "udfylder mentorrollen",
    ),
    f(
        "KL-33",
        "en opgave med refleksionsspørgsmål efter hvert møde, afleveres før næste",
        f"{GM}/metode/",
        "efter hvert møde får mentees en opgave",
        "refleksionsspørgsmål",
    ),
    f("KL-34", "højtplacerede ledere: få åbne spørgsmål", f"{GM}/opmaerksomhed/", "få åbne spørgsmål"),
    f(
        "KL-35",
        "lederaspiranterne sendte svar tre dage før hvert møde",
        f"{GM}/metode/",
        "tre dage før hvert møde",
        "tre dage før næste møde",
    ),
    f(
        "KL-36",
        "eksempelopgaven nævner to dage – det gælder kun den opgave",
        f"{GM}/metode/",
        "to dage",
        "den ene opgave",
    ),
    f(
        "KL-37",
        "en til tre timers forberedelse, mest for aspiranterne",
        f"{GM}/varianter/",
        "en til tre timer",
        "lederaspiranterne mest",
    ),
    f("KL-38", "aspiranterne fandt den skriftlige refleksion central", f"{GM}/varianter/", "afgørende for udbyttet"),
    f(
        "KL-39",
        "besvarelser kan deles i gruppen, så man kan forberede spørgsmål til hinanden",
        f"{GM}/metode/",
        "dele sin besvarelse med de andre",
        "spørgsmål til dem",
    ),
    f(
        "KL-40",
        "besvarelserne gennemgås ikke, men er afsæt for samtalen og mentors forberedelse",
        f"{GM}/metode/",
        "gennemgås ikke",
        "afsæt for samtalen",
    ),
    f(
        "KL-41",
        "eksempelopgave: den gode leder, visionen om et lederjob, et spørgsmål til mentor",
        f"{GM}/metode/",
        "god leder",
        "ønskejob",
        "stille mentor et spørgsmål",
    ),
    f(
        "KL-42",
        "højst 1–2 A4-sider pr. mail, fortroligt",
        f"{GM}/metode/",
        "1–2 a4-sider",
        "pr. mail til mentor",
        "fortrolige",
    ),
    f(
        "KL-43",
        "mentoropgaven er større end ventet; klæd mentorerne på",
        f"{GM}/opmaerksomhed/",
        "mere tid og flere kræfter",
        "klæd mentorerne godt på",
    ),
    f("KL-44", "klare opgaver og forventninger forebygger gnidninger", f"{GM}/opmaerksomhed/", "gnidninger"),
    f(
        "KL-45",
        "de skriftlige opgaver sætter den enkeltes refleksion i gang",
        f"{GM}/opmaerksomhed/",
        "sætte den enkeltes tænkning i gang",
    ),
    f("KL-46", "vær præcis om omfang og frist", f"{GM}/opmaerksomhed/", "præcis om opgavernes omfang", "fristen"),
    f("KL-47", "mentor kan foreslå litteratur", f"{GM}/opmaerksomhed/", "litteratur"),
    f("KL-48", "konkrete ledelsesværktøjer og modeller er et godt afsæt", f"{GM}/opmaerksomhed/", "ledelsesværktøjer"),
    f("KL-49", "forskelle: skriftlighed", f"{GM}/varianter/", "konkret skriftlig opgave", "et par åbne spørgsmål"),
    f(
        "KL-50",
        "forskelle: møderækken (tre møder og en samtale / passende)",
        f"{GM}/varianter/",
        "tre gruppemøder og en afsluttende personlig samtale",
        "fire møder passede godt",
    ),
    f(
        "KL-51",
        "forskelle: ledelse som fag / de personlige sider",
        f"{GM}/varianter/",
        "ledelse som fag",
        "personlige sider",
    ),
    f("KL-52", "forskelle: stram / løs dagsorden", f"{GM}/varianter/", "stram", "løs"),
    f(
        "KL-53",
        "forskelle: større / mindre forberedelsestid",
        f"{GM}/varianter/",
        "større for både mentor og mentees",
        "mindre for både mentor og mentees",
    ),
    f(
        "KL-54",
        "alle deltagere blev afklaret; de fleste satte mål og frist",
        f"{GM}/resultater/",
        "alle deltagere afklarede",
        "konkrete mål og en frist",
    ),
    f(
        "KL-55",
        "bedre overblik over organisationen og egen rolle",
        f"{GM}/resultater/",
        "hvordan kommunen hænger sammen",
        "hvor de selv passer ind",
    ),
    f(
        "KL-56",
        "aspiranterne fik et konkret billede af ledelsesansvaret og rollens mange former",
        f"{GM}/resultater/",
        "ledelsesansvar rummer",
        "flere måder",
    ),
    f("KL-57", "mentorerne blev mere bevidste om egen ledelsesstil", f"{GM}/resultater/", "egen ledelsesstil"),
    f(
        "KL-58",
        "ikke afprøvet med nyansatte; alle havde mindst to år",
        f"{GM}/resultater/",
        "nyansatte",
        "mindst to år",
    ),
    f(
        "KL-59",
        "passer bedst til dem, der er forankret i organisationen",
        f"{GM}/resultater/",
        "forankret i organisationen",
    ),
    f(
        "KL-60",
        "nogle aspiranter kan ikke nå deres ambitioner i egen organisation",
        f"{GM}/resultater/",
        "ikke kunne indfris i egen organisation",
    ),
    f(
        "KL-61",
        "kulturen gør topjob uattraktive for kvinder (familieliv) – et fund om organisationen",
        f"{GM}/resultater/",
        "ledelseskultur",
        "familieliv",
        "fund om organisationen",
    ),
    f(
        "KL-62",
        "mentors erfaring og kollegernes refleksioner giver tilsammen udbyttet",
        f"{GM}/",
        "erfaren leders perspektiv og kollegernes",
    ),
    f(
        "KL-63",
        "brug: ledelsesafklaring, videndeling (fx personaleledelse), kulturskabelse",
        f"{GM}/resultater/",
        "ledelsesafklaring",
        "personaleledelse",
        "kulturarbejde",
    ),
    f(
        "KL-64",
        "alle, også mentorerne, fik nye relationer og indsigt i organisationen",
        f"{GM}/resultater/",
        "nye relationer uden for egen afdeling",
        "også mentorerne",
    ),
    f("KL-65", "positiv effekt for dem, der vil opad eller til siden", f"{GM}/resultater/", "opad eller til siden"),
    f("KL-66", "afklaringen kan gå begge veje", f"{GM}/opmaerksomhed/", "gå begge veje"),
    f("KL-67", "ingen løfter om avancement", f"{GM}/opmaerksomhed/", "lov ikke forfremmelse"),
    f(
        "KL-68",
        "opdragsgiveren følger med og retter ind, fx når én fylder meget",
        f"{GM}/opmaerksomhed/",
        "opdragsgiveren bør følge med",
        "fylde det meste",
    ),
    f("KL-69", "fyld ikke op efter frafald", f"{GM}/opmaerksomhed/", "fyld ikke op"),
    f(
        "KL-70",
        "aspiranter: tre møder og en individuel samtale",
        f"{GM}/opmaerksomhed/",
        "tre gruppemøder og en personlig samtale",
    ),
    f(
        "KL-71",
        "sparring med seks på én gang sparer tid; gruppen erstatter ikke den personlige samtale",
        f"{GM}/resultater/",
        "seks på én gang",
        "kan ikke erstatte den personlige samtale",
    ),
    f(
        "KL-72",
        "en mentor ville erstatte individuel sparring med små grupper",
        f"{GM}/resultater/",
        "sparring i små grupper",
    ),
    f(
        "KL-73",
        "andre anvendelser: karriere, fusioner, specialister",
        f"{GM}/resultater/",
        "konsulentrollen",
        "fusioner",
        "specialister",
    ),
    f(
        "KL-74",
        "mentorerne havde brug for sparring; redskabsorienteret seminar og skriftlighed på første møde",
        f"{GM}/metode/",
        "brug for sparring",
        "konkrete redskaber",
        "første gruppemøde",
    ),
    f(
        "KL-75",
        "enkel model for organisationer, der kan samle seks mentees uden ledelseslinje",
        f"{GM}/opmaerksomhed/",
        "samle seks mentees",
    ),
    f(
        "KL-76",
        "strategiske behov fx kommende ledere eller kvindelige topledere",
        f"{GM}/",
        "kommende ledere",
        "kvindelige topledere",
    ),
    f(
        "KL-77",
        "mentees får afklaring og et stærkere netværk; mentorerne refleksion og redskaber til sparring",
        f"{GM}/roller/",
        "stærkere netværk",
        "refleksion over sin egen lederrolle",
        "sparre med flere medarbejdere",
    ),
    f(
        "KL-78",
        "fælles refleksion mellem mentorer styrker ledelseskulturen",
        f"{GM}/resultater/",
        "fælles refleksion",
        "ledelseskultur",
    ),
    f(
        "KL-79",
        "alle skal gå helhjertet ind og regne med tid og forberedelse",
        f"{GM}/opmaerksomhed/",
        "går helt ind i den",
        "forberede sig mellem møderne",
    ),
    f("KL-80", "bedst for medarbejdere med mindst to år i organisationen", f"{GM}/", "mindst to år"),
    f(
        "KL-81",
        "pjecen krediteres med titel og udgiver",
        "om-haandbogen/",
        "gruppementorordning",
        "kl og djøf",
        "århus kommune",
    ),
    f(
        "KL-82",
        "hold 1 har tre dages frist – også i gruppeaftalen",
        f"docx:{HOLD1}/gruppeaftale-2027-lederaspiranter-1.docx",
        "tre dage før næste møde",
    ),
    f(
        "KL-83",
        "hold 2 har tre dages frist i gruppeaftalen",
        f"docx:{GM}/forloeb/2027-lederaspiranter-2/gruppeaftale-2027-lederaspiranter-2.docx",
        "tre dage før næste møde",
    ),
    f(
        "KL-84",
        "de fungerende lederes få linjer står også i gruppeaftalen",
        f"docx:{GM}/forloeb/2027-fungerende-ledere/gruppeaftale-2027-fungerende-ledere.docx",
        "et par linjer pr. spørgsmål",
    ),
    f(
        "KL-85",
        "mentor-hæftet for gruppen har varianterne og opmærksomhedspunkterne",
        f"pdf:{GM}/haefte-mentor-gruppementor.pdf",
        "varianter",
        "opmærksom",
    ),
    f(
        "KL-86",
        "aspiranternes afsluttende personlige samtale",
        f"{GM}/foerste-og-sidste-moede/",
        "personlig samtale",
        "tre gruppemøder",
    ),
]

FACTS = AALBORG + KL


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The shipped project, built once for the whole session (tests/conftest.py)."""
    return built_site


@cache
def _text(site: Path, where: str) -> str:
    kind, _, path = where.rpartition(":")
    if kind == "pdf":
        raw = "\n".join(page.extract_text() for page in PdfReader(site / path).pages)
        raw = re.sub(r"-\n", "", raw)  # hyphenation at line ends
    elif kind == "docx":
        xml = zipfile.ZipFile(site / path).read("word/document.xml").decode("utf-8")
        raw = re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml))
    else:
        article = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser").find("article")
        assert article is not None, path
        raw = article.get_text(" ")
    return re.sub(r"\s+", " ", raw).lower()


@pytest.mark.parametrize("fact", FACTS, ids=[fact.id for fact in FACTS])
def test_fact_is_in_the_handbook(site: Path, fact: Fact) -> None:
    text = _text(site, fact.where)
    missing = [word for word in fact.words if word.lower() not in text]
    assert not missing, f"{fact.id} ({fact.fact}) mangler i {fact.where}: {missing}"


def test_the_audit_covers_both_pamphlets() -> None:
    """Every substantive fact counted by the review (52 + 74) has its row, and ids are unique."""
    assert len(AALBORG) >= 52 and len(KL) >= 74
    assert len({fact.id for fact in FACTS}) == len(FACTS)


def test_no_page_says_two_days_for_the_aspirants(site: Path) -> None:
    """The aspirants' answers are due three days before; no aspirant cohort page or sheet says two."""
    for cohort in ("2027-lederaspiranter-1", "2027-lederaspiranter-2"):
        text = _text(site, f"{GM}/forloeb/{cohort}/")
        assert "tre dage før næste møde" in text and "to dage før næste møde" not in text
