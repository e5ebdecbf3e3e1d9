"""Catalog demo data: a binational training catalog of about seventy programs.

Programs come from the kinds of academies that train border law enforcement on both sides:
FLETC and the federal agencies that teach there (CBP, Border Patrol, HSI, ATF, DEA), Mexico's
customs agency (ANAM), the National Guard, the Attorney General's office (FGR), the national
public-security system (SESNSP) and the state C5 command centers, plus joint U.S.–Mexico
courses that need vetting. Three mission-critical programs (tactical medicine, active-shooter
response, advanced investigations) are the ones later parts over-subscribe; the ANAM modules
ANAM-CITES, ANAM-GENERO and ANAM-DDHH are the ones ANAM added in 2022–2023.

The catalog is curated rather than drawn at random, so it is the same at every scale and seed.
"""
from dataclasses import dataclass
from decimal import Decimal

from puente.catalog.models import Domain, Program, ThreatTag

IP, EL, BL = Program.DeliveryMode.IN_PERSON, Program.DeliveryMode.E_LEARNING, Program.DeliveryMode.BLENDED
EN, ES, BOTH = ("en",), ("es",), ("en", "es")

DOMAINS = [
    ("TACTICAL", "Tactical operations and medicine", "Operaciones tácticas y medicina táctica"),
    ("INVESTIGATIONS", "Criminal investigations", "Investigación criminal"),
    ("CUSTOMS", "Customs and trade", "Aduanas y comercio exterior"),
    ("BORDER", "Border security", "Seguridad fronteriza"),
    ("FORENSICS", "Forensics and evidence", "Ciencias forenses y evidencia"),
    ("CANINE", "Canine teams", "Binomios caninos"),
    ("HUMAN-RIGHTS", "Human rights and ethics", "Derechos humanos y ética"),
    ("FIREARMS", "Firearms and use of force", "Armamento y uso de la fuerza"),
    ("LEADERSHIP", "Leadership and management", "Liderazgo y mando"),
    ("COMMS", "Communications and dispatch", "Comunicaciones y despacho"),
    ("CYBER", "Digital investigations", "Investigación digital"),
    ("LEGAL", "Law and criminal procedure", "Derecho y procedimiento penal"),
]

# Weights rank programs in seat allocation: the editorial's highest-return threats come first.
THREATS = [
    ("FENTANYL", "Fentanyl and precursors", "Fentanilo y precursores químicos", "5"),
    ("HUMAN-TRAFFICKING", "Human trafficking", "Trata de personas", "4.5"),
    ("FIREARMS-TRAFFICKING", "Firearms trafficking", "Tráfico de armas de fuego", "4"),
    ("SYNTHETIC-DRUGS", "Synthetic drugs (xylazine, ketamine)", "Drogas sintéticas (xilacina, ketamina)", "4"),
    ("MIGRANT-SMUGGLING", "Migrant smuggling", "Tráfico ilícito de migrantes", "3"),
    ("BULK-CASH", "Currency and bulk cash smuggling", "Contrabando de divisas y efectivo", "2.5"),
    ("MONEY-LAUNDERING", "Money laundering", "Lavado de dinero", "2.5"),
    ("WILDLIFE", "Wildlife trafficking (CITES)", "Tráfico de vida silvestre (CITES)", "2"),
    ("CYBERCRIME", "Cybercrime", "Ciberdelincuencia", "2"),
    ("CORRUPTION", "Corruption and integrity", "Corrupción e integridad", "1.5"),
    ("CONTRABAND", "Commercial fraud and contraband", "Contrabando y fraude comercial", "1.5"),
]


@dataclass(frozen=True)
class Plan:
    code: str
    domain: str
    title_en: str
    title_es: str
    description_en: str
    description_es: str
    hours: str
    mode: str = IP
    threats: tuple = ()
    prerequisites: tuple = ()
    languages: tuple = EN
    mission_critical: bool = False
    vetting: bool = False
    size: tuple = (12, 24)
    retired: bool = False


ONLINE = (1, 500)
CANINE = (4, 8)
ACADEMY = (24, 48)

PROGRAMS = [
    # Tactical operations and medicine
    Plan("FLETC-TMFR", "TACTICAL", "Tactical Medical for First Responders", "Medicina táctica para primeros respondientes",
         "Hemorrhage control, airway management and casualty evacuation under fire, for officers who are first on scene.",
         "Control de hemorragias, manejo de vía aérea y evacuación de lesionados bajo amenaza, para el personal que llega primero.",
         "40", languages=BOTH, mission_critical=True, size=(12, 24)),
    Plan("FLETC-ASTR", "TACTICAL", "Active Shooter Threat Response", "Respuesta ante un tirador activo",
         "Solo and team entry, threat neutralization and casualty care in schools, malls and ports of entry.",
         "Ingreso individual y en equipo, neutralización de la amenaza y atención a lesionados en escuelas, plazas y puertos de entrada.",
         "24", languages=BOTH, mission_critical=True, size=(16, 30)),
    Plan("FLETC-ASTR-INST", "TACTICAL", "Active Shooter Threat Response Instructor", "Instructor en respuesta ante un tirador activo",
         "Prepares graduates of the response course to teach it in their own agencies.",
         "Prepara a egresados del curso de respuesta para impartirlo en sus propias corporaciones.",
         "40", prerequisites=("FLETC-ASTR",), languages=BOTH, size=(8, 16)),
    Plan("FLETC-TCCC-EL", "TACTICAL", "Tactical Casualty Care Refresher (online)", "Actualización en atención táctica de lesionados (en línea)",
         "Yearly online refresher of tourniquet, packing and triage protocols.",
         "Actualización anual en línea de los protocolos de torniquete, empaquetamiento de heridas y triaje.",
         "4", mode=EL, prerequisites=("FLETC-TMFR",), languages=BOTH, size=ONLINE),
    Plan("GN-OPTAC-BAS", "TACTICAL", "Basic Tactical Operations", "Operaciones tácticas básicas",
         "Patrol formations, checkpoints and building entry for National Guard units.",
         "Formaciones de patrullaje, puestos de control e ingreso a inmuebles para unidades de la Guardia Nacional.",
         "80", languages=ES, size=ACADEMY),
    Plan("GN-OPTAC-URB", "TACTICAL", "Urban Tactical Operations", "Operaciones tácticas en zona urbana",
         "Movement, cover and high-risk arrests in dense urban terrain.",
         "Desplazamiento, coberturas y detenciones de alto riesgo en zonas urbanas densas.",
         "120", prerequisites=("GN-OPTAC-BAS",), languages=ES, size=(20, 40)),
    Plan("FLETC-HRWS", "TACTICAL", "High-Risk Warrant Service", "Ejecución de órdenes de alto riesgo",
         "Planning, surveillance and entry for arrest and search warrants with a known risk of violence.",
         "Planeación, vigilancia e ingreso para órdenes de aprehensión y cateo con riesgo conocido de violencia.",
         "24", languages=EN, size=(12, 24)),
    Plan("CBP-HRVS", "TACTICAL", "High-Risk Vehicle Stops", "Detención de vehículos de alto riesgo",
         "Felony stops, extraction and containment of occupants at checkpoints and on the highway.",
         "Detenciones de vehículos con ocupantes peligrosos en puntos de revisión y carreteras.",
         "16", threats=("FIREARMS-TRAFFICKING", "MIGRANT-SMUGGLING"), languages=EN, size=(12, 24)),

    # Criminal investigations
    Plan("FLETC-CITP", "INVESTIGATIONS", "Criminal Investigator Training Program", "Programa de formación de investigadores criminales",
         "The basic course for federal criminal investigators: law, interviewing, surveillance, evidence and case writing.",
         "Curso básico para investigadores federales: derecho, entrevista, vigilancia, evidencia e integración de casos.",
         "480", languages=EN, size=(24, 48)),
    Plan("SESNSP-INV-BAS", "INVESTIGATIONS", "Basic Criminal Investigation", "Investigación criminal básica",
         "Investigation under the accusatory system: the crime scene, interviews, police reports and working with the prosecutor.",
         "La investigación en el sistema acusatorio: lugar de los hechos, entrevistas, informes policiales y coordinación con el Ministerio Público.",
         "120", languages=BOTH, size=ACADEMY),
    Plan("FLETC-AIP", "INVESTIGATIONS", "Advanced Investigations", "Investigación avanzada",
         "Complex and cross-border cases: financial analysis, confidential sources, electronic surveillance and joint task forces.",
         "Casos complejos y transfronterizos: análisis financiero, fuentes confidenciales, vigilancia electrónica y grupos de trabajo conjuntos.",
         "80", threats=("FENTANYL", "FIREARMS-TRAFFICKING", "HUMAN-TRAFFICKING"), prerequisites=("SESNSP-INV-BAS",),
         languages=BOTH, mission_critical=True, size=(16, 24)),
    Plan("FLETC-INTERVIEW", "INVESTIGATIONS", "Investigative Interviewing", "Técnicas de entrevista de investigación",
         "Rapport, cognitive interviewing and detecting deception, with recorded practical exercises.",
         "Empatía, entrevista cognitiva y detección del engaño, con ejercicios prácticos grabados.",
         "24", languages=BOTH, size=(12, 20)),
    Plan("HSI-HT-IND", "INVESTIGATIONS", "Human Trafficking Indicators", "Indicadores de trata de personas",
         "Recognizing victims and traffickers at inspection points, on patrol and in calls for service.",
         "Identificación de víctimas y tratantes en puntos de revisión, en el patrullaje y en la atención de llamadas.",
         "8", mode=BL, threats=("HUMAN-TRAFFICKING",), languages=BOTH, size=(10, 40)),
    Plan("JOINT-HT-INV", "INVESTIGATIONS", "Binational Human Trafficking Investigations", "Investigación binacional de trata de personas",
         "Joint U.S.–Mexico course on building trafficking cases across the border, with victim protection throughout.",
         "Curso conjunto México–Estados Unidos para integrar casos de trata a ambos lados de la frontera, con protección a víctimas.",
         "40", threats=("HUMAN-TRAFFICKING", "MIGRANT-SMUGGLING"), prerequisites=("HSI-HT-IND", "SESNSP-INV-BAS"),
         languages=BOTH, vetting=True, size=(16, 24)),
    Plan("ATF-FTI", "INVESTIGATIONS", "Firearms Trafficking Investigations", "Investigación del tráfico de armas de fuego",
         "Straw purchases, southbound smuggling routes and tracing seized firearms back to their first sale.",
         "Compras simuladas, rutas de contrabando hacia el sur y rastreo de armas aseguradas hasta su primera venta.",
         "40", threats=("FIREARMS-TRAFFICKING",), prerequisites=("SESNSP-INV-BAS",), languages=BOTH, size=(16, 24)),
    Plan("ATF-ETRACE", "INVESTIGATIONS", "Firearms Tracing with eTrace", "Rastreo de armas de fuego con eTrace",
         "Submitting and reading firearms traces; access for Mexican agencies follows vetting.",
         "Solicitud e interpretación de rastreos de armas; el acceso de instituciones mexicanas requiere evaluación previa.",
         "8", mode=BL, threats=("FIREARMS-TRAFFICKING",), prerequisites=("ATF-FTI",), languages=BOTH, vetting=True, size=(10, 30)),
    Plan("HSI-BCS", "INVESTIGATIONS", "Bulk Cash Smuggling Investigations", "Investigación del contrabando de efectivo",
         "Concealment methods, currency reporting rules and following outbound cash to the organizations behind it.",
         "Métodos de ocultamiento, obligaciones de declaración de divisas y seguimiento del efectivo hasta las organizaciones.",
         "24", threats=("BULK-CASH", "MONEY-LAUNDERING"), languages=BOTH, size=(12, 24)),
    Plan("FGR-LAVADO", "INVESTIGATIONS", "Financial Investigation and Money Laundering", "Análisis financiero y lavado de dinero",
         "Reading bank records, trade-based laundering and asset seizure in support of criminal cases.",
         "Análisis de información bancaria, lavado mediante comercio exterior y aseguramiento de bienes.",
         "40", threats=("MONEY-LAUNDERING", "BULK-CASH"), prerequisites=("SESNSP-INV-BAS",), languages=ES, size=(16, 30)),
    Plan("DEA-CLANLAB", "INVESTIGATIONS", "Clandestine Laboratory Safety and Investigation", "Laboratorios clandestinos: seguridad e investigación",
         "Entering, securing and dismantling synthetic drug laboratories; protective equipment and hazardous chemicals.",
         "Ingreso, aseguramiento y desmantelamiento de laboratorios de drogas sintéticas; equipo de protección y sustancias peligrosas.",
         "40", threats=("FENTANYL", "SYNTHETIC-DRUGS"), prerequisites=("CBP-FENT-SAFE",), languages=BOTH, vetting=True, size=(12, 20)),
    Plan("HSI-SMUG", "INVESTIGATIONS", "Migrant Smuggling Investigations", "Investigación del tráfico ilícito de migrantes",
         "Stash houses, smuggling networks and payments; protecting the migrants found.",
         "Casas de seguridad, redes de tráfico y pagos; protección de las personas migrantes localizadas.",
         "32", threats=("MIGRANT-SMUGGLING", "HUMAN-TRAFFICKING"), languages=BOTH, size=(12, 24)),
    Plan("FLETC-UC", "INVESTIGATIONS", "Undercover Operations", "Operaciones encubiertas",
         "Planning, cover stories, officer safety and legal limits of undercover work.",
         "Planeación, identidades supuestas, seguridad del agente y límites legales de las operaciones encubiertas.",
         "40", threats=("FENTANYL", "FIREARMS-TRAFFICKING"), prerequisites=("FLETC-AIP",), languages=EN, vetting=True, size=(8, 16)),

    # Customs and trade
    Plan("ANAM-INDUC", "CUSTOMS", "Induction to Customs Operations", "Inducción a la operación aduanera",
         "The customs clearance process, the agency's legal framework and the duties of officers at ports of entry.",
         "El despacho aduanero, el marco jurídico de la Agencia y las funciones del personal en las aduanas.",
         "40", languages=ES, size=ACADEMY),
    Plan("ANAM-INI-OP", "CUSTOMS", "Non-Intrusive Inspection Operator", "Operador de equipos de inspección no intrusiva",
         "Safe operation of X-ray and gamma-ray scanners for cargo and vehicles, and recording each scan.",
         "Operación segura de equipos de rayos X y gamma para carga y vehículos, y registro de cada revisión.",
         "40", threats=("FENTANYL", "FIREARMS-TRAFFICKING", "BULK-CASH"), prerequisites=("ANAM-INDUC",), languages=ES, size=(8, 16)),
    Plan("ANAM-INI-IMG", "CUSTOMS", "Non-Intrusive Inspection Image Analysis", "Análisis de imágenes de inspección no intrusiva",
         "Reading scanner images to find hidden compartments, anomalies in declared cargo and concealed weapons.",
         "Interpretación de imágenes para detectar compartimentos ocultos, anomalías en la carga declarada y armas escondidas.",
         "32", threats=("FENTANYL", "FIREARMS-TRAFFICKING", "BULK-CASH"), prerequisites=("ANAM-INI-OP",), languages=ES, size=(8, 16)),
    Plan("CBP-NII-OP", "CUSTOMS", "Non-Intrusive Inspection Operator", "Operador de inspección no intrusiva (CBP)",
         "CBP operator certification for large-scale and mobile scanning systems at land ports of entry.",
         "Certificación de operadores de CBP para sistemas de revisión de gran escala y móviles en puertos terrestres.",
         "40", threats=("FENTANYL", "FIREARMS-TRAFFICKING"), languages=EN, size=(8, 16)),
    Plan("ANAM-CITES", "CUSTOMS", "Protected Species and CITES Controls", "Especies protegidas y controles CITES",
         "Identifying protected wildlife and products, CITES permits and handling seized live specimens.",
         "Identificación de flora y fauna protegidas y sus productos, permisos CITES y manejo de ejemplares vivos asegurados.",
         "16", mode=BL, threats=("WILDLIFE",), prerequisites=("ANAM-INDUC",), languages=ES, size=(10, 40)),
    Plan("ANAM-VALOR", "CUSTOMS", "Customs Valuation and Commercial Fraud", "Valoración aduanera y fraude comercial",
         "Undervaluation, false declarations and the evidence that sustains a fraud finding.",
         "Subvaluación, declaraciones falsas y la evidencia que sostiene una determinación de fraude.",
         "40", threats=("CONTRABAND", "MONEY-LAUNDERING"), prerequisites=("ANAM-INDUC",), languages=ES, size=(16, 30)),
    Plan("ANAM-CLASIF", "CUSTOMS", "Tariff Classification", "Clasificación arancelaria",
         "Classifying goods under the tariff schedule and resolving disputed classifications.",
         "Clasificación de mercancías conforme a la tarifa y resolución de controversias.",
         "40", mode=BL, threats=("CONTRABAND",), prerequisites=("ANAM-INDUC",), languages=ES, size=(16, 40)),
    Plan("ANAM-TMEC", "CUSTOMS", "USMCA Rules of Origin", "Reglas de origen del T-MEC",
         "Origin criteria, certification and verification of preferential treatment under the USMCA.",
         "Criterios de origen, certificación y verificación del trato preferencial conforme al T-MEC.",
         "24", mode=EL, threats=("CONTRABAND",), languages=BOTH, size=ONLINE),
    Plan("ANAM-PREC", "CUSTOMS", "Chemical Precursors at Ports of Entry", "Precursores químicos en las aduanas",
         "Controlled chemicals, their legitimate uses and signs of diversion to fentanyl production.",
         "Sustancias químicas controladas, sus usos lícitos y señales de desvío hacia la producción de fentanilo.",
         "24", threats=("FENTANYL", "SYNTHETIC-DRUGS"), prerequisites=("ANAM-INDUC",), languages=ES, size=(16, 30)),
    Plan("CBP-FENT-SAFE", "CUSTOMS", "Fentanyl Detection and Safe Handling", "Detección y manejo seguro de fentanilo",
         "Field testing, protective equipment, naloxone and packaging of suspected fentanyl and xylazine.",
         "Pruebas de campo, equipo de protección, naloxona y embalaje de presunto fentanilo y xilacina.",
         "8", threats=("FENTANYL", "SYNTHETIC-DRUGS"), languages=BOTH, size=(12, 30)),
    Plan("CBP-FENT-EL", "CUSTOMS", "Fentanyl Awareness for First Responders (online)", "Sensibilización sobre fentanilo para primeros respondientes (en línea)",
         "What fentanyl and its analogues look like, exposure myths and facts, and when to call specialists.",
         "Cómo se presentan el fentanilo y sus análogos, mitos y realidades de la exposición y cuándo llamar a especialistas.",
         "4", mode=EL, threats=("FENTANYL",), languages=BOTH, size=ONLINE),
    Plan("CBP-PAX", "CUSTOMS", "Passenger Processing and Targeting", "Revisión y selección de pasajeros",
         "Primary and secondary inspection of travelers, questioning and selecting for examination.",
         "Revisión primaria y secundaria de viajeros, entrevista y selección para revisión.",
         "40", threats=("FENTANYL", "BULK-CASH", "HUMAN-TRAFFICKING"), languages=EN, size=(16, 30)),
    Plan("CBP-CARGO", "CUSTOMS", "Cargo Targeting and Examination", "Selección y revisión de carga",
         "Risk-based selection of trucks and containers and the examination that follows.",
         "Selección de camiones y contenedores con base en riesgo y la revisión correspondiente.",
         "40", threats=("FENTANYL", "CONTRABAND"), languages=EN, size=(16, 30)),
    Plan("FLETC-DRUGID", "CUSTOMS", "Drug Identification (2015 edition)", "Identificación de drogas (edición 2015)",
         "Superseded by the fentanyl detection and safe handling course.",
         "Sustituido por el curso de detección y manejo seguro de fentanilo.",
         "16", threats=("SYNTHETIC-DRUGS",), languages=EN, size=(12, 30), retired=True),

    # Border security
    Plan("USBP-ACAD", "BORDER", "Border Patrol Academy", "Academia de la Patrulla Fronteriza",
         "Basic training for Border Patrol agents: immigration and nationality law, Spanish, firearms, driving and physical techniques.",
         "Formación básica de agentes de la Patrulla Fronteriza: derecho migratorio, español, armamento, manejo y técnicas físicas.",
         "480", threats=("MIGRANT-SMUGGLING",), languages=EN, size=(36, 50)),
    Plan("GN-FRONT", "BORDER", "Border and Customs Security for the National Guard", "Seguridad fronteriza y aduanera para la Guardia Nacional",
         "Support to customs, inspection of vehicles and people, and the rights of migrants at the border.",
         "Apoyo a las aduanas, revisión de vehículos y personas, y derechos de las personas migrantes en la frontera.",
         "80", threats=("MIGRANT-SMUGGLING", "FIREARMS-TRAFFICKING"), languages=ES, size=ACADEMY),
    Plan("JOINT-BORDER-COORD", "BORDER", "Binational Border Coordination", "Coordinación fronteriza binacional",
         "Joint protocols for incidents at the line: communication, notification and hand-over between agencies of both countries.",
         "Protocolos conjuntos para incidentes en la línea: comunicación, notificación y entrega entre instituciones de ambos países.",
         "24", threats=("MIGRANT-SMUGGLING", "FIREARMS-TRAFFICKING"), languages=BOTH, vetting=True, size=(16, 30)),
    Plan("USBP-TRACK", "BORDER", "Sign Cutting and Tracking", "Rastreo de huellas",
         "Finding, aging and following foot and vehicle sign in desert and brush terrain.",
         "Localización, datación y seguimiento de huellas de personas y vehículos en terreno desértico y de monte.",
         "40", threats=("MIGRANT-SMUGGLING",), languages=BOTH, size=(10, 20)),
    Plan("JOINT-SAR", "BORDER", "Desert Search and Rescue", "Búsqueda y rescate en zonas desérticas",
         "Locating and rescuing people in distress in the desert, heat injuries and joint rescues across the line.",
         "Localización y rescate de personas en riesgo en el desierto, golpe de calor y rescates conjuntos en la línea.",
         "40", threats=("MIGRANT-SMUGGLING",), prerequisites=("FLETC-TMFR",), languages=BOTH, vetting=True, size=(10, 20)),
    Plan("USBP-TUNNEL", "BORDER", "Cross-Border Tunnel Detection", "Detección de túneles transfronterizos",
         "Indicators, detection technology and safe entry of illicit tunnels.",
         "Indicadores, tecnología de detección e ingreso seguro a túneles ilícitos.",
         "24", threats=("FENTANYL", "MIGRANT-SMUGGLING"), languages=BOTH, vetting=True, size=(8, 16)),

    # Forensics and evidence
    Plan("SESNSP-PR", "FORENSICS", "First Responder", "Primer respondiente",
         "The first officer at a scene: protecting it, helping victims, the first report and the start of the chain of custody.",
         "El primer elemento en el lugar: preservación, auxilio a víctimas, informe inicial e inicio de la cadena de custodia.",
         "40", languages=ES, size=ACADEMY),
    Plan("FGR-CADENA", "FORENSICS", "Chain of Custody and Crime Scene Processing", "Cadena de custodia y procesamiento del lugar de los hechos",
         "Finding, documenting, packaging and handing over evidence so that it holds up in an oral trial.",
         "Localización, fijación, embalaje y entrega de indicios para que sostengan su valor en juicio oral.",
         "40", prerequisites=("SESNSP-PR",), languages=ES, size=(16, 30)),
    Plan("FGR-BALIST", "FORENSICS", "Forensic Ballistics and IBIS", "Balística forense e IBIS",
         "Examining firearms, bullets and cartridge cases and comparing them through the IBIS network.",
         "Examen de armas, balas y casquillos y su comparación mediante la red IBIS.",
         "80", threats=("FIREARMS-TRAFFICKING",), prerequisites=("FGR-CADENA",), languages=BOTH, vetting=True, size=(8, 16)),
    Plan("FGR-QUIM", "FORENSICS", "Forensic Chemistry: Synthetic Drug Identification", "Química forense: identificación de drogas sintéticas",
         "Laboratory identification of fentanyl, its analogues, xylazine and other cutting agents.",
         "Identificación en laboratorio de fentanilo, sus análogos, xilacina y otros adulterantes.",
         "80", threats=("FENTANYL", "SYNTHETIC-DRUGS"), prerequisites=("FGR-CADENA",), languages=BOTH, size=(8, 16)),
    Plan("FLETC-LATENT", "FORENSICS", "Latent Print Processing", "Procesamiento de huellas latentes",
         "Developing, lifting and preserving latent prints on the surfaces found at border crime scenes.",
         "Revelado, levantamiento y preservación de huellas latentes en las superficies de los lugares de intervención.",
         "24", languages=BOTH, size=(12, 20)),

    # Canine teams
    Plan("CBP-K9-HANDLER", "CANINE", "Canine Handler: Narcotics Detection", "Guía canino: detección de narcóticos",
         "Handler and dog trained together to detect narcotics in vehicles, cargo and luggage.",
         "Formación conjunta de guía y perro para detectar narcóticos en vehículos, carga y equipaje.",
         "280", threats=("FENTANYL",), languages=EN, size=CANINE),
    Plan("CBP-K9-CONCEAL", "CANINE", "Canine: Concealed Humans and Narcotics", "Canino: personas y narcóticos ocultos",
         "Detecting people hidden in vehicles and trailers alongside narcotics.",
         "Detección de personas ocultas en vehículos y remolques, además de narcóticos.",
         "240", threats=("MIGRANT-SMUGGLING", "HUMAN-TRAFFICKING", "FENTANYL"), prerequisites=("CBP-K9-HANDLER",), languages=EN, size=CANINE),
    Plan("CBP-K9-ODOR-FENT", "CANINE", "Canine New Odor: Fentanyl Precursors", "Canino, nuevo olor: precursores de fentanilo",
         "Imprinting certified teams on fentanyl precursor chemicals.",
         "Impronta de binomios certificados en precursores químicos del fentanilo.",
         "16", threats=("FENTANYL",), prerequisites=("CBP-K9-HANDLER",), languages=EN, size=CANINE),
    Plan("CBP-K9-ODOR-XK", "CANINE", "Canine New Odors: Xylazine and Ketamine", "Canino, nuevos olores: xilacina y ketamina",
         "Imprinting certified teams on xylazine and ketamine.",
         "Impronta de binomios certificados en xilacina y ketamina.",
         "16", threats=("SYNTHETIC-DRUGS",), prerequisites=("CBP-K9-HANDLER",), languages=EN, size=CANINE),
    Plan("CBP-K9-CURRENCY", "CANINE", "Canine: Currency and Firearms Odors", "Canino: olores de divisas y armas de fuego",
         "Detecting bulk currency and firearms in outbound traffic.",
         "Detección de efectivo y armas de fuego en el tráfico de salida.",
         "24", threats=("BULK-CASH", "FIREARMS-TRAFFICKING"), prerequisites=("CBP-K9-HANDLER",), languages=EN, size=CANINE),
    Plan("CBP-K9-INST", "CANINE", "Canine Instructor", "Instructor canino",
         "Prepares experienced handlers to train and certify new canine teams.",
         "Prepara a guías con experiencia para entrenar y certificar nuevos binomios.",
         "320", prerequisites=("CBP-K9-HANDLER",), languages=BOTH, size=(4, 6)),
    Plan("ANAM-K9", "CANINE", "Customs Canine Teams", "Binomios caninos aduaneros",
         "ANAM's handler course: detection of narcotics, currency and weapons at customs.",
         "Curso de guías de la ANAM: detección de narcóticos, divisas y armas en las aduanas.",
         "200", threats=("FENTANYL", "BULK-CASH", "FIREARMS-TRAFFICKING"), prerequisites=("ANAM-INDUC",), languages=ES, size=CANINE),

    # Human rights and ethics
    Plan("ANAM-GENERO", "HUMAN-RIGHTS", "Gender Equality at Inspection Points", "Igualdad de género en los puntos de revisión",
         "Respectful inspection of women and LGBT+ travelers, preventing harassment and reporting it.",
         "Revisión respetuosa de mujeres y personas LGBT+, prevención y denuncia del hostigamiento.",
         "8", mode=EL, languages=ES, size=ONLINE),
    Plan("ANAM-DDHH", "HUMAN-RIGHTS", "Human Rights in Customs Work", "Derechos humanos en la función aduanera",
         "Rights of travelers and migrants during inspection, use of force limits and complaint handling.",
         "Derechos de viajeros y personas migrantes durante la revisión, límites al uso de la fuerza y atención de quejas.",
         "12", mode=BL, threats=("HUMAN-TRAFFICKING", "MIGRANT-SMUGGLING"), languages=ES, size=(10, 40)),
    Plan("SESNSP-DDHH", "HUMAN-RIGHTS", "Human Rights in Policing", "Derechos humanos en la función policial",
         "Arrests, detention and the treatment of vulnerable people under the Constitution and international standards.",
         "Detenciones, custodia y trato a personas en situación de vulnerabilidad conforme a la Constitución y a los estándares internacionales.",
         "24", mode=BL, languages=BOTH, size=(20, 40)),
    Plan("OBJ-INDEP", "HUMAN-RIGHTS", "Objectivity and Independence", "Objetividad e independencia",
         "Conflicts of interest, undue influence and impartial decisions in investigation and inspection.",
         "Conflictos de interés, influencias indebidas y decisiones imparciales en la investigación y la revisión.",
         "4", mode=EL, threats=("CORRUPTION",), languages=BOTH, size=ONLINE),
    Plan("ETHICS-EL", "HUMAN-RIGHTS", "Ethics and Integrity for Officers", "Ética e integridad policial",
         "Bribery, gifts, off-duty conduct and reporting misconduct.",
         "Soborno, obsequios, conducta fuera de servicio y denuncia de faltas.",
         "8", mode=EL, threats=("CORRUPTION",), languages=BOTH, size=ONLINE),
    Plan("SESNSP-GENERO", "HUMAN-RIGHTS", "Responding to Gender-Based Violence", "Atención a la violencia de género",
         "First contact with victims, protection orders and coordination with specialized services.",
         "Primer contacto con víctimas, órdenes de protección y coordinación con servicios especializados.",
         "16", mode=BL, languages=ES, size=(20, 40)),
    Plan("JOINT-HT-VICTIM", "HUMAN-RIGHTS", "Victim-Centered Approach in Trafficking Cases", "Enfoque centrado en la víctima en casos de trata",
         "Interviewing survivors without retraumatizing them, shelter referral and binational repatriation.",
         "Entrevista a sobrevivientes sin revictimizar, canalización a refugios y repatriación binacional.",
         "16", threats=("HUMAN-TRAFFICKING",), prerequisites=("HSI-HT-IND",), languages=BOTH, size=(12, 24)),

    # Firearms and use of force
    Plan("FLETC-UOF", "FIREARMS", "Use of Force: Law and Practice", "Uso de la fuerza: marco legal y práctica",
         "Legal standards, de-escalation and decision-making in simulated encounters.",
         "Estándares legales, desescalamiento y toma de decisiones en encuentros simulados.",
         "24", languages=BOTH, size=(12, 24)),
    Plan("SESNSP-UOF", "FIREARMS", "Lawful Use of Force", "Uso legítimo de la fuerza",
         "Mexico's National Law on the Use of Force: levels of force, reporting and accountability.",
         "La Ley Nacional sobre el Uso de la Fuerza: niveles de fuerza, informes y rendición de cuentas.",
         "16", mode=BL, languages=ES, size=(20, 40)),
    Plan("FLETC-FIP", "FIREARMS", "Firearms Instructor", "Instructor de tiro",
         "Running ranges safely, teaching fundamentals and qualifying officers with pistol and rifle.",
         "Conducción segura de prácticas de tiro, enseñanza de fundamentos y calificación con arma corta y larga.",
         "80", prerequisites=("FLETC-UOF",), languages=BOTH, size=(8, 16)),
    Plan("GN-TIRO", "FIREARMS", "Pistol and Rifle Qualification", "Calificación de tiro con arma corta y larga",
         "Yearly qualification course for National Guard and state police personnel.",
         "Curso anual de calificación para personal de la Guardia Nacional y de las policías estatales.",
         "40", prerequisites=("SESNSP-UOF",), languages=ES, size=(20, 40)),
    Plan("ATF-FIREARMS-ID", "FIREARMS", "Firearms Identification", "Identificación de armas de fuego",
         "Makes, models, markings and the modifications that turn firearms into automatic weapons.",
         "Marcas, modelos, marcajes y modificaciones que convierten armas en automáticas.",
         "16", mode=BL, threats=("FIREARMS-TRAFFICKING",), languages=BOTH, size=(12, 30)),

    # Leadership and management
    Plan("FLETC-FLS", "LEADERSHIP", "First-Line Supervisor", "Supervisión de primera línea",
         "Leading a shift: coaching, performance reviews, discipline and officer wellness.",
         "Conducción de un turno: acompañamiento, evaluación del desempeño, disciplina y bienestar del personal.",
         "40", languages=BOTH, size=(16, 30)),
    Plan("FLETC-LEM", "LEADERSHIP", "Law Enforcement Management", "Gestión de mandos medios",
         "Budget, planning, data-driven deployment and managing change in a law-enforcement unit.",
         "Presupuesto, planeación, despliegue basado en datos y gestión del cambio en una unidad operativa.",
         "40", prerequisites=("FLETC-FLS",), languages=BOTH, size=(16, 30)),
    Plan("SESNSP-MANDO", "LEADERSHIP", "Senior Police Command", "Alta dirección policial",
         "Strategy, civilian oversight, professional career service and relations with the community.",
         "Estrategia, control civil, servicio profesional de carrera y relación con la comunidad.",
         "120", prerequisites=("FLETC-LEM",), languages=ES, size=(16, 30)),
    Plan("ACCRED-MGR", "LEADERSHIP", "Accreditation Manager", "Gestor de acreditación",
         "Running an agency's accreditation: the self-assessment, proofs of compliance and on-site assessment.",
         "Conducción de la acreditación de una institución: autoevaluación, pruebas de cumplimiento y evaluación en sitio.",
         "24", mode=BL, languages=BOTH, size=(10, 30)),

    # Communications and dispatch
    Plan("C5-DISP", "COMMS", "Emergency Dispatch (9-1-1)", "Operación de centros de atención de emergencias 9-1-1",
         "Call taking, incident classification and dispatching units under the national 9-1-1 standard.",
         "Recepción de llamadas, clasificación de incidentes y despacho de unidades conforme a la norma nacional 9-1-1.",
         "40", languages=ES, size=(16, 30)),
    Plan("C5-CRISIS", "COMMS", "Crisis Call Handling", "Atención de llamadas en crisis",
         "Suicide risk, domestic violence and extortion calls: keeping callers on the line and safe.",
         "Llamadas con riesgo suicida, violencia familiar y extorsión: mantener a la persona en línea y a salvo.",
         "16", mode=BL, prerequisites=("C5-DISP",), languages=ES, size=(12, 30)),
    Plan("JOINT-RADIO", "COMMS", "Binational Radio Interoperability", "Interoperabilidad de radiocomunicación binacional",
         "Shared channels, plain-language protocols and joint exercises between border command centers.",
         "Canales compartidos, protocolos en lenguaje claro y ejercicios conjuntos entre centros de mando fronterizos.",
         "16", threats=("MIGRANT-SMUGGLING",), languages=BOTH, vetting=True, size=(10, 24)),

    # Digital investigations
    Plan("FLETC-CYBER", "CYBER", "Cyber Investigations Fundamentals", "Fundamentos de investigación cibernética",
         "Seizing devices, preserving digital evidence and requesting data from providers.",
         "Aseguramiento de dispositivos, preservación de evidencia digital y solicitudes de datos a proveedores.",
         "40", threats=("CYBERCRIME",), languages=BOTH, size=(12, 24)),
    Plan("FLETC-DARKWEB", "CYBER", "Dark Web and Cryptocurrency Investigations", "Investigación en la web oscura y criptomonedas",
         "Online drug markets, tracing cryptocurrency payments and attributing vendors.",
         "Mercados de drogas en línea, rastreo de pagos con criptomonedas y atribución de vendedores.",
         "24", threats=("FENTANYL", "CYBERCRIME", "MONEY-LAUNDERING"), prerequisites=("FLETC-CYBER",), languages=BOTH, size=(12, 24)),
    Plan("FGR-INFORENSE", "CYBER", "Digital Forensics", "Informática forense",
         "Forensic copies, phone extraction and reporting digital findings for trial.",
         "Copias forenses, extracción de teléfonos y dictámenes de hallazgos digitales para juicio.",
         "80", threats=("CYBERCRIME",), prerequisites=("FLETC-CYBER", "FGR-CADENA"), languages=ES, size=(8, 16)),
    Plan("FLETC-OSINT", "CYBER", "Open-Source Intelligence", "Inteligencia de fuentes abiertas",
         "Lawful collection and analysis of social media and other public sources.",
         "Obtención y análisis lícitos de redes sociales y otras fuentes públicas.",
         "16", mode=BL, threats=("HUMAN-TRAFFICKING", "MIGRANT-SMUGGLING", "CYBERCRIME"), languages=BOTH, size=(10, 30)),

    # Law and criminal procedure
    Plan("SESNSP-FI", "LEGAL", "Initial Training for Preventive Police", "Formación inicial para policía preventivo",
         "The initial training every Mexican police officer needs for the Single Police Certificate (CUP).",
         "La formación inicial que todo policía requiere para el Certificado Único Policial (CUP).",
         "480", languages=ES, size=(30, 50)),
    Plan("SESNSP-SJP", "LEGAL", "Accusatory Criminal Justice System", "Sistema de justicia penal acusatorio",
         "Police duties in the accusatory system: arrests in flagrante, rights reading and testifying in oral trials.",
         "Funciones policiales en el sistema acusatorio: detención en flagrancia, lectura de derechos y comparecencia en juicio oral.",
         "40", mode=BL, languages=ES, size=(20, 40)),
    Plan("SESNSP-IPH", "LEGAL", "Standard Police Report (IPH)", "Informe Policial Homologado",
         "Completing the standard police report so that it supports the prosecution.",
         "Llenado del Informe Policial Homologado para que sustente la investigación.",
         "6", mode=EL, prerequisites=("SESNSP-PR",), languages=ES, size=ONLINE),
    Plan("FLETC-LEGAL-MX", "LEGAL", "Mexican Criminal Procedure for U.S. Officers", "Procedimiento penal mexicano para personal estadounidense",
         "How evidence and testimony from U.S. officers are used in Mexican courts.",
         "Cómo se usan en los tribunales mexicanos la evidencia y los testimonios de agentes estadounidenses.",
         "16", mode=BL, languages=BOTH, size=(12, 30)),
    Plan("JOINT-MLAT", "LEGAL", "Mutual Legal Assistance and Extradition", "Asistencia jurídica mutua y extradición",
         "Requests for evidence and people between Mexico and the United States.",
         "Solicitudes de pruebas y de personas entre México y Estados Unidos.",
         "12", mode=EL, threats=("FENTANYL", "FIREARMS-TRAFFICKING", "HUMAN-TRAFFICKING"), languages=BOTH, vetting=True, size=ONLINE),
    Plan("SESNSP-JUSTCIV", "LEGAL", "Civic Justice and Community Policing (2016 model)", "Justicia cívica y policía de proximidad (modelo 2016)",
         "Superseded by the current civic justice model.",
         "Sustituido por el modelo vigente de justicia cívica.",
         "20", languages=ES, size=(20, 40), retired=True),
]

MISSION_CRITICAL = ("FLETC-TMFR", "FLETC-ASTR", "FLETC-AIP")
ANAM_MODULES = ("ANAM-CITES", "ANAM-GENERO", "ANAM-DDHH")


def _ce_credits(hours: Decimal) -> Decimal:
    """One continuing-education credit per ten contact hours, as IACET counts them."""
    return (hours / 10).quantize(Decimal("0.1"))


def build(ctx):
    domains = {
        domain.code: domain
        for domain in Domain.objects.bulk_create(Domain(code=code, name_en=en, name_es=es) for code, en, es in DOMAINS)
    }
    threats = {
        threat.code: threat
        for threat in ThreatTag.objects.bulk_create(
            ThreatTag(code=code, name_en=en, name_es=es, weight=Decimal(weight)) for code, en, es, weight in THREATS
        )
    }
    ctx.progress(20, f"{len(domains)} domains, {len(threats)} threats")
    programs = {}
    for plan in PROGRAMS:
        hours = Decimal(plan.hours).quantize(Decimal("0.1"))
        programs[plan.code] = Program(
            code=plan.code, title_en=plan.title_en, title_es=plan.title_es,
            description_en=plan.description_en, description_es=plan.description_es,
            domain=domains[plan.domain], mission_critical=plan.mission_critical, delivery_mode=plan.mode,
            hours=hours, ce_credits=_ce_credits(hours), vetting_required=plan.vetting,
            min_class_size=plan.size[0], max_class_size=plan.size[1], languages=list(plan.languages),
            status=Program.Status.RETIRED if plan.retired else Program.Status.ACTIVE,
        )
    Program.objects.bulk_create(programs.values())
    ctx.progress(70, f"{len(programs)} programs")
    Program.threats.through.objects.bulk_create(
        Program.threats.through(program_id=programs[plan.code].pk, threattag_id=threats[code].pk)
        for plan in PROGRAMS for code in plan.threats
    )
    Program.prerequisites.through.objects.bulk_create(
        Program.prerequisites.through(from_program_id=programs[plan.code].pk, to_program_id=programs[code].pk)
        for plan in PROGRAMS for code in plan.prerequisites
    )
    ctx.data["programs"] = programs
    ctx.data["domains"] = domains
    ctx.data["threats"] = threats
    ctx.counts["programs"] = len(programs)
    ctx.progress(100, f"{len(programs)} programs")
