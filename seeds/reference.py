"""Reference figures the demo generator draws around (sources in ../shared/DESIGN.md, section 4).

Amounts are EUR gross per year to the person unless the name says otherwise.
"""

# Typical gross yearly pay by contract type: (low, high) of what calls offer.
CONTRACT_PAY_EUR_YEAR: dict[str, tuple[float, float]] = {
    "phd_scholarship": (16_243, 17_500),           # national minimum since July 2022; some top-ups
    "research_grant": (19_367, 27_258),            # assegno di ricerca: legal minimum to the top of the range
    "contratto_di_ricerca": (28_283.94, 32_000),   # L. 79/2022 minimum
    "rtd_a": (34_898, 36_000),                     # 2012 national table, full time
    "rtt": (34_898, 40_000),                       # no public figure: treated as about RTD-B level
    "research_body_researcher": (38_491, 42_000),  # research bodies (CNR etc.), level III-II base, 13 months
    "technologist": (38_491, 42_000),
    "company_employee": (26_000, 48_000),          # about 35,000 average engineer; 22-30k early, 40-60k senior
    "tech_transfer_officer": (30_000, 45_000),
    "other": (25_000, 40_000),
}
LEADING_RESEARCHER_EUR_YEAR = 49_640               # research bodies, level I (R4)

# Which contracts pay by national table (same in every region) and which follow the regional market.
NATIONAL_TABLE_CONTRACTS = {"phd_scholarship", "research_grant", "contratto_di_ricerca", "rtd_a", "rtt",
                            "research_body_researcher", "technologist"}

# Average gross pay 2022 against Italy's 30,830 (DESIGN.md); regions not given there are set by the
# North-South gap of about 17%.
REGIONAL_PAY_INDEX: dict[str, float] = {
    "ITC3": 32_156 / 30_830, "ITC4": 33_452 / 30_830, "ITI4": 32_360 / 30_830,
    "ITF3": 0.90, "ITG1": 0.88, "ITF6": 26_631 / 30_830,
}

# Contract types by institution kind, with weights.
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
# How sought-after each field is among candidates (relative applicant pull).
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
