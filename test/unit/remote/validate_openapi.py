# Validates JSON samples against schemas of notebook-template/openapi.json with python3-jsonschema.
# argv: openapi.json samples.json; samples = [{"schema": "Health", "value": {...}, "label": "..."}].
# OpenAPI 3.0's `nullable` is not JSON Schema: it is rewritten to a union with null first.
import json
import sys

import jsonschema


def convert(node):
    if isinstance(node, list):
        return [convert(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: convert(v) for k, v in node.items() if k not in ("nullable", "example", "format")}
    if out.get("exclusiveMinimum") is True:
        out["exclusiveMinimum"] = out.pop("minimum")
    if node.get("nullable"):
        return {"anyOf": [{"type": "null"}, out]}
    return out


doc = json.load(open(sys.argv[1]))
samples = json.load(open(sys.argv[2]))
components = convert(doc["components"])
failures = []
for s in samples:
    schema = {"$ref": "#/components/schemas/" + s["schema"], "components": components}
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(s["value"]), key=str)
    for e in errors:
        failures.append("%s (%s): %s at %s" % (s["label"], s["schema"], e.message, list(e.path)))
print(json.dumps({"checked": len(samples), "failures": failures}))
