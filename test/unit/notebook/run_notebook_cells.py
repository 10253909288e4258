# Runs the generated notebook's configuration, server-file and serve cells the way IPython runs them:
# in one already-running asyncio loop, each cell compiled with top-level await and awaited. Install and
# tunnel cells are skipped (no network here). The v3 notebook's voice-enrolment cell runs too, with a stand-in
# for google.colab.files whose upload() hands over a 4 s WAV clip. Prints "SERVING" once the cells have run,
# then keeps the loop (and so the server task) alive until killed, as a notebook kernel would between cells.
# argv: notebook path. Run with the stand-in `vieneu` package first on PYTHONPATH, cwd = a scratch folder.
import ast
import asyncio
import io
import math
import os
import struct
import sys
import types

import nbformat


def clip_wav(seconds=4.0, rate=24000):
    n = int(seconds * rate)
    pcm = b"".join(struct.pack("<h", int(0.3 * math.sin(2 * math.pi * 180 * i / rate) * 32767)) for i in range(n))
    out = io.BytesIO()
    out.write(b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVE")
    out.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16))
    out.write(b"data" + struct.pack("<I", len(pcm)) + pcm)
    return out.getvalue()


def install_colab_files_standin():
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    files = types.ModuleType("google.colab.files")
    files.upload = lambda: {"my clip.wav": clip_wav()}
    colab.files = files
    google.colab = colab
    sys.modules.update({"google": google, "google.colab": colab, "google.colab.files": files})


async def main(path):
    nb = nbformat.read(path, as_version=4)
    scope = {"__name__": "__main__"}
    sys.path.insert(0, os.getcwd())
    install_colab_files_standin()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        if src.startswith("%%writefile "):
            name, _, body = src.partition("\n")
            with open(name.split(" ", 1)[1].strip(), "w") as f:
                f.write(body + "\n")
            continue
        if "AUTH_TOKEN = " in src or "serve_in_background" in src or "def enrol_voice" in src:
            if "def enrol_voice" in src:
                scope.setdefault("os", os)
            code = compile(src, "cell", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            result = eval(code, scope)
            if isinstance(result, types.CoroutineType):
                await result
    print("SERVING", flush=True)
    await asyncio.Event().wait()


asyncio.run(main(sys.argv[1]))
