"""Reference figures the demo generator draws around, each with its public source or marked INVENTED.

Amounts are EUR gross per year to the person unless the name says otherwise. "DESIGN.md" is the
project's design notes (../shared/DESIGN.md, section 4), which read the figure but did not keep the
publication: such figures are marked "source not recorded". A figure marked INVENTED has no public
source: it is the demo's choice, written down so a reader knows not to quote it.
"""

# --- The size of the real problem -----------------------------------------------------------------
# The eleven PNRR innovation ecosystems (M4C2 Investment 1.5): 1.3 billion EUR in all, 90-120 million
# each (MUR call, D.D. n. 3277 of 30 December 2021; Corriere Innovazione, 30 January 2022).
PNRR_ECOSYSTEMS = 11
PNRR_ECOSYSTEMS_FUNDING_EUR = 1_300_000_000
PNRR_ECOSYSTEM_FUNDING_EUR = (90_000_000, 120_000_000)
# One ecosystem (RAISE, Liguria) reported 295 research hires, 18% from abroad, 43% women (DESIGN.md,
# source not recorded): the demo's 400 calls over two years are of that order.
RAISE_RESEARCH_HIRES = 295
# The national young-researchers call (PNRR M4C2 Investment 1.2, MUR avviso n. 247 of 19 August 2022)
# offered 700 grants: 100 ERC Starting Grant winners, 200 MSCA fellows, 400 Seals of Excellence.
YOUNG_RESEARCHERS_GRANTS = 700
# Fixed-term academic researchers: about 33,000 research-grant holders and RTD-A together, against
# about 7,000 contratti di ricerca and 2,600 tenure-track posts expected to 2026 (Roars, reported by
# Universitas Trends, 14 April 2025): the academic postdoc pool is large overall, which is why the
# demo's shortage is concentrated (below) rather than everywhere.
FIXED_TERM_ACADEMIC_RESEARCHERS = 33_000
# Companies that recruited ICT specialists in 2022 and found it hard to fill the posts: just over 60%
# in Italy, 62.8% in the EU (Eurostat ICT usage survey, reported by ANSA, 16 July 2023). The
# Excelsior survey (Unioncamere-ANPAL, February 2022) put hard-to-fill ICT and telecom hires at
# 38.6%, lack of candidates being the first reason. These are why deep-tech and company R&D posts
# are the demo's thin pools.
ICT_HARD_TO_FILL_SHARE_IT = 0.60
ICT_HARD_TO_FILL_SHARE_EU = 0.628

# Typical gross yearly pay by contract type: (low, high) of what calls offer.
# The low end is the legal or contractual minimum where there is one; the high ends are INVENTED
# unless said otherwise (what top-ups the demo's calls add).
CONTRACT_PAY_EUR_YEAR: dict[str, tuple[float, float]] = {
    # PhD scholarship: 16,243 a year, the minimum set by D.M. 247 of 23 February 2022 (MUR); top-ups invented.
    "phd_scholarship": (16_243, 17_500),
    # Assegno di ricerca: 19,367 a year, the minimum of D.M. 102 of 9 March 2011; 27,258 is the top of
    # the range in DESIGN.md (source not recorded).
    "research_grant": (19_367, 27_258),
    # Contratto di ricerca (L. 240/2010 art. 22 as rewritten by D.L. 36/2022, converted by L. 79/2022):
    # never below the starting pay of a part-time confirmed university researcher (the CCNL Istruzione
    # e Ricerca sequence on research contracts, ARAN); 28,283.94 with an employer cost of 39,547.14
    # (DESIGN.md). The 32,000 top is invented.
    "contratto_di_ricerca": (28_283.94, 32_000),
    # RTD-A: the pay of a full-time confirmed researcher (L. 240/2010 art. 24 c. 8), 34,898 on the 2012
    # national table (DESIGN.md); the 36,000 top is invented.
    "rtd_a": (34_898, 36_000),
    # RTT (tenure track, L. 79/2022): no public figure found, treated as about RTD-B level (invented).
    "rtt": (34_898, 40_000),
    # Research bodies (CNR etc.): from 38,491 at level III-II, base pay over 13 months (CCNL Istruzione
    # e Ricerca, research bodies' tables, as read in DESIGN.md); the tops are invented.
    "research_body_researcher": (38_491, 42_000),
    "technologist": (38_491, 42_000),
    # Company engineers: about 35,000 on average, 22-30k early in a career, 40-60k senior (salary
    # surveys read in DESIGN.md, source not recorded): the range is the demo's.
    "company_employee": (26_000, 48_000),
    "tech_transfer_officer": (30_000, 45_000),     # INVENTED
    "other": (25_000, 40_000),                     # INVENTED
}
LEADING_RESEARCHER_EUR_YEAR = 49_640               # research bodies, level I (R4), from 49,640 (DESIGN.md)

# Which contracts pay by national table (same in every region) and which follow the regional market.
NATIONAL_TABLE_CONTRACTS = {"phd_scholarship", "research_grant", "contratto_di_ricerca", "rtd_a", "rtt",
                            "research_body_researcher", "technologist"}

# Average gross pay 2022 against Italy's 30,830 (DESIGN.md, source not recorded); Campania and Sicilia,
# not given there, are INVENTED from the North-South gap of about 17% quoted with them.
REGIONAL_PAY_INDEX: dict[str, float] = {
    "ITC3": 32_156 / 30_830, "ITC4": 33_452 / 30_830, "ITI4": 32_360 / 30_830,
    "ITF3": 0.90, "ITG1": 0.88, "ITF6": 26_631 / 30_830,
}

# Contract types by institution kind, with weights (INVENTED).
CONTRACTS_BY_KIND: dict[str, dict[str, float]] = {
    "university": {"phd_scholarship": 0.30, "research_grant": 0.20, "contratto_di_ricerca": 0.20,
                   "rtd_a": 0.10, "rtt": 0.10, "tech_transfer_officer": 0.05, "technologist": 0.05},
    "research_body": {"research_body_researcher": 0.45, "technologist": 0.30, "contratto_di_ricerca": 0.15,
                      "research_grant": 0.10},
    "foundation": {"technologist": 0.40, "contratto_di_ricerca": 0.30, "research_body_researcher": 0.20,
                   "tech_transfer_officer": 0.10},
    "company": {"company_employee": 0.85, "tech_transfer_officer": 0.15},
}

STAGES_BY_CONTRACT: dict[str, tuple[str, ...]] = {
    "phd_scholarship": ("R1",), "research_grant": ("R1", "R2"), "contratto_di_ricerca": ("R2",),
    "rtd_a": ("R2", "R3"), "rtt": ("R3",), "research_body_researcher": ("R2", "R3", "R4"),
    "technologist": ("R2", "R3"), "company_employee": ("R1", "R2", "R3"), "tech_transfer_officer": ("R2", "R3"),
    "other": ("R2",),
}
# Months: PhD three years (D.M. 226/2021); research grant one year here (L. 240/2010 art. 22 allows one
# to three); contratto di ricerca two, renewable once (art. 22 as rewritten in 2022); RTD-A three
# (art. 24 c. 3 a); RTT six (art. 24 as rewritten by L. 79/2022). Technologists, transfer officers and
# "other": INVENTED.
DURATION_MONTHS: dict[str, int | None] = {
    "phd_scholarship": 36, "research_grant": 12, "contratto_di_ricerca": 24, "rtd_a": 36, "rtt": 72,
    "research_body_researcher": None, "technologist": 36, "company_employee": None,
    "tech_transfer_officer": 24, "other": 12,
}
EDUCATION_BY_STAGE = {"R1": "master", "R2": "phd", "R3": "phd", "R4": "phd"}

# Research topics by field: (English, Italian, skills).
TOPICS: dict[str, list[tuple[str, str, list[str]]]] = {
    "computer_science": [
        ("machine learning for energy grids", "apprendimento automatico per le reti energetiche",
         ["python", "machine learning", "pytorch", "time series"]),
        ("cybersecurity of industrial control systems", "sicurezza informatica dei sistemi di controllo industriale",
         ["cybersecurity", "networking", "c", "threat modelling"]),
        ("natural language processing for public administration", "elaborazione del linguaggio naturale per la pubblica amministrazione",
         ["nlp", "python", "transformers", "information retrieval"]),
        ("high-performance computing for climate models", "calcolo ad alte prestazioni per modelli climatici",
         ["hpc", "mpi", "c++", "fortran"]),
        ("computer vision for precision agriculture", "visione artificiale per l'agricoltura di precisione",
         ["computer vision", "python", "deep learning", "remote sensing"]),
    ],
    "engineering": [
        ("autonomous underwater robotics", "robotica subacquea autonoma", ["ros", "control theory", "c++", "sensor fusion"]),
        ("power electronics for electric vehicles", "elettronica di potenza per veicoli elettrici",
         ["power electronics", "matlab", "simulink", "embedded systems"]),
        ("structural health monitoring of bridges", "monitoraggio strutturale dei ponti",
         ["finite element analysis", "signal processing", "matlab", "sensors"]),
        ("green hydrogen production plants", "impianti di produzione di idrogeno verde",
         ["process engineering", "electrochemistry", "aspen plus", "life cycle assessment"]),
        ("naval engineering and ship design", "ingegneria navale e progettazione di navi",
         ["cfd", "naval architecture", "cad", "hydrodynamics"]),
    ],
    "physics": [
        ("quantum sensing with cold atoms", "sensori quantistici ad atomi freddi", ["quantum optics", "lasers", "python", "experimental physics"]),
        ("photonics for telecommunications", "fotonica per le telecomunicazioni", ["photonics", "optics", "matlab", "lab measurements"]),
    ],
    "chemistry": [
        ("catalysts for CO2 conversion", "catalizzatori per la conversione della CO2", ["catalysis", "spectroscopy", "synthesis", "dft"]),
        ("biodegradable polymers", "polimeri biodegradabili", ["polymer chemistry", "materials characterisation", "synthesis"]),
    ],
    "mathematics": [
        ("optimisation for logistics networks", "ottimizzazione per reti logistiche", ["operations research", "python", "mixed integer programming"]),
        ("statistical learning for health data", "apprendimento statistico per dati sanitari", ["statistics", "r", "bayesian inference", "python"]),
    ],
    "biological_sciences": [
        ("marine biodiversity genomics", "genomica della biodiversità marina", ["genomics", "bioinformatics", "r", "field sampling"]),
        ("plant resilience to drought", "resilienza delle piante alla siccità", ["plant biology", "molecular biology", "qpcr"]),
    ],
    "medical_sciences": [
        ("digital health and telemedicine", "sanità digitale e telemedicina", ["clinical trials", "health informatics", "statistics"]),
        ("neurodegenerative disease biomarkers", "biomarcatori delle malattie neurodegenerative",
         ["neuroscience", "mass spectrometry", "biostatistics"]),
    ],
    "environmental_science": [
        ("coastal erosion and climate adaptation", "erosione costiera e adattamento climatico", ["gis", "remote sensing", "hydrology", "python"]),
        ("air quality monitoring in cities", "monitoraggio della qualità dell'aria nelle città", ["atmospheric chemistry", "sensors", "r", "data analysis"]),
    ],
    "agricultural_sciences": [
        ("sustainable viticulture", "viticoltura sostenibile", ["agronomy", "soil science", "field trials"]),
    ],
    "economics": [
        ("economics of innovation ecosystems", "economia degli ecosistemi dell'innovazione", ["econometrics", "stata", "policy evaluation"]),
        ("energy markets and regulation", "mercati dell'energia e regolazione", ["energy economics", "python", "econometrics"]),
    ],
    "social_sciences": [
        ("digital skills in the labour market", "competenze digitali nel mercato del lavoro", ["survey design", "statistics", "qualitative methods"]),
    ],
    "humanities": [
        ("digital cultural heritage", "patrimonio culturale digitale", ["digital humanities", "3d scanning", "archival research"]),
    ],
    "materials_science": [
        ("materials for solid-state batteries", "materiali per batterie allo stato solido",
         ["electrochemistry", "x-ray diffraction", "materials characterisation"]),
        ("additive manufacturing of metal alloys", "manifattura additiva di leghe metalliche", ["additive manufacturing", "metallurgy", "sem"]),
    ],
    "earth_sciences": [
        ("seismic hazard assessment", "valutazione della pericolosità sismica", ["seismology", "python", "geophysics"]),
    ],
    "architecture": [
        ("energy retrofit of historic buildings", "riqualificazione energetica di edifici storici", ["building physics", "bim", "energy modelling"]),
    ],
}
# How sought-after each field's calls are (relative applicant pull in the demo's history): INVENTED.
FIELD_PULL = {"computer_science": 1.3, "engineering": 1.0, "physics": 0.8, "chemistry": 0.7, "mathematics": 0.8,
              "biological_sciences": 1.1, "medical_sciences": 0.9, "environmental_science": 1.0,
              "agricultural_sciences": 0.5, "economics": 1.1, "social_sciences": 1.0, "humanities": 1.2,
              "materials_science": 0.6, "earth_sciences": 0.6, "architecture": 0.7}

CONTRACT_LABELS = {  # (English, Italian) as they appear in call titles
    "phd_scholarship": ("PhD scholarship", "Borsa di dottorato"),
    "research_grant": ("Research grant", "Assegno di ricerca"),
    "contratto_di_ricerca": ("Research contract", "Contratto di ricerca"),
    "rtd_a": ("Fixed-term researcher (RTD-A)", "Ricercatore a tempo determinato (RTD-A)"),
    "rtt": ("Tenure-track researcher", "Ricercatore in tenure track (RTT)"),
    "research_body_researcher": ("Researcher", "Ricercatore"),
    "technologist": ("Technologist", "Tecnologo"),
    "company_employee": ("R&D engineer", "Ingegnere R&S"),
    "tech_transfer_officer": ("Technology transfer officer", "Responsabile trasferimento tecnologico"),
    "other": ("Research position", "Posizione di ricerca"),
}

FIRST_NAMES_IT = {"woman": ["Giulia", "Chiara", "Francesca", "Sara", "Martina", "Elena", "Alessia", "Valentina", "Laura", "Federica"],
                  "man": ["Marco", "Luca", "Andrea", "Matteo", "Alessandro", "Davide", "Simone", "Francesco", "Lorenzo", "Giuseppe"]}
LAST_NAMES_IT = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
                 "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti"]
FOREIGN = {  # nationality: (women's names, men's names, surnames)
    "ES": (["Lucía", "Carmen"], ["Javier", "Pablo"], ["García", "Martínez", "López"]),
    "DE": (["Anna", "Lena"], ["Jonas", "Lukas"], ["Müller", "Schmidt", "Weber"]),
    "FR": (["Camille", "Léa"], ["Hugo", "Louis"], ["Martin", "Bernard", "Dubois"]),
    "IN": (["Priya", "Ananya"], ["Arjun", "Rohan"], ["Sharma", "Patel", "Iyer"]),
    "IR": (["Sara", "Maryam"], ["Ali", "Reza"], ["Ahmadi", "Hosseini", "Karimi"]),
    "BR": (["Ana", "Beatriz"], ["Pedro", "Lucas"], ["Silva", "Santos", "Oliveira"]),
    "CN": (["Li", "Mei"], ["Wei", "Jun"], ["Wang", "Zhang", "Liu"]),
    "GR": (["Eleni", "Maria"], ["Giorgos", "Nikos"], ["Papadopoulos", "Nikolaou"]),
}

# Phrases that make each call and CV its own (English, Italian): real calls are rarely identical,
# and an HNSW graph full of exact duplicates loses recall.
PROJECT_FOCUS = [
    ("works with industrial partners on pilot plants", "collabora con partner industriali su impianti pilota"),
    ("builds open datasets for the public administration", "costruisce dataset aperti per la pubblica amministrazione"),
    ("tests prototypes in real operating conditions", "sperimenta prototipi in condizioni operative reali"),
    ("studies the impact on small and medium enterprises", "studia l'impatto sulle piccole e medie imprese"),
    ("combines field campaigns with numerical models", "unisce campagne sul campo e modelli numerici"),
    ("develops open-source software for the research community", "sviluppa software open source per la comunità scientifica"),
    ("runs experiments in a newly funded laboratory", "conduce esperimenti in un laboratorio di nuova costituzione"),
    ("links the university with start-ups of the territory", "collega l'università con le start-up del territorio"),
    ("addresses the energy transition of the region", "affronta la transizione energetica della regione"),
    ("supports the digitalisation of local health services", "sostiene la digitalizzazione dei servizi sanitari locali"),
    ("prepares results for patents and technology transfer", "prepara i risultati per brevetti e trasferimento tecnologico"),
    ("involves citizens and schools in the research", "coinvolge cittadini e scuole nella ricerca"),
]
CALL_DETAILS = [
    ("A period abroad of up to six months is foreseen.", "È previsto un periodo all'estero fino a sei mesi."),
    ("The position includes access to the regional HPC centre.", "La posizione include l'accesso al centro HPC regionale."),
    ("Interviews may be held online.", "I colloqui possono svolgersi online."),
    ("Teaching duties are limited to 20 hours a year.", "L'impegno didattico è limitato a 20 ore l'anno."),
    ("Applicants from industry are welcome.", "Sono benvenute candidature dal mondo dell'impresa."),
    ("The team is international and works in English.", "Il gruppo è internazionale e lavora in inglese."),
    ("Flexible hours are possible after the first month.", "Orari flessibili sono possibili dopo il primo mese."),
    ("The start date can be agreed with the selected candidate.", "La data di inizio è concordabile con il vincitore."),
]
PREVIOUS_PLACES = ["TU Delft", "ETH Zurich", "KU Leuven", "Sorbonne Université", "Universidad de Granada", "TU München",
                   "University of Edinburgh", "Politecnico di Bari", "Università di Pisa", "Università di Padova",
                   "CNR Bologna", "a start-up in Turin", "an engineering firm in Milan", "INFN Frascati",
                   "Universität Wien", "University College Dublin", "IIT Bombay", "Universidade de São Paulo"]
CV_INTERESTS = [
    "I enjoy interdisciplinary teams", "I have supervised master students", "I published in peer-reviewed journals",
    "I led a small work package in a European project", "I organised a summer school", "I care about open science",
    "I presented at international conferences", "I mentored interns from industry", "I reviewed for conferences",
    "I wrote a successful grant proposal",
]


# Where applications come from (issue 13's channels): INVENTED shares, no public source found; EURAXESS
# and the institutions' own sites dominate in academic hiring, so most are direct or from the portal.
CHANNEL_SHARES = {"direct": 0.46, "portal": 0.22, "search_engine": 0.14, "alert": 0.10, "feed": 0.03, "invite": 0.05}


# --- Who the demo's candidates are: the planted shortage (all INVENTED shares, shaped by the sources
# above: a large academic postdoc pool overall, thin pools where industry competes for the same people).
# Relative weight of each field among candidates' profiles. Deep-tech fields (materials, physics,
# engineering, computer science) are thin; the humanities, social sciences, life sciences and
# economics hold the surplus.
CANDIDATE_FIELD_WEIGHTS = {"computer_science": 0.15, "engineering": 0.2, "physics": 0.15, "chemistry": 0.7,
                           "mathematics": 0.6, "biological_sciences": 1.6, "medical_sciences": 0.9,
                           "environmental_science": 1.1, "agricultural_sciences": 0.6, "economics": 1.4,
                           "social_sciences": 1.5, "humanities": 1.8, "materials_science": 0.06,
                           "earth_sciences": 0.6, "architecture": 0.8}
# Where candidates would move inside the ecosystem, relative weights (INVENTED): Milano and Roma draw
# people, the South (Campania, Sicilia) rarely does.
MOBILITY_REGION_WEIGHTS = {"ITC4": 0.34, "ITI4": 0.26, "ITC3": 0.22, "ITF3": 0.10, "ITG1": 0.08}
# Candidates living abroad expect more than those in Italy (postdoc pay in Germany, France, the
# Netherlands or Switzerland is well above the Italian tables): INVENTED factor on their expectation.
ABROAD_EXPECTATION_FACTOR = 1.25
# Candidates in the thin deep-tech fields expect more: industry competes for them (the ICT shares
# above); INVENTED factor on their expectation.
THIN_FIELD_EXPECTATION_FACTOR = 1.15
