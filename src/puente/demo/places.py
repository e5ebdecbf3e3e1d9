"""Static reference data for the registry demo: states, municipalities, counties, tribal nations
and the agencies that serve them.

Codes follow the official schemes: INEGI for Mexico (state "02", municipality "02004" for
Tijuana), FIPS for the United States (state "06", county "06073" for San Diego County, place
"0666000" for the city of San Diego). Tribal nations carry a census-style "AI" code.

`border` marks places within the 100 km strip on either side of the boundary that the
La Paz Agreement (1983) calls the border area; `remote` marks sparse, hard-to-reach places.

Sizes and weights are the demo's figures, not official headcounts: US `size` is the number of
people the agency gets at full scale; Mexican `weight` is a relative share within its level
(the level totals come from the CUP figures, see registry.py).
"""
from typing import NamedTuple

# --- Mexico -------------------------------------------------------------------------------


class MxState(NamedTuple):
    code: str  # INEGI
    name: str
    short: str  # used in agency codes
    renapo: str  # birth-state letters in a CURP
    border: bool
    weight: float  # relative size of the state force (state level)
    police: tuple[str, str] | None = None  # (name, acronym) when not the generic SSP
    academy: tuple[str, str] | None = None
    comms: str = "C4"
    of: str = ""  # "del Estado de Sonora"; generic when empty
    fiscalia: str = ""  # the state prosecutor's office (border states)

    @property
    def of_name(self) -> str:
        return self.of or f"del Estado de {self.name}"


MX_STATES = [
    MxState("01", "Aguascalientes", "AGS", "AS", False, 1.8),
    MxState(
        "02", "Baja California", "BC", "BC", True, 4.5,
        police=("Secretaría de Seguridad Ciudadana de Baja California", "SSCBC"),
        academy=("Academia de Seguridad Pública de Baja California", "ASPBC"),
        comms="C5", of="de Baja California", fiscalia="Fiscalía General del Estado de Baja California",
    ),
    MxState("03", "Baja California Sur", "BCS", "BS", False, 1.5),
    MxState("04", "Campeche", "CAMP", "CC", False, 1.5),
    MxState(
        "05", "Coahuila", "COAH", "CL", True, 4.0,
        police=("Secretaría de Seguridad Pública de Coahuila de Zaragoza", "SSP"),
        of="de Coahuila de Zaragoza", fiscalia="Fiscalía General del Estado de Coahuila de Zaragoza",
    ),
    MxState("06", "Colima", "COL", "CM", False, 1.3),
    MxState("07", "Chiapas", "CHIS", "CS", False, 5.0),
    MxState(
        "08", "Chihuahua", "CHIH", "CH", True, 6.0,
        police=("Secretaría de Seguridad Pública del Estado de Chihuahua", "SSPE"),
        fiscalia="Fiscalía General del Estado de Chihuahua",
    ),
    MxState(
        "09", "Ciudad de México", "CDMX", "DF", False, 45.0,
        police=("Secretaría de Seguridad Ciudadana de la Ciudad de México", "SSC"),
        academy=("Universidad de la Policía de la Ciudad de México", "UPCDMX"),
        comms="C5", of="de la Ciudad de México",
    ),
    MxState("10", "Durango", "DGO", "DG", False, 2.5),
    MxState("11", "Guanajuato", "GTO", "GT", False, 6.0, comms="C5"),
    MxState("12", "Guerrero", "GRO", "GR", False, 5.0),
    MxState("13", "Hidalgo", "HGO", "HG", False, 3.0, comms="C5"),
    MxState(
        "14", "Jalisco", "JAL", "JC", False, 9.0,
        police=("Secretaría de Seguridad del Estado de Jalisco", "SSJ"), comms="C5",
    ),
    MxState(
        "15", "Estado de México", "MEX", "MC", False, 18.0,
        police=("Secretaría de Seguridad del Estado de México", "SSEM"), comms="C5", of="del Estado de México",
    ),
    MxState("16", "Michoacán", "MICH", "MN", False, 6.0, of="del Estado de Michoacán de Ocampo"),
    MxState("17", "Morelos", "MOR", "MS", False, 2.5, comms="C5"),
    MxState("18", "Nayarit", "NAY", "NT", False, 1.5),
    MxState(
        "19", "Nuevo León", "NL", "NL", True, 7.0,
        police=("Institución Policial Estatal Fuerza Civil de Nuevo León", "FC"),
        academy=("Universidad de Ciencias de la Seguridad", "UCS"),
        comms="C5", of="de Nuevo León", fiscalia="Fiscalía General de Justicia del Estado de Nuevo León",
    ),
    MxState("20", "Oaxaca", "OAX", "OC", False, 4.0),
    MxState("21", "Puebla", "PUE", "PL", False, 5.0, comms="C5"),
    MxState("22", "Querétaro", "QRO", "QT", False, 2.5, comms="C5"),
    MxState("23", "Quintana Roo", "QROO", "QR", False, 2.5),
    MxState("24", "San Luis Potosí", "SLP", "SP", False, 3.0),
    MxState("25", "Sinaloa", "SIN", "SL", False, 3.5),
    MxState(
        "26", "Sonora", "SON", "SR", True, 4.0,
        academy=("Instituto Superior de Seguridad Pública del Estado de Sonora", "ISSPE"),
        fiscalia="Fiscalía General de Justicia del Estado de Sonora",
    ),
    MxState("27", "Tabasco", "TAB", "TC", False, 3.0),
    MxState(
        "28", "Tamaulipas", "TAMS", "TS", True, 5.0,
        police=("Secretaría de Seguridad Pública de Tamaulipas (Guardia Estatal)", "SSPT"),
        of="de Tamaulipas", fiscalia="Fiscalía General de Justicia del Estado de Tamaulipas",
    ),
    MxState("29", "Tlaxcala", "TLAX", "TL", False, 1.2),
    MxState("30", "Veracruz", "VER", "VZ", False, 8.0, of="del Estado de Veracruz de Ignacio de la Llave", comms="C5"),
    MxState("31", "Yucatán", "YUC", "YN", False, 4.0),
    MxState("32", "Zacatecas", "ZAC", "ZS", False, 2.0),
]

# Names of the C4 and C5 centres.
COMMS_NAMES = {
    "C4": "Centro de Control, Comando, Comunicaciones y Cómputo (C4) {of}",
    "C5": "Centro de Comando, Control, Cómputo, Comunicaciones y Contacto Ciudadano (C5) {of}",
}

# How municipal police forces are named: style -> (acronym, name).
MUNICIPAL_POLICE_STYLES = {
    "DSPM": ("DSPM", "Dirección de Seguridad Pública Municipal de {name}"),
    "SSPM": ("SSPM", "Secretaría de Seguridad Pública Municipal de {name}"),
    "SSPCM": ("SSPCM", "Secretaría de Seguridad y Protección Ciudadana Municipal de {name}"),
    "SSPC": ("SSPC", "Secretaría de Seguridad y Protección a la Ciudadanía de {name}"),
    "SSPV": ("SSPV", "Secretaría de Seguridad Pública y Vialidad de {name}"),
    "SSC": ("SSC", "Secretaría de Seguridad Ciudadana de {name}"),
    "CSP": ("CSP", "Comisaría de Seguridad Pública de {name}"),
    "PM": ("PM", "Policía Municipal de {name}"),
}


class MxMunicipality(NamedTuple):
    code: str  # the three INEGI digits after the state code
    name: str
    short: str
    weight: float  # relative size of its police (municipal level); 0 = no municipal police
    border: bool = False
    remote: bool = False
    style: str = "DSPM"


M = MxMunicipality

# Every municipality with weight > 0 gets a municipal police force. The list is kept so that
# at the smallest demo scale (0.2%) each force still has at least three officers.
MX_MUNICIPALITIES = {
    "01": [M("001", "Aguascalientes", "AGS", 1300, style="SSPM"), M("005", "Jesús María", "JMA", 250),
           M("011", "San Francisco de los Romo", "SFR", 120)],
    "02": [
        M("001", "Ensenada", "ENS", 900, border=True),
        M("002", "Mexicali", "MXL", 1500, border=True),
        M("003", "Tecate", "TKT", 260, border=True),
        M("004", "Tijuana", "TIJ", 2700, border=True, style="SSPCM"),
        M("005", "Playas de Rosarito", "ROS", 300, border=True),
        M("006", "San Quintín", "SQN", 140, remote=True),
    ],
    "03": [M("003", "La Paz", "LPZ", 700), M("008", "Los Cabos", "LCB", 750), M("001", "Comondú", "CMD", 200)],
    "04": [M("002", "Campeche", "CAM", 600), M("003", "Carmen", "CAR", 550), M("004", "Champotón", "CHA", 150)],
    "05": [
        M("002", "Acuña", "ACU", 380, border=True),
        M("012", "Guerrero", "GRO", 20, border=True, remote=True),
        M("013", "Hidalgo", "HGO", 20, border=True, remote=True),
        M("018", "Monclova", "MVA", 350),
        M("025", "Piedras Negras", "PNG", 400, border=True),
        M("030", "Saltillo", "SAL", 1100, style="SSPM"),
        M("035", "Torreón", "TRC", 1300, style="SSPM"),
    ],
    "06": [M("002", "Colima", "COL", 350), M("007", "Manzanillo", "MZO", 400), M("010", "Villa de Álvarez", "VDA", 250)],
    "07": [M("101", "Tuxtla Gutiérrez", "TGZ", 1100, style="SSPM"), M("089", "Tapachula", "TAP", 700),
           M("078", "San Cristóbal de las Casas", "SCC", 350)],
    "08": [
        M("005", "Ascensión", "ASC", 80, border=True, remote=True),
        M("017", "Cuauhtémoc", "CUA", 400),
        M("019", "Chihuahua", "CUU", 1500),
        M("035", "Janos", "JAN", 40, border=True, remote=True),
        M("037", "Juárez", "CJS", 2400, border=True, style="SSPM"),
        M("052", "Ojinaga", "OJI", 90, border=True, remote=True),
        M("053", "Praxedis G. Guerrero", "PGG", 40, border=True, remote=True),
    ],
    # Mexico City's boroughs have no police of their own: the city's SSC polices them.
    "09": [M("015", "Cuauhtémoc", "CUA", 0), M("007", "Iztapalapa", "IZT", 0), M("005", "Gustavo A. Madero", "GAM", 0)],
    "10": [M("005", "Durango", "DGO", 900), M("007", "Gómez Palacio", "GPA", 500), M("012", "Lerdo", "LER", 200)],
    "11": [M("020", "León", "LEO", 2400, style="SSPM"), M("015", "Guanajuato", "GTO", 450),
           M("007", "Celaya", "CEL", 900, style="SSC")],
    "12": [M("029", "Chilpancingo de los Bravo", "CHI", 500), M("001", "Acapulco de Juárez", "ACA", 1500, style="SSPM"),
           M("035", "Iguala de la Independencia", "IGU", 250)],
    "13": [M("048", "Pachuca de Soto", "PAC", 500), M("051", "Mineral de la Reforma", "MRF", 250),
           M("077", "Tulancingo de Bravo", "TUL", 250)],
    "14": [M("039", "Guadalajara", "GDL", 3000, style="CSP"), M("120", "Zapopan", "ZAP", 2200, style="CSP"),
           M("098", "San Pedro Tlaquepaque", "TLQ", 1000, style="CSP")],
    "15": [M("106", "Toluca", "TOL", 1500, style="SSC"), M("033", "Ecatepec de Morelos", "ECA", 2200),
           M("058", "Nezahualcóyotl", "NEZ", 1900, style="SSC")],
    "16": [M("053", "Morelia", "MOR", 1000), M("102", "Uruapan", "URU", 500), M("108", "Zamora", "ZAM", 300)],
    "17": [M("007", "Cuernavaca", "CVA", 700), M("011", "Jiutepec", "JIU", 300), M("006", "Cuautla", "CTL", 300)],
    "18": [M("017", "Tepic", "TEP", 600), M("020", "Bahía de Banderas", "BDB", 450), M("015", "Santiago Ixcuintla", "SIX", 150)],
    "19": [
        M("005", "Anáhuac", "ANA", 60, border=True, remote=True),
        M("039", "Monterrey", "MTY", 2000, style="SSPC"),
        M("026", "Guadalupe", "GPE", 1200, style="SSPV"),
        M("046", "San Nicolás de los Garza", "SNG", 1000, style="SSPV"),
    ],
    "20": [M("067", "Oaxaca de Juárez", "OAX", 700), M("043", "Heroica Ciudad de Juchitán de Zaragoza", "JUC", 250),
           M("184", "San Juan Bautista Tuxtepec", "TUX", 250)],
    "21": [M("114", "Puebla", "PUE", 2300, style="SSC"), M("156", "Tehuacán", "TEH", 450),
           M("140", "San Pedro Cholula", "SPC", 300)],
    "22": [M("014", "Querétaro", "QRO", 1400, style="SSPM"), M("016", "San Juan del Río", "SJR", 400),
           M("006", "Corregidora", "COR", 300)],
    "23": [M("004", "Othón P. Blanco", "OPB", 500), M("005", "Benito Juárez", "BJU", 1500, style="SSC"),
           M("008", "Solidaridad", "SOL", 700)],
    "24": [M("028", "San Luis Potosí", "SLP", 1100), M("035", "Soledad de Graciano Sánchez", "SGS", 450),
           M("013", "Ciudad Valles", "VAL", 250)],
    "25": [M("006", "Culiacán", "CUL", 1300, style="SSPM"), M("012", "Mazatlán", "MZT", 800, style="SSPM"),
           M("001", "Ahome", "AHO", 500)],
    "26": [
        M("002", "Agua Prieta", "APR", 250, border=True),
        M("017", "Caborca", "CAB", 220, border=True),
        M("018", "Cajeme", "CJM", 900),
        M("019", "Cananea", "CAN", 120, border=True),
        M("030", "Hermosillo", "HMO", 1300, style="SSPM"),
        M("039", "Naco", "NAC", 30, border=True, remote=True),
        M("043", "Nogales", "NOG", 600, border=True, style="SSPM"),
        M("048", "Puerto Peñasco", "PPE", 180, border=True),
        M("055", "San Luis Río Colorado", "SLR", 500, border=True),
        M("070", "General Plutarco Elías Calles", "PEC", 60, border=True, remote=True),
    ],
    "27": [M("004", "Centro", "CEN", 1300), M("002", "Cárdenas", "CAR", 350), M("005", "Comalcalco", "COM", 250)],
    "28": [
        M("007", "Camargo", "CAM", 40, border=True),
        M("014", "Guerrero", "GRO", 25, border=True, remote=True),
        M("022", "Matamoros", "MAT", 700, border=True),
        M("025", "Miguel Alemán", "MAL", 60, border=True),
        M("027", "Nuevo Laredo", "NLD", 800, border=True),
        M("032", "Reynosa", "REY", 900, border=True),
        M("033", "Río Bravo", "RBR", 250, border=True),
        M("038", "Tampico", "TAM", 600),
        M("041", "Victoria", "VIC", 700),
    ],
    "29": [M("033", "Tlaxcala", "TLX", 300), M("005", "Apizaco", "API", 200), M("013", "Huamantla", "HUA", 150)],
    "30": [M("087", "Xalapa", "XAL", 900), M("193", "Veracruz", "VER", 1300), M("039", "Coatzacoalcos", "COA", 700)],
    "31": [M("050", "Mérida", "MID", 1500, style="PM"), M("041", "Kanasín", "KAN", 200), M("102", "Valladolid", "VLL", 200)],
    "32": [M("056", "Zacatecas", "ZAC", 500), M("010", "Fresnillo", "FRE", 450), M("017", "Guadalupe", "GPE", 350)],
}
del M


class MxFederalAgency(NamedTuple):
    code: str
    name: str
    acronym: str
    kind: str
    weight: float  # share of the federal level
    ranks: str
    border: bool = False
    founded: int = 0  # no hire dates before this year


MX_FEDERAL_AGENCIES = [
    MxFederalAgency("MX-GN", "Guardia Nacional", "GN", "national_guard", 0.800, "mx_guard", border=True, founded=2019),
    MxFederalAgency("MX-ANAM", "Agencia Nacional de Aduanas de México", "ANAM", "customs", 0.085, "mx_customs",
                    border=True, founded=2022),
    MxFederalAgency("MX-FGR", "Fiscalía General de la República – Policía Federal Ministerial", "FGR", "police", 0.055,
                    "mx_federal_ministerial"),
    MxFederalAgency("MX-SPF", "Servicio de Protección Federal", "SPF", "police", 0.045, "mx_federal_protection"),
    MxFederalAgency("MX-FGR-CGSP", "Coordinación General de Servicios Periciales (FGR)", "CGSP", "forensic_lab", 0.011,
                    "mx_forensic"),
    MxFederalAgency("MX-SSPC-ASSP", "Academia Superior de Seguridad Pública (SSPC)", "ASSP", "training_academy", 0.004,
                    "mx_academy"),
]

# Shares of a state's force by agency; the fiscalía's units exist only in border states here.
MX_STATE_SHARES = {"police": 0.86, "investigation": 0.10, "academy": 0.012, "comms": 0.02, "lab": 0.012}

# --- United States --------------------------------------------------------------------------


class UsState(NamedTuple):
    code: str  # FIPS
    name: str
    short: str  # USPS
    border: bool


US_STATES = [
    UsState("06", "California", "CA", True),
    UsState("04", "Arizona", "AZ", True),
    UsState("35", "New Mexico", "NM", True),
    UsState("48", "Texas", "TX", True),
    # Interior: FLETC Glynco (Georgia) and the headquarters around Washington.
    UsState("13", "Georgia", "GA", False),
    UsState("11", "District of Columbia", "DC", False),
    UsState("51", "Virginia", "VA", False),
]


class UsCounty(NamedTuple):
    code: str  # 5-digit FIPS
    name: str
    short: str
    sheriff: str
    acronym: str
    size: int
    remote: bool = False


US_COUNTIES = [
    UsCounty("06073", "San Diego County", "SANDIEGO", "San Diego County Sheriff's Department", "SDSD", 2200),
    UsCounty("06025", "Imperial County", "IMPERIAL", "Imperial County Sheriff's Office", "ICSO", 230),
    UsCounty("04027", "Yuma County", "YUMA", "Yuma County Sheriff's Office", "YCSO", 250),
    UsCounty("04019", "Pima County", "PIMA", "Pima County Sheriff's Department", "PCSD", 520),
    UsCounty("04023", "Santa Cruz County", "SANTACRUZ", "Santa Cruz County Sheriff's Office", "", 60),
    UsCounty("04003", "Cochise County", "COCHISE", "Cochise County Sheriff's Office", "CCSO", 110),
    UsCounty("35029", "Luna County", "LUNA", "Luna County Sheriff's Office", "", 35, remote=True),
    UsCounty("35013", "Doña Ana County", "DONAANA", "Doña Ana County Sheriff's Office", "DASO", 160),
    UsCounty("35023", "Hidalgo County", "HIDALGO", "Hidalgo County Sheriff's Office", "", 12, remote=True),
    UsCounty("48141", "El Paso County", "ELPASO", "El Paso County Sheriff's Office", "EPCSO", 280),
    UsCounty("48229", "Hudspeth County", "HUDSPETH", "Hudspeth County Sheriff's Office", "", 15, remote=True),
    UsCounty("48377", "Presidio County", "PRESIDIO", "Presidio County Sheriff's Office", "", 12, remote=True),
    UsCounty("48043", "Brewster County", "BREWSTER", "Brewster County Sheriff's Office", "", 18, remote=True),
    UsCounty("48465", "Val Verde County", "VALVERDE", "Val Verde County Sheriff's Office", "", 60),
    UsCounty("48323", "Maverick County", "MAVERICK", "Maverick County Sheriff's Office", "", 55),
    UsCounty("48479", "Webb County", "WEBB", "Webb County Sheriff's Office", "", 200),
    UsCounty("48505", "Zapata County", "ZAPATA", "Zapata County Sheriff's Office", "", 40, remote=True),
    UsCounty("48427", "Starr County", "STARR", "Starr County Sheriff's Office", "", 60),
    UsCounty("48215", "Hidalgo County", "HIDALGO", "Hidalgo County Sheriff's Office", "HCSO", 320),
    UsCounty("48061", "Cameron County", "CAMERON", "Cameron County Sheriff's Office", "", 170),
]


class UsCity(NamedTuple):
    code: str  # 7-digit FIPS place code
    name: str
    short: str
    county: str  # FIPS of the county it lies in
    acronym: str  # of its police department
    size: int
    remote: bool = False


US_CITIES = [
    UsCity("0666000", "San Diego", "SANDIEGO", "06073", "SDPD", 1800),
    UsCity("0613392", "Chula Vista", "CHULAVISTA", "06073", "CVPD", 240),
    UsCity("0609710", "Calexico", "CALEXICO", "06025", "", 35),
    UsCity("0621782", "El Centro", "ELCENTRO", "06025", "", 45),
    UsCity("0485540", "Yuma", "YUMA", "04027", "YPD", 160),
    UsCity("0463470", "San Luis", "SANLUIS", "04027", "", 50),
    UsCity("0449640", "Nogales", "NOGALES", "04023", "", 45),
    UsCity("0420050", "Douglas", "DOUGLAS", "04003", "", 40),
    UsCity("0466820", "Sierra Vista", "SIERRAVISTA", "04003", "", 60),
    UsCity("0477000", "Tucson", "TUCSON", "04019", "TPD", 800),
    UsCity("3539380", "Las Cruces", "LASCRUCES", "35013", "LCPD", 180),
    UsCity("3575640", "Sunland Park", "SUNLANDPARK", "35013", "", 25),
    UsCity("3520270", "Deming", "DEMING", "35029", "", 30, remote=True),
    UsCity("4824000", "El Paso", "ELPASO", "48141", "EPPD", 1100),
    UsCity("4819792", "Del Rio", "DELRIO", "48465", "", 60),
    UsCity("4821892", "Eagle Pass", "EAGLEPASS", "48323", "", 70),
    UsCity("4841464", "Laredo", "LAREDO", "48479", "LPD", 500),
    UsCity("4861820", "Rio Grande City", "RIOGRANDECITY", "48427", "", 40),
    UsCity("4845384", "McAllen", "MCALLEN", "48215", "", 290),
    UsCity("4822660", "Edinburg", "EDINBURG", "48215", "", 160),
    UsCity("4848768", "Mission", "MISSION", "48215", "", 120),
    UsCity("4810768", "Brownsville", "BROWNSVILLE", "48061", "BPD", 250),
    UsCity("4832372", "Harlingen", "HARLINGEN", "48061", "", 130),
]


class TribalNation(NamedTuple):
    code: str
    name: str
    short: str
    state: str  # FIPS of the state it is listed under
    police: str
    acronym: str
    size: int
    remote: bool = True


US_TRIBAL_NATIONS = [
    TribalNation("AI4200", "Tohono O'odham Nation", "TON", "04", "Tohono O'odham Nation Police Department", "TOPD", 90),
    TribalNation("AI2870", "Pascua Yaqui Tribe", "PYT", "04", "Pascua Yaqui Tribe Police Department", "", 30, remote=False),
    TribalNation("AI0705", "Cocopah Indian Tribe", "COCOPAH", "04", "Cocopah Tribal Police Department", "", 20),
    TribalNation("AI1310", "Quechan Tribe of the Fort Yuma Indian Reservation", "QUECHAN", "06",
                 "Quechan Tribal Police Department", "", 15),
    TribalNation("AI4680", "Ysleta del Sur Pueblo", "YDSP", "48", "Ysleta del Sur Pueblo Tribal Police Department", "",
                 20, remote=False),
    TribalNation("AI1830", "Kickapoo Traditional Tribe of Texas", "KTTT", "48", "Kickapoo Tribal Police Department", "", 12),
]


class UsAgency(NamedTuple):
    code: str
    name: str
    acronym: str
    kind: str
    size: int
    where: str | None = None  # jurisdiction code; None for federal agencies
    ranks: str | None = None  # rank table; by kind when None
    border: bool = False  # federal agencies only; others follow their jurisdiction


US_FEDERAL_AGENCIES = [
    UsAgency("US-CBP", "U.S. Customs and Border Protection", "CBP", "customs", 25000, ranks="us_cbp", border=True),
    UsAgency("US-USBP", "U.S. Border Patrol", "USBP", "border_patrol", 19000, ranks="us_usbp", border=True),
    UsAgency("US-HSI", "ICE Homeland Security Investigations", "HSI", "police", 4500, ranks="us_special_agent"),
    UsAgency("US-DEA", "Drug Enforcement Administration", "DEA", "police", 2200, ranks="us_dea"),
    UsAgency("US-ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives", "ATF", "police", 1400, ranks="us_atf"),
    UsAgency("US-FLETC", "Federal Law Enforcement Training Centers", "FLETC", "training_academy", 1100),
    UsAgency("US-CBP-LSS", "CBP Laboratories and Scientific Services", "LSS", "forensic_lab", 250),
]

US_STATE_AGENCIES = [
    UsAgency("US-CA-CHP", "California Highway Patrol", "CHP", "police", 2000, "06", ranks="us_chp"),
    UsAgency("US-CA-CHP-ACAD", "California Highway Patrol Academy", "", "training_academy", 140, "06"),
    UsAgency("US-CA-DOJ-BFS", "California Department of Justice – Bureau of Forensic Services", "BFS", "forensic_lab",
             300, "06"),
    UsAgency("US-AZ-DPS", "Arizona Department of Public Safety", "AZDPS", "police", 1300, "04", ranks="us_trooper"),
    UsAgency("US-AZ-ALEA", "Arizona Law Enforcement Academy", "ALEA", "training_academy", 60, "04"),
    UsAgency("US-AZ-DPS-LAB", "Arizona DPS Crime Laboratory", "", "forensic_lab", 180, "04"),
    UsAgency("US-NM-NMSP", "New Mexico State Police", "NMSP", "police", 650, "35", ranks="us_trooper"),
    UsAgency("US-NM-NMLEA", "New Mexico Law Enforcement Academy", "NMLEA", "training_academy", 45, "35"),
    UsAgency("US-NM-DPS-LAB", "New Mexico Department of Public Safety Forensic Laboratory", "", "forensic_lab", 70, "35"),
    UsAgency("US-TX-DPS", "Texas Department of Public Safety", "TXDPS", "police", 3200, "48", ranks="us_txdps"),
    UsAgency("US-TX-DPS-ACAD", "Texas DPS Training Academy", "", "training_academy", 110, "48"),
    UsAgency("US-TX-DPS-LAB", "Texas DPS Crime Laboratory", "", "forensic_lab", 450, "48"),
    UsAgency("US-TX-TMD", "Texas Military Department (Texas National Guard)", "TMD", "national_guard", 1000, "48"),
]

# Local agencies that are neither a sheriff's office nor a city police department.
US_OTHER_LOCAL_AGENCIES = [
    UsAgency("US-CA-SANDIEGO-COMM", "San Diego County Sheriff's Communications Center", "", "communications_center",
             150, "06073"),
    UsAgency("US-CA-IMPERIAL-IVECA", "Imperial Valley Emergency Communications Authority", "IVECA",
             "communications_center", 40, "06025"),
    UsAgency("US-TX-ELPASO-911", "El Paso County 911 District", "", "communications_center", 60, "48141"),
    UsAgency("US-CA-SANDIEGO-LAB", "San Diego County Sheriff's Regional Crime Laboratory", "", "forensic_lab", 90,
             "06073"),
]
