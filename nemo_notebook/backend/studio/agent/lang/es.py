"""Spanish words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations


def _corner(adverb: str, adjective: str, side: str) -> tuple[str, ...]:
    """Every way a corner is said: "abajo a la derecha", "a la derecha abajo", "esquina inferior derecha"."""
    return (
        f"{adverb} a la {side}",
        f"{adverb} {side}",
        f"{adverb} en la {side}",
        f"a la {side} {adverb}",
        f"{side} {adverb}",
        f"esquina {adjective} {side}",
        f"{adjective} {side}",
        f"parte {adjective} {side}",
    )


CODE = "es"
# No other script to fold into the one the words are written in.
SCRIPT_FOLD = None
UNDO = (
    "vuelve atrás",
    "vuelve atras",
    "deshaz",
    "deshacer",
    "deshazlo",
    "vuelve atrás",
    "vuelve a como estaba",
    "revierte",
    "anula",
    "último cambio",
    "ultimo cambio",
    "ese cambio",
    "cambio anterior",
)
REDO = ("rehaz", "rehacer", "rehazlo")
INSTEAD = (
    r"(?<![a-z])en\s+(?:vez|lugar)\s+de\s+(?:la\s+|el\s+|los\s+|las\s+|una?\s+)?([^\W\d_]+)"
    r"|(?<![a-z])no\s+(?:en\s+)?(?:la|el|los|las|una?)\s+([^\W\d_]+)\s*(?:,\s*|\s+sino\s+)"
    r"|(?<![a-z])cambia\s+(?:la\s+|el\s+)?([^\W\d_]+)\s+por\s"
    r"|(?<![a-z])mejor\s+(?:[^\W\d_]+\s+){1,4}?que\s+(?:en\s+)?(?:la\s+|el\s+|los\s+|las\s+|una?\s+)?([^\W\d_]+)"
)
UNDONE = (
    r"(?<![a-z])(?:deshaz|cancela|anula|revierte|olvida|ignora)\s+(?:el\s+|ese\s+|lo\s+de\s+|lo\s+del\s+)?"
    r"(?:último\s+|ultimo\s+)?(?:deshacer|deshecho)(?![a-z])|(?<![a-z])no\s+(?:lo\s+)?(?:deshagas|deshicieras)"
    r"|(?<![a-z])no\s+(?:quería|queria|quise|debí|debi|era\s+para)\s+deshacer"
)
ORIGINAL = (
    "la original",
    "la primera versión",
    "la primera version",
    "versión original",
    "version original",
    "primera versión",
    "versión inicial",
    "como estaba",
    "el original",
    "como al principio",
    "del principio",
    "al principio",
    "a la primera",
    "al inicio",
)
# Cuántos cambios deshacer: "los últimos 2 cambios", "las dos últimas cosas que hice", "2 pasos".
_HECHO = r"(?:cambios|pasos|cosas|acciones|ediciones|modificaciones)"
UNDO_STEPS = (
    rf"(?:últimos|ultimos|últimas|ultimas)\s+(\d+)\s+{_HECHO}"
    rf"|(\d+)\s+(?:últimos|ultimos|últimas|ultimas)\s+{_HECHO}"
    r"|(\d+)\s+(?:veces|pasos|cambios|acciones|ediciones|cosas\s+que\s+(?:hice|hicimos|te\s+pedí|te\s+pedi))"
)
VERSION_BEFORE = (
    r"(?<![a-z])antes\s+de\s+(?:que\s+)?(?:hacerlo|hacerla|ponerlo|ponerla|ponerle|añadir|añadirle|agregar|agregarle"
    r"|poner|cambiarlo|cambiarla|lo\s+hiciera|la\s+hiciera|le\s+pusiera|lo\s+pusiera)?\s*(?:el|la|un|una|a|en)?\s*(.+)"
)
VERSION_WITH = r"versión\s+(?:con|que tenía)\s+(?:el\s+|la\s+)?(.+)"
FEATURES = {
    "title": ("título", "titulo"),
    "caption": ("subtítulo", "subtitulo"),
    "music": ("música", "musica", "canción"),
    "vertical": ("vertical",),
    "square": ("cuadrado", "cuadrada"),
}
REFUSALS = {
    "avatar": ("avatar", "presentador virtual", "humano digital"),
    "dub": ("dóblalo", "doblalo", "doblaje", "doblar", "doblado"),
    "clone": ("clona mi voz", "clonar mi voz", "clona", "mi voz"),
    "lipsync": ("sincronización labial", "sincronizacion labial"),
    # Publicar en un sitio lo lee ``POSTING`` (un verbo y adónde); estas van solas.
    "publish": ("publícalo", "publicalo", "compártelo"),
    "footage": ("imágenes reales", "imagenes reales", "vídeo real", "grabación real"),
}
# Imágenes del mundo real (un lugar o suceso real tal como se grabó), que el estudio no puede hacer.
REAL_FOOTAGE = (
    r"(?<![a-z])(?:imágenes|imagenes|vídeo|video|metraje|grabación|grabacion|fotos|tomas)\s+"
    r"(?:\w+\s+){0,2}?(?:reales|real|auténticas|autenticas|de verdad|de dron)(?![a-z])"
    r"|(?<![a-z])(?:ve|vete|id)\s+a\s+(?:grabar|filmar)"
)
# Subirlo a una red o al canal propio: un verbo de publicar y adónde ("súbelo directo a mi canal de YouTube";
# "súbele a la música" es volumen, no una red).
_REDES = (
    r"youtube|tiktok|instagram|insta|reels|facebook|face|twitter|threads|snapchat|linkedin|vimeo"
    r"|twitch|whatsapp|telegram|canal|cuenta|perfil|página|pagina|muro|historias|estados|redes"
)
# Lo que el vídeo es para ("un video para subir a TikTok") no pide nada al estudio.
POSTING = (
    r"(?<![a-z])(?<!\bpara )(?<!\bpa )(?<!\bpueda )(?<!\bpodamos )(?<!\bvoy a )(?:súbelo|subelo|súbela|subela|súbalo|subalo|súbanlo|subir(?:lo|la)?|sube|publí[cq]\w*|public\w*"
    r"|comparte\w*|compártelo|compartir(?:lo)?|postea\w*|postéalo|cuelga\w*|cuélgalo|mánda\w*|manda\w*)"
    r"\s+(?:(?:el|la|lo|esto|eso|todo|video|vídeo|clip|directo|directamente|ya|ahora|de\s+una|mismo)\s+){0,3}"
    r"(?:a|en|al|para)\s+(?:(?:mi|mis|nuestro|nuestra|el|la|los|las|tu|su)\s+)?"
    rf"(?:{_REDES})(?![a-z])"
)
MUSIC_OFF = (
    "quítale la música",
    "quitale la musica",
    "apaga la música",
    "apaga la musica",
    "quita la música",
    "quita la musica",
    "sin música",
    "sin musica",
)
LONGER = (
    "más largo",
    "mas largo",
    "alarga",
    "alárgalo",
    "alargalo",
    "añade",
    "agrega",
    "más",
    "extiende",
    "más larguito",
    "larguito",
)
SHORTER = (
    "más corto",
    "mas corto",
    "acorta",
    "acórtalo",
    "acortalo",
    "quita",
    "quítale",
    "quitale",
    "recorta",
    "córtale",
    "cortale",
    "recórtale",
    "menos",
    "más cortito",
    "más cortita",
    "cortito",
    "más breve",
)
UP = ("sube", "súbele", "subele", "súbelo", "más alto", "más fuerte", "aumenta", "más grande")
DOWN = (
    "baja",
    "bájale",
    "más bajo",
    "más suave",
    "reduce",
    "muy alta",
    "más pequeño",
    "más pequeña",
)
MUCH = ("mucho",)
LITTLE = ("un poco", "un poquito", "ligeramente")
DOUBLE = ("doble", "duplica", "duplícalo", "duplicalo", "dos veces")
TIMES = r"\b(\d+(?:\.\d+)?)\s*veces\s+(?:más\s+)?(?:grande|largo|alto|corto|pequeño|bajo)"
HALF = ("mitad", "a la mitad")
TO = r"\b(?:a|al|hasta|en|de)\s+$"
FIRST_N = (
    r"\b(\d+(?:\.\d+)?)\s+primeros\s+(?:s|segundos?)\b|\bprimeros\s+(\d+(?:\.\d+)?)\s*(?:s|segundos?)\b"
    r"|\b(\d+(?:\.\d+)?)\s*(?:s|segundos?)\s+(?:del|al)\s+(?:principio|inicio|comienzo)\b"
)
LAST_N = (
    r"\b(\d+(?:\.\d+)?)\s+(?:últimos|ultimos)\s+(?:s|segundos?)\b|\b(?:últimos|ultimos)\s+(\d+(?:\.\d+)?)\s*(?:s|segundos?)\b"
    r"|\b(\d+(?:\.\d+)?)\s*(?:s|segundos?)\s+(?:del|al)\s+final\b"
)
# A slot switched off: "sin música", "sin ningún texto", "no pongas título" ({slot}: its words).
NEGATION = (
    r"(?<![a-z])(?:sin|nada\s+de|no\s+(?:quiero|pongas|agregues|añadas|incluyas|uses|metas|lleve|tenga|ponga))"
    r"\s+(?:(?:el|la|los|las|un|una|ningún|ninguna|ningun|de|fondo|nada\s+de)\s+){0,3}(?:{slot})"
    # "sin texto ni música": "ni" carries the negation on.
    r"|(?<![a-z])ni\s+(?:(?:el|la|los|las|un|una|de|fondo)\s+){0,2}(?:{slot})"
    # A verb that takes it away: "quítale la música", "apágale la música", "sácale los subtítulos".
    r"|(?<![a-z])(?:quít|quit|apág|apag|sác|sac|elimín|elimin|borr|silénci|silenci)a(?:le|la|lo|me)?"
    r"\s+(?:(?:el|la|los|las|esa|ese|esta|este|toda|de|fondo)\s+){0,3}(?:{slot})"
    # Out with it, at a clause's edge ("fuera la música", "la música, afuera"; not "si fuera de noche").
    r"|(?:^|[,.;:!¡]\s*|(?<![a-z])y\s+)a?fuera\s+(?:(?:el|la|los|las|esa|ese|esta|este|toda)\s+)?(?:{slot})"
    r"|(?:{slot})\s*,?\s*a?fuera\s*(?:$|[,.;!])"
)
KEEP_ONLY = (
    "deja solo",
    "deja sólo",
    "solo deja",
    "quédate con",
    "quedate con",
    "conserva solo",
    "deja solamente",
)
ON_SCREEN = ("muestra", "en pantalla", "visible", "mostrar")
LENGTH = ("duración", "duracion", "largo", "corto", "dure", "cortito", "larguito", "breve")
VOLUME = ("volumen", "música", "musica", "alta", "baja")
SIZE = ("grande", "tamaño", "pequeño", "pequeña", "chico", "chica", "chiquito")
NO_TEXT = (
    "sin ningún texto",
    "sin texto",
    "sin título",
    "sin titulo",
    "sin subtítulos",
    "sin palabras",
)
POSITION_VERBS = ("ponlo", "ponla", "muévelo", "muevelo", "colócalo")
KNOWN = (
    # Ordinary words another language's vocabulary spells the same ("que sea de día": be, not sea).
    "sea",
    "red",
    "pan",
    "once",
    "son",
    "fin",
    "come",
    "hora",
    "horas",
    # Words that sound like a vocabulary word ("cierra" is close, not sierra).
    "cierra",
    "cierre",
    "cancela",
    "mesa",
    "musical",
    "nieva",
    "nevar",
    "desde",
    "donde",
    "cuando",
    "coche",
    "plaza",
    "valle",
    "calles",
    "noches",
    "hojas",
    "nubes",
    "pones",
    "tarde",
    "parte",
    "corta",
    "largo",
    "larga",
    "vista",
    "lista",
    # Everyday words two letters away from a vocabulary word by a swap ("algo más dramático": not lago).
    "algo",
)
SPELLING: dict[str, str] = {}

# Latin words are corrected by edit distance (``typos.py``); no character tables.
HOMOPHONES: dict[str, tuple[str, ...]] = {}
READINGS: dict[str, tuple[str, ...]] = {}
SOUND_MARKS = ""
PARTICLES = ""
# Spellings that sound alike in most of the Spanish-speaking world (yeísmo, b/v, seseo, the silent h): a
# word is read as the vocabulary word it sounds like ("estreyas" for estrellas, "bertical", "amaneser").
SOUNDS_ALIKE: tuple[tuple[str, str], ...] = (
    ("ll", "y"),
    ("v", "b"),
    ("z", "s"),
    ("ce", "se"),
    ("ci", "si"),
    ("h", ""),
)
NAME_DOTS: tuple[str, ...] = ()

# -- replies -------------------------------------------------------------------------------------
# Reply templates by key; ``{name}`` fields are filled by ``replies.say``.
REPLIES: dict[str, str] = {
    "music_label": "música {mood}",
    "upload_label": "archivo {index}",
    "same_aspect": "Ya está en {aspect}",
    "ack_generate": "He hecho un vídeo de {dur} en {aspect}: {desc}.",
    "ack_promo": "He hecho un vídeo promocional de {dur} en {aspect} con tus {count} archivos, con "
    "efecto Ken Burns.",
    "changes_head": "He hecho {count} cambios:",
    "desc_slideshow": "una presentación con tus {count} archivos",
    "item_scene": "{desc} ({span})",
    "item_music": "Música {mood} al {vol}% ({span})",
    "item_song": "Tu audio '{name}' al {vol}% ({span})",
    "item_title": "Título '{text}' ({span})",
    "item_caption": "Subtítulo '{text}' ({span})",
    "item_captions": "{count} subtítulos a partir de tu descripción",
    "note_clamped": "Nota: los vídeos pueden durar de 1 a 300 s, así que lo hice de {dur}.",
    "note_text_clamped": "Nota: el vídeo dura {dur}, así que el texto queda dentro.",
    "note_default_scene": "Genero escenas estilizadas, no imágenes reales, así que hice: {desc}.",
    "note_clips_short": "Tus clips suman {dur}, así que el vídeo dura {dur}.",
    "no_uploads": "Aún no veo imágenes ni clips subidos en esta sesión. Súbelos primero, o describe "
    "una escena y la genero (p. ej., 'un atardecer en el mar de 15 segundos con música "
    "tranquila').",
    "limit": "Lo siento, no puedo {what}. {instead}",
    "capabilities": "Hago vídeos cortos sin conexión. Puedo: generar escenas (ciudad, montañas, "
    "bosque, mar, desierto, cielo) al amanecer, de día, al atardecer o de noche, con "
    "lluvia, nieve, niebla, nubes, estrellas, pájaros, fuegos artificiales, hojas o "
    "pétalos; convertir tus imágenes y clips en una presentación promocional; añadir "
    "música (tranquila, ambiental, lo-fi, animada, épica, synthwave, festiva, "
    "corporativa) o usar tu audio; añadir títulos y subtítulos; y editar: volumen, "
    "recortar o alargar, vertical/cuadrado/horizontal, reordenar fotos, regenerar. "
    "Prueba: 'un atardecer sobre la ciudad de 15 segundos con música tranquila'.",
    "nothing_to_edit": "Aún no hay vídeo que cambiar. Describe uno, p. ej., 'un atardecer en el mar "
    "de 15 segundos con música tranquila'.",
    "not_understood": "No sé bien qué cambiar. Puedo subir/bajar la música o cambiar su estilo, "
    "añadir/cambiar/mover/quitar el título o los subtítulos, recortar o alargar, "
    "pasar a vertical/cuadrado/horizontal, reordenar o quitar fotos, cambiar la "
    "hora del día o el clima, o regenerar.",
    "export": "Tu vídeo está listo. Pulsa el botón Exportar para generar el MP4.",
    "ch_volume": "Volumen de la música {a}% → {b}% ({span})",
    "ch_music_removed": "Música eliminada",
    "ch_music_mood": "Música cambiada a {music}",
    "ch_music_added": "Añadida {music}",
    "ch_title_added": "Título '{text}' añadido ({span})",
    "ch_title_changed": "Título cambiado a '{text}' ({span})",
    "ch_title_moved": "Título '{text}' movido a {pos} ({span})",
    "ch_title_removed": "Título '{text}' eliminado",
    "ch_title_styled": "Título '{text}' {what} ({span})",
    "ch_caption_styled": "Subtítulo '{text}' {what} ({span})",
    "ch_caption_added": "Subtítulo '{text}' añadido ({span})",
    "ch_caption_changed": "Subtítulo cambiado a '{text}' ({span})",
    "ch_caption_moved": "Subtítulo '{text}' movido a {pos} ({span})",
    "ch_caption_removed": "Subtítulo '{text}' eliminado",
    "ch_title_timed": "Título '{text}' ahora en pantalla {span}",
    "ch_caption_timed": "Subtítulo '{text}' ahora en pantalla {span}",
    "ch_fade_in": "Aparece desde negro en los primeros {sec}",
    "ch_fade_out": "Fundido a negro en los últimos {sec}",
    "ch_music_fade_out": "La música se desvanece en los últimos {sec}",
    "ch_fade_in_removed": "Fundido de entrada eliminado",
    "ch_fade_out_removed": "Fundido a negro eliminado",
    "ch_fades_removed": "Fundidos desde y a negro eliminados",
    "ch_duration": "Duración {a} → {b}",
    "ch_aspect": "Formato {a} → {b} ({w}×{h})",
    "ch_res": "Resolución {a} → {b}",
    "ch_regenerate": "Regenerado con semilla {seed}",
    "ch_scene": "Escena ahora: {desc} ({span})",
    "ch_uploads": "El vídeo ahora usa tus {count} archivos ({span})",
    "ch_order": "Nuevo orden: {order}",
    "ch_dropped": "Eliminado el elemento {index}: {label}",
    "ch_song": "Música reemplazada por tu audio '{name}' ({span})",
    "same_volume": "La música ya está al {b}%",
    "miss_title": "Aún no hay título",
    "miss_caption": "Aún no hay subtítulos",
    "miss_music": "No hay música que cambiar",
    "miss_song": "No veo ningún audio subido",
    "miss_scene": "Este vídeo no tiene una escena generada que cambiar",
    "miss_index": "No hay elemento {index}; el vídeo tiene {count}",
    "miss_uploads": "No veo imágenes ni clips subidos",
    "default_title": "Novedad",
    "nearest_scene": "Lo más parecido que puedo hacer es una escena estilizada: {desc}.",
    "restored": "De vuelta a la versión {version} ({desc})",
    "nothing_to_undo": "No hay una versión anterior a la que volver.",
    "nothing_to_redo": "No hay nada que rehacer: el último cambio no fue deshacer.",
    "no_such_version": "No encuentro una versión anterior así.",
}
# Limitation key → (what the studio cannot do, the nearest thing it can).
LIMIT_TEXTS: dict[str, tuple[str, str]] = {
    "person": (
        "hacer imágenes reales de una persona real ({name})",
        "Puedo hacer una escena estilizada con «{name}» como título, p. ej. 'una ciudad de noche con el "
        "título «{name}»', o un pase de tus propias fotos.",
    ),
    "voice": (
        "añadir voz en off ni narración",
        "Puedo poner el texto en pantalla como subtítulos, con música de fondo.",
    ),
    "lipsync": ("hacer sincronización labial", "Puedo añadir subtítulos sobre tus clips."),
    "faces": (
        "generar caras ni el parecido de personas reales",
        "Puedo hacer una presentación con tus propias fotos, o una escena generada con título.",
    ),
    "resolution": ("renderizar en {res}", "Puedo hacerlo en 1080p (por defecto) o 720p."),
    "avatar": (
        "crear avatares ni presentadores que hablen",
        "Puedo poner tu texto en pantalla como título y subtítulos sobre una escena generada o "
        "tus fotos.",
    ),
    "dub": (
        "doblar ni traducir la voz",
        "Puedo añadir subtítulos en otro idioma si los escribes entre comillas.",
    ),
    "clone": (
        "clonar ni imitar una voz",
        "Puedo usar un audio que subas como banda sonora, o añadir música de fondo.",
    ),
    "publish": (
        "publicar en redes sociales",
        "Exporta el MP4 y publícalo tú; puedo hacerlo vertical (9:16) para TikTok o Reels.",
    ),
    "footage": (
        "generar metraje real",
        "Genero escenas estilizadas (ciudad, montañas, bosque, mar, desierto, cielo) o uso "
        "tus archivos.",
    ),
}
# Names of draft values (times of day, places, effects, moods, palettes, motions, positions).
NAMES: dict[str, dict[str, str]] = {
    "tod": {"dawn": "al amanecer", "day": "de día", "sunset": "al atardecer", "night": "de noche"},
    "land": {
        "city": "un horizonte urbano",
        "mountains": "montañas",
        "forest": "un bosque",
        "sea": "el mar",
        "desert": "un desierto",
        "none": "un cielo abierto",
    },
    "fx": {
        "rain": "lluvia",
        "snow": "nieve",
        "fog": "niebla",
        "clouds": "nubes",
        "stars": "estrellas",
        "birds": "pájaros",
        "fireworks": "fuegos artificiales",
        "leaves": "hojas que caen",
        "petals": "pétalos",
    },
    "mood": {
        "calm": "tranquila",
        "ambient": "ambiental",
        "lofi": "lo-fi",
        "upbeat": "animada",
        "dramatic": "épica",
        "synthwave": "synthwave",
        "celebratory": "festiva",
        "corporate": "corporativa",
    },
    "palette": {
        "mono": "en blanco y negro",
        "warm": "tonos cálidos",
        "cool": "tonos fríos",
        "pastel": "colores pastel",
        "neon": "colores neón",
        "vivid": "colores vivos",
        "natural": "colores naturales",
    },
    "motion": {
        "pan": "paneo lento",
        "zoom": "zoom lento",
        "drift": "deriva suave",
        "still": "cámara fija",
    },
    "pos": {
        "top-center": "arriba",
        "center": "el centro",
        "bottom-center": "abajo",
        "top-left": "arriba a la izquierda",
        "top-right": "arriba a la derecha",
        "bottom-left": "abajo a la izquierda",
        "bottom-right": "abajo a la derecha",
        "lower-third": "el tercio inferior",
    },
}
LIST_JOIN = " · "
# How the language writes seconds, ends and spaces sentences, lists things and describes a scene.
SECONDS = "{value} s"
SENTENCE_END = "."
SENTENCE_ENDS = (".", "!", "?")
SENTENCE_GAP = " "
LIST_COMMA = ", "
SCENE = "{land} {tod}"
SCENE_WITH = " con {fx}"
FX_SEP = ", "
FX_LAST = " y "


# -- vocabulary: the words of this language that name draft values and edits -----------------
# Table name → draft value → words (every language lists every value, in the same order).
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "RESOLUTIONS": {},
    "TIME_OF_DAY": {
        "dawn": (
            "amanecer",
            "alba",
            "madrugada",
            "aurora",
            "salida del sol",
            "primeras luces",
            "amaneciendo",
            "primera hora de la mañana",
            "por la mañana",
            "temprano en la mañana",
        ),
        "sunset": (
            "atardecer",
            "puesta de sol",
            "puesta del sol",
            "ocaso",
            "anochecer",
            "crepúsculo",
            "atardeciendo",
            "cae el sol",
            "se pone el sol",
            "caída del sol",
        ),
        "night": ("noche", "nocturna", "nocturno", "medianoche"),
        "day": ("día", "mediodía", "soleado", "pleno día"),
    },
    "LANDSCAPE": {
        "city": ("ciudad", "urbano", "urbana", "calle", "rascacielos", "cruce", "avenida"),
        "mountains": ("montaña", "sierra"),
        "forest": ("bosque", "selva", "árboles", "jardín", "parque"),
        "sea": ("mar", "océano", "playa", "olas", "costa", "lago"),
        "desert": ("desierto", "dunas"),
        "none": ("espacio", "cielo", "galaxia", "abstracto"),
    },
    "EFFECTS": {
        "rain": ("lluvia", "lluvioso", "lluviosa", "lloviendo", "llueva", "llueve", "tormenta"),
        "snow": ("nieve", "nevando", "nevado", "nevada", "invierno"),
        "fog": ("niebla", "neblina", "bruma"),
        "clouds": ("nube", "nublado"),
        "stars": ("estrella", "estrellado", "vía láctea"),
        "birds": ("pájaro", "aves", "gaviota"),
        "fireworks": ("fuegos artificiales",),
        "leaves": ("hojas", "otoño"),
        "petals": ("pétalo", "cerezo", "primavera"),
    },
    "PALETTE": {
        "mono": ("blanco y negro", "monocromo"),
        "warm": ("más cálido",),
        "cool": ("más frío",),
        "pastel": (),
        "neon": (),
        "vivid": ("vívido", "colorido"),
        "natural": ("colores naturales",),
    },
    "MOTION": {
        "pan": ("paneo", "panorámica"),
        "zoom": ("acercamiento",),
        "drift": ("deriva", "flotando"),
        "still": ("estático", "estática", "sin movimiento"),
    },
    "MOODS": {
        "lofi": (),
        "synthwave": (),
        "celebratory": ("festiva", "festivo", "fiesta", "celebración"),
        "corporate": ("corporativa", "corporativo", "empresarial", "profesional"),
        "dramatic": (
            "épica",
            "épico",
            "dramática",
            "dramático",
            "orquestal",
            "intensa",
            "intenso",
            "cinematográfica",
        ),
        "upbeat": (
            "alegre",
            "enérgica",
            "enérgico",
            "animada",
            "animado",
            "movida",
            "movido",
            "marchosa",
            "con más ritmo",
            "bailable",
            "con ritmo",
        ),
        "ambient": ("ambiental", "atmosférica"),
        "calm": (
            "tranquila",
            "tranquilo",
            "relajante",
            "calma",
            "relajada",
            "relajado",
            "serena",
            "sereno",
            "tranquilita",
            "tranquilito",
        ),
    },
    "ASPECTS": {
        "9:16": ("retrato",),
        "4:5": (),
        "1:1": ("cuadrado", "cuadrada"),
        "16:9": ("apaisado", "panorámico"),
    },
    "LIMITS": {
        "voice": ("voz en off", "narración", "narrador", "locución"),
        "lipsync": ("sincronización labial",),
        "faces": ("mi cara", "rostro", "famoso"),
        "resolution": (),
        "publish": ("publícalo",),
        "footage": ("metraje real", "vídeo real"),
    },
    "POSITIONS": {
        "lower-third": (),
        "top-left": _corner("arriba", "superior", "izquierda"),
        "top-right": _corner("arriba", "superior", "derecha"),
        "bottom-left": _corner("abajo", "inferior", "izquierda"),
        "bottom-right": _corner("abajo", "inferior", "derecha"),
        "bottom-center": ("abajo", "parte inferior"),
        "top-center": ("arriba", "parte superior"),
        "center": ("centro",),
    },
    "COLORS": {
        "#ffd400": ("amarillo",),
        "#ff4d4d": ("rojo",),
        "#ffffff": ("blanco",),
        "#111111": ("negro",),
        "#4da3ff": ("azul",),
        "#4dff88": ("verde",),
        "#ff77c8": ("rosa",),
        "#ff9f1c": ("naranja",),
        "#ffd166": ("dorado",),
    },
}
# Word group name → words.
GROUPS: dict[str, tuple[str, ...]] = {
    # Saludos y buenos deseos: cortesía, no la hora de la escena.
    "GREETINGS": (
        "buenos días",
        "buenos dias",
        "buen día",
        "buen dia",
        "buenas tardes",
        "buenas noches",
        "feliz día",
        "feliz noche",
        "que tenga buen día",
        "que tengas buen día",
        "que tenga un buen día",
        "que tengas un buen día",
    ),
    "NO_MUSIC": ("sin música", "sin musica", "sin sonido"),
    "MUSIC_WORDS": ("música", "canción"),
    "UPLOAD_WORDS": (
        "mis fotos",
        "mis imágenes",
        "mis vídeos",
        "mis videos",
        "las fotos",
        "las imágenes",
        "subid",
    ),
    "PROMO_WORDS": ("promocional", "promoción", "anuncio", "producto"),
    "CORPORATE_HINTS": ("empresa",),
    "HELP_WORDS": ("qué puedes hacer", "que puedes hacer", "qué sabes hacer", "ayuda"),
    "REGENERATE_WORDS": ("regenera", "otra versión", "de nuevo"),
    # Lo que se le hizo al vídeo, contado al quitarlo ("quita los últimos 2 cambios" es deshacer).
    "CHANGES": ("cambios", "ediciones", "modificaciones", "cosas que hice", "cosas que hiciste"),
    "REMOVE_WORDS": (
        "quita",
        "quitar",
        "quítale",
        "quitale",
        "quítalo",
        "quítala",
        "elimina",
        "borra",
        "sin",
    ),
    "BIGGER": (
        "más grande",
        "mas grande",
        "agranda",
        "agrándalo",
        "agrandalo",
        "amplía",
        "muy pequeño",
        "muy pequeña",
        "demasiado pequeño",
        "demasiado pequeña",
    ),
    "SMALLER": (
        "más pequeño",
        "más pequeña",
        "mas pequeño",
        "mas pequeña",
        "achica",
        "achícalo",
        "más chico",
        "más chica",
        "más chiquito",
        "muy grande",
        "demasiado grande",
    ),
    "EXPORT_WORDS": ("exportar", "exporta", "descargar", "descarga"),
    "LOUDER": (
        "más alto",
        "más fuerte",
        "sube",
        "súbele",
        "subele",
        "súbelo",
        "subelo",
        "dale volumen",
        "dale más",
    ),
    "QUIETER": (
        "muy alta",
        "muy fuerte",
        "más bajo",
        "más suave",
        "baja",
        "bájale",
        "bajale",
        "bájalo",
        "bajalo",
    ),
    "SONG": ("mi canción", "mi música", "mi audio"),
    "USE": ("usa", "utiliza"),
    "ADD": ("añade", "agrega", "pon", "ponle", "añádele", "agrégale", "mete", "métele"),
    "CHANGE": ("cambia", "modifica"),
    "MOVE": ("mueve", "pon", "coloca"),
    "REVERSE": ("invierte", "invertir"),
    "SWAP": ("intercambia",),
    "TO_FRONT": ("al principio", "primero", "primera"),
    "TO_END": ("al final", "última"),
    "TITLE": ("título", "titulo"),
    "CAPTION": ("subtítulo",),
    "VISUAL": ("foto", "imagen", "vídeo"),
    "FADE_IN": ("fundido de entrada",),
    "FADE_OUT": ("fundido a negro", "fundido de salida"),
    "TEXT_CUES": ("texto", "frase", "mensaje", "que diga", "que ponga", "línea"),
    "TITLE_CUES": ("título", "titulo"),
    "CAPTION_CUES": ("subtítulo", "texto abajo"),
    "GENERATE": ("crea", "genera", "haz un", "haz una", "hazme"),
    "VIDEO": ("vídeo", "anuncio"),
    "THIS_VIDEO": ("este vídeo", "este video"),
    "ITEM_WORDS": ("foto", "imagen", "escena"),
    "THEN": ("luego", "después", "y después"),
    "CAPTION_AFTER": ("abajo",),
    "CLAUSE_JOINERS": (" con ", " y "),
    "REVERSE_ORDER": ("orden inverso",),
    "START_WITH": ("empieza con", "empieza por"),
    "FADE": ("fundido",),
    "REMOVED_AFTER": (),
    "VOLUME_WORDS": ("volumen",),
    "ORDER": ("orden",),
    "FIRST_TWO": ("primeros dos", "primeras dos", "primeros 2", "primeras 2"),
    "LAST_TWO": ("últimos dos", "últimas dos", "últimos 2", "últimas 2"),
    "EDIT_HINTS": ("título", "volumen"),
    "COMMON": ("segundos", "minutos"),
    "BACK": ("vuelve", "volver", "regresa", "regresar", "restaura", "recupera", "déjalo", "dejalo"),
    "BEFORE": ("antes", "anterior", "como estaba", "como era"),
    "PREFER": ("mejor", "me gustaba", "prefiero", "me gusta más"),
}


# -- patterns the shared readers compose (regular expressions over normalised text) -------------
SECOND_UNITS = r"segundos?|segs?"
MINUTE_UNITS = r"minutos?"
MINUTE_AND = r"y\s+"
NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cinco": 5,
    "diez": 10,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "sesenta": 60,
    "noventa": 90,
}
ARTICLES = ("un", "una", "uno")
HALF_MINUTE = r"medio minuto"
MINUTE_AND_HALF = r"(?:(\d+)\s+|una?\s+)?minutos?\s+y\s+medio"
MINUTE_AND_QUARTER = r"(?:(\d+)\s+|una?\s+)?minutos?\s+y\s+(?:un\s+)?cuarto"
DECADE_HINTS = ("estilo",)
CLOCK_SUFFIX = ""
ORDINAL_WORDS: dict[str, int] = {
    "primera": 1,
    "primer": 1,
    "primero": 1,
    "segunda": 2,
    "segundo": 2,
    "tercera": 3,
    "tercer": 3,
    "tercero": 3,
    "cuarta": 4,
    "cuarto": 4,
    "quinta": 5,
    "quinto": 5,
    "última": -1,
    "ultima": -1,
    "último": -1,
}
ORDINAL_NUMBERED = r"(?<!\w)(\d{1,2})(?:º|ª)(?!\w)|(?:foto|imagen)\s*#?\s*(\d{1,2})(?!\d)"
TEXT2NUM: str | None = "es"
WRITTEN_NUMBERS = (
    r"\b(?:uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|veinti\w+"
    r"|treinta|cuarenta|cincuenta|sesenta|noventa|cien)\b"
)
ORDINAL_KEEP = r"\b(primer[oa]?|segund[oa]s?|tercer[oa]?)\b"
SEED = r"semilla\s*(?:=|:|#|es)?\s*(\d{1,10})"
SUBJECTS: dict[str, tuple[str, ...]] = {
    "party": ("fiesta", "cumpleaños"),
    "christmas": ("navidad",),
    "love": ("amor", "boda"),
    "coffee": ("desayuno",),
    "travel": ("viaje", "aventura"),
    "relax": ("meditación",),
    "tech": ("tecnología", "futuro"),
    "nature": ("naturaleza",),
    "summer": ("verano", "vacaciones"),
}
SUBJECT = ""
SUBJECT_TRIM = ""
SUBJECT_ARTICLE = ""
DESCRIPTION = r"(?:descripción|descripcion)\s*(?:es|[:：\-–—])\s*(.+)$"
NAMED = r"\b(?:llamad[oa])[ \t]+([A-Z0-9][\w'-]*(?:[ \t]+[A-Z0-9][\w'-]*){0,3})"
QUIET_MUSIC = r"volumen bajo|bajo volumen"
LOUD_MUSIC = r"volumen alto"
MUSIC_LEVEL = r"música\D{0,20}?(\d{1,3})\s*%"
NEW_TEXT = (
    r"(?:título|subtítulo)\s+(?:a|por|como)\s+(.+?)\s*[.!]*$"
    r"|(?:título|subtítulo|texto)\s+que\s+(?:diga|ponga)\s+(.+?)\s*[.!]*$"
)
SAYING = (
    r"(?:título|titulo|subtítulo|subtitulo|texto)\s+que\s+(?:diga|ponga|dice|pone)\s+(.+?)\s*[.!]*$"
    r"|(?:título|titulo|subtítulo|subtitulo)\s+llamado\s+(.+?)\s*[.!]*$"
)
TEXT_LASTS = ""
TEXT_START = (
    r"\b(?:a los|desde el segundo|en el segundo|desde)\s+(\d+(?:\.\d+)?)(?:\s*(?:s|segundos?)\b)?"
)
TEXT_FOR = r"\bdurante\s+(\d+(?:\.\d+)?)\s*(?:s|segundos?)\b"
TEXT_FADE = r"(?:título|subtítulo)\s*fundido"
INTO = r"\bpor\b|\ben\b"
FILLER = ""

# -- personas reales: una persona con nombre haciendo algo son imágenes reales que no puedo hacer ----
PERSON_NAME = (
    r"\b([A-ZÁÉÍÓÚÑ][a-záéíóúñü-]+(?:(?:\s+(?:de|del|la))?\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñü.-]+){1,3})"
)
PERSON_NAMES = ("bad bunny", "rosalía", "rosalia", "maradona", "pelé", "pele", "lionel messi")
PERSON_DOING = (
    r"^\s*(?:está\s+|están\s+)?[a-záéíóúñ]{2,}(?:ando|iendo|yendo)\b"
    r"|^\s*(?:da|dando|baila|baile|bailen|canta|cante|canten|habla|hable|juega|juegue|marca|marque|mete|meta)\b"
    r"|^\s*en (?:un|el|su) (?:concierto|partido|escenario|discurso)\b"
)
NOT_PEOPLE = (
    "haz",
    "hazme",
    "crea",
    "genera",
    "quiero",
    "un",
    "una",
    "el",
    "la",
    "vídeo",
    "video",
    "nueva york",
    "los ángeles",
    "buenos aires",
    "ciudad de méxico",
    "san francisco",
    "sagrada familia",
    "puerta del sol",
    "gran vía",
)
PLACE_WORDS = (
    "calle",
    "plaza",
    "parque",
    "puente",
    "torre",
    "playa",
    "lago",
    "río",
    "montaña",
    "isla",
    "estación",
    "avenida",
)
PERSON_NOT_AFTER = ("título", "titulado", "llamado", "llamada", "que diga", "texto")
