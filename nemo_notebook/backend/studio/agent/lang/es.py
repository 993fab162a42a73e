"""Spanish words for reading requests (see ``lang/__init__`` for what each name holds)."""

from __future__ import annotations

CODE = "es"
UNDO = (
    "deshaz",
    "deshacer",
    "deshazlo",
    "vuelve atrás",
    "vuelve a como estaba",
    "revierte",
    "anula",
)
REDO = ("rehaz", "rehacer", "rehazlo")
ORIGINAL = ("la original", "la primera versión", "como estaba", "el original")
UNDO_STEPS = r"(?:últimos|ultimos)\s+(\d+)\s+cambios|(\d+)\s+últimos\s+cambios"
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
    "publish": ("publícalo", "publicalo", "publicar", "súbelo a", "subelo a", "compártelo"),
    "footage": ("imágenes reales", "imagenes reales", "vídeo real", "grabación real"),
}
MUSIC_OFF = (
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
    "menos",
)
UP = ("sube", "súbele", "más alto", "más fuerte", "aumenta", "más grande")
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
DOUBLE = ("doble", "duplica", "dos veces")
TIMES = r"\b(\d+(?:\.\d+)?)\s*veces\s+(?:más\s+)?(?:grande|largo|alto)"
HALF = ("mitad",)
TO = r"\b(?:a|al|hasta|en|de)\s+$"
FIRST_N = r"\bprimeros\s+(\d+(?:\.\d+)?)\s*(?:s|segundos?)\b"
LAST_N = r"\búltimos\s+(\d+(?:\.\d+)?)\s*(?:s|segundos?)\b"
ON_SCREEN = ("muestra", "en pantalla", "visible", "mostrar")
LENGTH = ("duración", "duracion", "largo", "corto", "dure")
VOLUME = ("volumen", "música", "musica", "alta", "baja")
SIZE = ("grande", "tamaño", "pequeño", "pequeña")
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
)
SPELLING = {}
