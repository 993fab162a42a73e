"""Every size, depth and time budget the backend enforces on what it is sent, each with its reason.

(Limits the client shares, such as the upload size, live in ``nemo_notebook.limits``.) Anything over a limit is answered with the envelope and a 4xx (400, 413, 415 or 431), never a 500 or a
dropped connection, and costs the server no more than the limit in memory.
"""

from __future__ import annotations

MIB = 2**20

# -- HTTP --------------------------------------------------------------------------------------------

# Request line plus headers. Real clients send well under 8 KB (the token is ~60 bytes); 64 KB is the
# largest any common server accepts. Past it the connection gets a 431 and is closed, so ten clients
# sending 20 MB headers hold 640 KB between them, not 200 MB.
MAX_HEAD_BYTES = 64 * 1024

# After refusing a request, the connection reads and drops up to this much more for up to this long,
# so the client is reading when the answer comes rather than getting a reset; then it is closed.
LINGER_BYTES = 4 * MIB
LINGER_S = 2.0

# A JSON request body (chat message, task, URL list, render request with its draft). A draft of a long
# edit is a few hundred KB; multipart uploads have their own limit below.
MAX_BODY_BYTES = 2 * MIB

# -- JSON --------------------------------------------------------------------------------------------

# Nesting of arrays and objects. The deepest real body (a render request's draft) nests 6 levels;
# deeper input only serves to exhaust the parser's stack or later recursive code.
MAX_JSON_DEPTH = 32

# One string in a JSON body. The longest real one is a chat message (capped lower by the gateway);
# the limit stops one huge key or value being copied through the database and replies.
MAX_JSON_STRING_CHARS = 200_000

# -- media -------------------------------------------------------------------------------------------

# Width × height of an uploaded image or video, read from its header before anything is decoded. 8K UHD
# (7680×4320, 33 MP) fits; a 50000×50000 "decompression bomb" (2.5 GP, 10 GB decoded) does not.
MAX_PIXELS = 36_000_000

# Images are checked by decoding them, one at a time, at most this many pixels at full size; larger
# JPEGs are decoded scaled down (a JPEG decoder can do that for free). Keeps a probe under ~50 MB.
MAX_DECODE_PIXELS = 12_000_000

# Length of an uploaded video or audio file, from its header. Longer than any clip a short video is
# made from; the limit bounds how long probing and rendering from it can take.
MAX_DURATION_S = 2 * 60 * 60

# -- URL uploads -------------------------------------------------------------------------------------

# Redirects followed for one URL upload, each hop checked again before it is fetched.
MAX_REDIRECTS = 5

# Connecting to, and waiting for bytes from, the server a URL upload comes from.
URL_CONNECT_TIMEOUT_S = 15.0
URL_READ_TIMEOUT_S = 60.0
# The whole download, so a server dripping one byte a minute cannot hold an upload open for ever.
URL_TOTAL_TIMEOUT_S = 10 * 60.0
