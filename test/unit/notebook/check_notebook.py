# Checks generated notebooks with Debian's python3-nbformat: schema-valid nbformat 4, every code cell
# compiles (shell `!` and magic `%` lines removed; top-level await allowed, as IPython allows it), and the
# configuration cell, executed on its own, yields exactly the values the generator was given.
# argv: notebook files. Prints one JSON object per file, one per line.
import ast
import json
import sys

import nbformat

for path in sys.argv[1:]:
    result = {"path": path, "errors": [], "compiled": 0, "config": None, "server_py": None}
    nb = nbformat.read(path, as_version=4)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        result["errors"].append("schema: %s" % e.message)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        if lines and lines[0].startswith("%%writefile"):
            result["server_py"] = "\n".join(lines[1:])
        code = "\n".join(l for l in lines if not l.lstrip().startswith(("!", "%")))
        try:
            compile(code, "cell-%d" % i, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            result["compiled"] += 1
        except SyntaxError as e:
            result["errors"].append("cell %d: %s (line %s)" % (i, e.msg, e.lineno))
        if "\nAUTH_TOKEN = " in "\n" + cell.source:
            scope = {}
            exec(compile(code, "config", "exec"), scope)
            result["config"] = {k: v for k, v in scope.items() if k.isupper()}
    print(json.dumps(result))
