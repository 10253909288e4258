# Runs the generated notebook's configuration, server-file and serve cells the way IPython runs them:
# in one already-running asyncio loop, each cell compiled with top-level await and awaited. Install and
# tunnel cells are skipped (no network here). Prints "SERVING" once the serve cell has finished, then keeps
# the loop (and so the server task) alive until killed, as a notebook kernel would between cells.
# argv: notebook path. Run with the stand-in `vieneu` package first on PYTHONPATH, cwd = a scratch folder.
import ast
import asyncio
import os
import sys
import types

import nbformat


async def main(path):
    nb = nbformat.read(path, as_version=4)
    scope = {"__name__": "__main__"}
    sys.path.insert(0, os.getcwd())
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = cell.source
        if src.startswith("%%writefile "):
            name, _, body = src.partition("\n")
            with open(name.split(" ", 1)[1].strip(), "w") as f:
                f.write(body + "\n")
            continue
        if "AUTH_TOKEN = " in src or "serve_in_background" in src:
            code = compile(src, "cell", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            result = eval(code, scope)
            if isinstance(result, types.CoroutineType):
                await result
    print("SERVING", flush=True)
    await asyncio.Event().wait()


asyncio.run(main(sys.argv[1]))
