"""Names and ranks for demo people.

Lists are ordered from most to least common; `weighted()` turns the order into Zipf-like
weights, so "Hernández" turns up far more often than "Quintero", as it does in real rosters.
Rank tables list (rank, weight) with the entry rank first: new hires always hold it.
Every name here is a common given or family name; no combination is meant to be a real person.
"""
import unicodedata
from bisect import bisect
from itertools import accumulate

# --- Mexico -------------------------------------------------------------------------------

MX_GIVEN_MALE = [
    "José Luis", "Juan", "José", "Luis", "Carlos", "Jorge", "Miguel Ángel", "Francisco", "Jesús",
    "Juan Carlos", "Alejandro", "Antonio", "Manuel", "Pedro", "Ricardo", "Fernando", "Roberto",
    "Eduardo", "Francisco Javier", "Javier", "Daniel", "Sergio", "Raúl", "Héctor", "Óscar",
    "Arturo", "Martín", "Mario", "Juan Manuel", "Alberto", "Rafael", "Enrique", "Ramón", "Víctor",
    "Gerardo", "José Antonio", "Hugo", "Julio César", "Salvador", "Rubén", "Andrés", "Alfredo",
    "Ángel", "Adrián", "Marco Antonio", "Iván", "Omar", "Gustavo", "Armando", "Víctor Manuel",
    "Guillermo", "Ernesto", "Luis Fernando", "Israel", "Diego", "Édgar", "Jorge Alberto",
    "Abraham", "Alfonso", "Rodolfo", "Felipe", "Ignacio", "Juan Pablo", "Joel", "Saúl",
    "Gilberto", "Cristian", "Emmanuel", "José Guadalupe", "Uriel", "Jonathan", "Erick", "Josué",
    "Noé", "Efraín", "Isaac", "Leonardo", "Moisés", "Luis Enrique", "Carlos Alberto",
]
MX_GIVEN_FEMALE = [
    "María Guadalupe", "María", "Guadalupe", "Ana", "Laura", "Patricia", "Rosa María", "Leticia",
    "Claudia", "Verónica", "Alejandra", "Gabriela", "Adriana", "María Fernanda", "Elizabeth",
    "Martha", "Silvia", "Norma", "Mónica", "Yolanda", "Sandra", "Diana", "Karla", "Daniela",
    "Andrea", "Ana Karen", "Carolina", "Brenda", "Araceli", "Beatriz", "María del Carmen",
    "Lorena", "Erika", "Jessica", "Paola", "Mariana", "Alma", "Rocío", "Cecilia", "María Elena",
    "Teresa", "Susana", "Liliana", "Miriam", "Nancy", "Berenice", "Itzel", "Ximena", "Valeria",
    "Esmeralda", "Lucía", "Angélica", "Margarita", "Irma", "Gloria", "Luz María", "Yesenia",
    "Karina", "Viridiana", "Ana Laura", "Diana Laura", "Blanca Estela", "Perla", "Sofía",
]
MX_FAMILY = [
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina",
    "Castro", "Vargas", "Guzmán", "Velázquez", "Muñoz", "Rojas", "Contreras", "Salazar", "Luna",
    "Ortega", "Guerrero", "Santiago", "Estrada", "Bautista", "Cortés", "Soto", "Alvarado",
    "Espinoza", "Lara", "Ávila", "Ríos", "Cervantes", "Silva", "Delgado", "Vega", "Márquez",
    "Sandoval", "Carrillo", "León", "Mejía", "Solís", "Ibarra", "Rosas", "Valdez", "Núñez",
    "Campos", "Santos", "Camacho", "Navarro", "Peña", "Maldonado", "Rosales", "Acosta", "Miranda",
    "Trejo", "Cabrera", "Valencia", "Nava", "Castañeda", "Pacheco", "Robles", "Molina", "Rangel",
    "Fuentes", "Huerta", "Meza", "Aguirre", "Cárdenas", "Orozco", "Padilla", "Ayala", "Salas",
    "Sosa", "Montes", "Treviño", "Villarreal", "Garza", "Cantú", "Elizondo", "Zamora", "Quintero",
    "Ochoa", "Valenzuela", "Félix", "Zúñiga", "Tapia", "Esquivel", "Beltrán", "Arellano",
]

# --- United States ------------------------------------------------------------------------

US_GIVEN_MALE = [
    "Michael", "James", "John", "Robert", "David", "Christopher", "William", "Daniel", "Joseph",
    "Matthew", "Richard", "Thomas", "Anthony", "Mark", "Steven", "Joshua", "Andrew", "Brian",
    "Kevin", "Jason", "Ryan", "Eric", "Jeffrey", "Timothy", "Paul", "Kenneth", "Justin",
    "Jonathan", "Brandon", "Nicholas", "Benjamin", "Jacob", "Aaron", "Adam", "Scott", "Gregory",
    "Patrick", "Samuel", "Nathan", "Tyler", "Kyle", "Travis", "Zachary", "Cody", "Dustin",
    "Shawn", "Derek", "Wesley", "Craig", "Bradley",
]
US_GIVEN_FEMALE = [
    "Jennifer", "Jessica", "Sarah", "Ashley", "Amanda", "Elizabeth", "Michelle", "Stephanie",
    "Melissa", "Nicole", "Rebecca", "Laura", "Emily", "Rachel", "Megan", "Heather", "Kimberly",
    "Amy", "Lisa", "Angela", "Christina", "Kelly", "Samantha", "Erin", "Katherine", "Crystal",
    "Tiffany", "Brittany", "Danielle", "Courtney", "Lauren", "Mary", "Julie", "Andrea",
]
US_GIVEN_MALE_HISPANIC = [
    "Jose", "Juan", "Luis", "Carlos", "Jorge", "Daniel", "Miguel", "Jesus", "Roberto", "Ricardo",
    "Eduardo", "Javier", "Raul", "Hector", "Oscar", "Arturo", "Mario", "Alejandro", "Francisco",
    "Ruben", "Adrian", "Gilbert", "Rudy", "Ramiro", "Omar", "Gabriel", "Rogelio", "Armando",
]
US_GIVEN_FEMALE_HISPANIC = [
    "Maria", "Veronica", "Adriana", "Claudia", "Monica", "Alejandra", "Gabriela", "Yesenia",
    "Marisol", "Leticia", "Elizabeth", "Jessica", "Diana", "Cynthia", "Priscilla", "Vanessa",
    "Angelica", "Norma", "Sandra", "Raquel", "Elena", "Rosa",
]
US_FAMILY = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
    "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill",
    "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips",
    "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward",
    "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price",
    "Myers", "Long", "Foster", "Sanders", "Ross", "Powell", "Sullivan", "Russell", "Jenkins",
    "Perry", "Butler", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson",
    "Jordan", "Reynolds", "Hamilton", "Graham", "Wallace", "Cole", "West", "Hayes", "Bryant",
    "Ellis", "Stevens", "Murray", "Ford", "Marshall", "Owens", "McDonald", "Harrison", "Kennedy",
    "Wells", "Whitaker", "Holloway", "Pruitt",
]
US_FAMILY_HISPANIC = [
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez",
    "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Cruz", "Morales", "Ortiz",
    "Gutierrez", "Chavez", "Ramos", "Ruiz", "Alvarez", "Mendoza", "Castillo", "Jimenez",
    "Vasquez", "Moreno", "Herrera", "Medina", "Aguilar", "Vargas", "Guerrero", "Salinas",
    "Trevino", "Garza", "Cantu", "Villarreal", "Guerra", "Pena", "Rios", "Delgado", "Castro",
    "Soto", "Contreras", "Luna", "Sandoval", "Vega", "Dominguez", "Estrada", "Cavazos", "Saenz",
    "Zamora", "Barrera", "Ybarra", "Montoya", "Baca", "Lucero", "Romero", "Gallegos", "Archuleta",
]

# --- Ranks --------------------------------------------------------------------------------
# Each table: (rank, weight), entry rank first.

RANKS = {
    # Mexico: the police career scale of the Ley General del Sistema Nacional de Seguridad Pública.
    "mx_police": [
        ("Policía", 38), ("Policía Tercero", 18), ("Policía Segundo", 13), ("Policía Primero", 10),
        ("Suboficial", 8), ("Oficial", 5), ("Subinspector", 3), ("Inspector", 2),
        ("Inspector Jefe", 1.2), ("Inspector General", 0.5), ("Comisario", 0.3),
    ],
    "mx_investigation": [
        ("Agente de Investigación", 62), ("Agente Ministerial", 20), ("Jefe de Grupo", 10),
        ("Comandante", 5), ("Coordinador Regional", 2), ("Director de Área", 1),
    ],
    "mx_federal_ministerial": [
        ("Agente de la Policía Federal Ministerial", 70), ("Agente de Investigación Criminal", 15),
        ("Jefe de Grupo", 9), ("Comandante", 4), ("Subdirector de Área", 2),
    ],
    "mx_guard": [
        ("Guardia", 52), ("Cabo", 20), ("Sargento Segundo", 10), ("Sargento Primero", 7),
        ("Subinspector", 5), ("Inspector", 3), ("Primer Inspector", 1.6), ("Inspector Jefe", 0.8),
        ("Comisario", 0.4), ("Comisario Jefe", 0.15), ("Comisario General", 0.05),
    ],
    "mx_customs": [
        ("Oficial de Comercio Exterior", 60), ("Verificador de Mercancías", 15),
        ("Oficial de Comercio Exterior (Binomio Canino)", 4), ("Supervisor de Aduana", 12),
        ("Jefe de Departamento", 5), ("Subadministrador de Aduana", 3), ("Administrador de Aduana", 1),
    ],
    "mx_federal_protection": [
        ("Agente de Protección Federal", 62), ("Agente Primero", 18), ("Suboficial", 10),
        ("Oficial", 6), ("Inspector", 3), ("Comisario", 1),
    ],
    "mx_forensic": [
        ("Perito Técnico", 35), ("Perito Profesional", 40), ("Perito Químico", 10),
        ("Jefe de Departamento", 9), ("Coordinador de Servicios Periciales", 4), ("Director de Laboratorio", 2),
    ],
    "mx_academy": [
        ("Instructor", 55), ("Instructor Evaluador", 20), ("Coordinador Académico", 12),
        ("Jefe de Departamento", 8), ("Subdirector Académico", 3), ("Director de Academia", 2),
    ],
    "mx_comms": [
        ("Operador de Atención de Llamadas 9-1-1", 40), ("Monitorista de Videovigilancia", 30),
        ("Despachador", 15), ("Supervisor de Turno", 9), ("Jefe de Sala", 4), ("Coordinador del Centro", 2),
    ],
    # United States
    "us_cbp": [
        ("CBP Officer", 70), ("CBP Officer (Canine)", 4), ("CBP Agriculture Specialist", 8),
        ("Supervisory CBP Officer", 11), ("Chief CBP Officer", 4), ("Assistant Port Director", 2), ("Port Director", 1),
    ],
    "us_usbp": [
        ("Border Patrol Agent", 74), ("Border Patrol Agent (Canine)", 4), ("Supervisory Border Patrol Agent", 13),
        ("Watch Commander", 4), ("Deputy Patrol Agent in Charge", 2.5), ("Patrol Agent in Charge", 1.5),
        ("Chief Patrol Agent", 1),
    ],
    "us_special_agent": [
        ("Special Agent", 62), ("Senior Special Agent", 18), ("Intelligence Research Specialist", 6),
        ("Supervisory Special Agent", 8), ("Group Supervisor", 3), ("Resident Agent in Charge", 2),
        ("Assistant Special Agent in Charge", 1),
    ],
    "us_dea": [
        ("Special Agent", 65), ("Diversion Investigator", 10), ("Intelligence Research Specialist", 8),
        ("Group Supervisor", 10), ("Resident Agent in Charge", 4), ("Assistant Special Agent in Charge", 3),
    ],
    "us_atf": [
        ("Special Agent", 62), ("Industry Operations Investigator", 18), ("Senior Special Agent", 8),
        ("Group Supervisor", 8), ("Resident Agent in Charge", 3), ("Assistant Special Agent in Charge", 1),
    ],
    "us_trooper": [
        ("Trooper", 65), ("Corporal", 10), ("Sergeant", 14), ("Lieutenant", 6), ("Captain", 3), ("Major", 2),
    ],
    "us_chp": [
        ("Officer", 78), ("Sergeant", 14), ("Lieutenant", 5), ("Captain", 2.5), ("Assistant Chief", 0.5),
    ],
    "us_txdps": [
        ("Trooper", 58), ("Corporal", 8), ("Sergeant", 12), ("Special Agent", 10), ("Texas Ranger", 3),
        ("Lieutenant", 5), ("Captain", 3), ("Major", 1),
    ],
    "us_sheriff": [
        ("Deputy Sheriff", 62), ("Senior Deputy", 12), ("Corporal", 7), ("Sergeant", 11),
        ("Lieutenant", 5), ("Captain", 2), ("Commander", 0.7), ("Undersheriff", 0.3),
    ],
    "us_city_police": [
        ("Police Officer", 58), ("Senior Police Officer", 10), ("Detective", 11), ("Corporal", 5),
        ("Sergeant", 10), ("Lieutenant", 4), ("Captain", 1.5), ("Assistant Chief", 0.5),
    ],
    "us_tribal_police": [
        ("Police Officer", 66), ("Criminal Investigator", 10), ("Corporal", 8), ("Sergeant", 10),
        ("Lieutenant", 4), ("Chief of Police", 2),
    ],
    "us_academy": [
        ("Instructor", 55), ("Senior Instructor", 20), ("Training Coordinator", 12),
        ("Curriculum Specialist", 8), ("Deputy Director", 3), ("Academy Director", 2),
    ],
    "us_lab": [
        ("Forensic Scientist", 45), ("Criminalist", 20), ("Chemist", 12), ("Senior Forensic Scientist", 12),
        ("Laboratory Supervisor", 8), ("Laboratory Director", 3),
    ],
    "us_comms": [
        ("Public Safety Telecommunicator", 55), ("Emergency Dispatcher", 25), ("Communications Training Officer", 8),
        ("Dispatch Supervisor", 8), ("Communications Manager", 4),
    ],
    "us_guard": [
        ("Specialist", 40), ("Sergeant", 22), ("Staff Sergeant", 15), ("Sergeant First Class", 8),
        ("Second Lieutenant", 6), ("First Lieutenant", 5), ("Captain", 4),
    ],
}

# The rank table an agency uses when it names none itself: by (country, kind).
DEFAULT_RANKS = {
    ("MX", "police"): "mx_police",
    ("MX", "customs"): "mx_customs",
    ("MX", "border_patrol"): "mx_police",
    ("MX", "national_guard"): "mx_guard",
    ("MX", "training_academy"): "mx_academy",
    ("MX", "communications_center"): "mx_comms",
    ("MX", "forensic_lab"): "mx_forensic",
    ("US", "police"): "us_city_police",
    ("US", "customs"): "us_cbp",
    ("US", "border_patrol"): "us_usbp",
    ("US", "national_guard"): "us_guard",
    ("US", "training_academy"): "us_academy",
    ("US", "communications_center"): "us_comms",
    ("US", "forensic_lab"): "us_lab",
}


class Picker:
    """Draws from a list with fixed weights using one `rng.random()` per draw."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, items, weights=None):
        self.items = list(items)
        if weights is None:
            weights = weighted(len(self.items))
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def weighted(n: int, exponent: float = 0.9) -> list[float]:
    """Zipf-like weights for a list ordered from most to least common."""
    return [1 / (rank + 1) ** exponent for rank in range(n)]


def rank_picker(table: str) -> Picker:
    ranks, weights = zip(*RANKS[table])
    return Picker(ranks, weights)


# --- Parts of a CURP-like identifier --------------------------------------------------------

_VOWELS = set("AEIOU")
# Given names the CURP skips when they come first in a compound given name.
_SKIPPED_GIVEN = {"JOSE", "J", "MARIA", "MA", "MA."}


def plain(text: str) -> str:
    """Upper case without accents; Ñ becomes X, as in the CURP."""
    text = text.upper().replace("Ñ", "X")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def curp_family_letters(family: str) -> str:
    """First letter and first inner vowel of the first family name (CURP positions 1–2)."""
    word = plain(family).split()[-1]
    vowel = next((c for c in word[1:] if c in _VOWELS), "X")
    return word[0] + vowel


def curp_given_letter(given: str) -> str:
    """First letter of the given name, skipping a leading José or María in compounds."""
    words = plain(given).split()
    if len(words) > 1 and words[0] in _SKIPPED_GIVEN:
        words = words[1:]
    return words[0][0]
