# Produces golden.json: what the REAL Python code of the seed and of upstream (January 2026) outputs for the
# inputs in inputs.json, so the TypeScript phonemizer can be checked byte for byte without Python at test time.
# Nothing fetched is committed: point the environment at your own copies, e.g.
#   PHONEMIZER_SRC=/tmp/phonemizer-3.3.0  (a checkout of bootphon/phonemizer v3.3.0, plus stub modules for
#   joblib/segments/dlinfo if they are not installed)
#   SEED_PY=.../qkhalk/Vina-TTS/utils/phonemize_text.py  V2026_PY=.../pnnbao97/VieNeu-TTS@e2dcd9f/vieneu_utils/phonemize_text.py
# and run with Debian's /usr/bin/python3 and espeak-ng 1.51:  /usr/bin/python3 make_golden.py
import ast, json, os, sys

for p in os.environ.get('PHONEMIZER_SRC', '').split(os.pathsep):
    if p:
        sys.path.insert(0, p)
from phonemizer import phonemize  # noqa: E402
from phonemizer.backend.espeak.espeak import EspeakWrapper  # noqa: E402
EspeakWrapper.set_library(os.environ.get('ESPEAK_LIB', '/usr/lib/x86_64-linux-gnu/libespeak-ng.so.1'))

class IdentityNormalizer:
    # The parity check is about phonemes for given (already normalized) text.
    def normalize(self, text):
        return text

def load_function(path, name):
    """Takes one function's source out of an upstream module (without running its module-level set-up)."""
    source = open(path, encoding='utf-8').read()
    tree = ast.parse(source)
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    # Default arguments refer to module globals (phoneme_dict=phoneme_dict): drop them, we pass the dict.
    fn.args.defaults = []
    module = ast.Module(body=[fn], type_ignores=[])
    scope = {'phonemize': phonemize, 'normalizer': IdentityNormalizer(), 're': __import__('re'), 'phoneme_dict': {}}
    exec(compile(module, path, 'exec'), scope)
    return scope[name]

here = os.path.dirname(os.path.abspath(__file__))
inputs = json.load(open(os.path.join(here, 'inputs.json'), encoding='utf-8'))
seed = load_function(os.environ['SEED_PY'], 'phonemize_with_dict')
v2026 = load_function(os.environ['V2026_PY'], 'phonemize_with_dict')

out = {'espeak': os.popen('espeak-ng --version').read().strip(), 'phonemizer': __import__('phonemizer').__version__}
# Words through espeak alone (the dictionary is empty): each call is independent, like the seed's fallback.
out['words'] = [[w, seed(w, {})] for w in inputs['words']]
# Sentences with the small test dictionary of inputs.json (a fresh copy per sentence: upstream mutates it).
d = inputs['dict']
out['seed'] = [[s, seed(s, dict(d))] for s in inputs['sentences']]
out['v2026'] = [[s, v2026(s, dict(d))] for s in inputs['sentences'] + inputs['sentences_v2026']]
json.dump(out, open(os.path.join(here, 'golden.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=0)
print('words', len(out['words']), 'seed', len(out['seed']), 'v2026', len(out['v2026']))
