#!/usr/bin/env bash
# Packages the VSIX for this platform and runs what it ships, outside the repo: the bundled CLI must find its
# runtime pieces (espeak-ng WASM, llama.cpp, onnxruntime, the notebook template) inside the VSIX alone.
# Prints "package: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
target="$(node -p 'process.platform + "-" + process.arch')"
passed=0; failed=0
check() { local name=$1; shift; if out=$("$@" 2>&1); then echo "  ✔ $name"; passed=$((passed+1)); else echo "  ✖ $name"; echo "$out" | tail -5; failed=$((failed+1)); fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check "npm run package for $target" node scripts/package-vsix.js --target "$target"
vsix=$(ls dist/vsix/vieneu-tts-"$target"-*.vsix 2>/dev/null | head -1)
if [ -n "$vsix" ]; then
  echo "  VSIX $(du -h "$vsix" | cut -f1) $vsix"
  (cd "$work" && unzip -q "$OLDPWD/$vsix")
  cli="$work/extension/dist/cli.js"
  check "the VSIX ships no sources or tests" bash -c "! unzip -l '$vsix' | grep -E ' extension/(src|test|out|bench)/'"
  # The bundles must not carry them either: the benchmarks and the notebook-server runner they use (with its
  # hard-coded Debian Python path) live in dist/bench.js, which stays out of the VSIX.
  check "the VSIX's bundles hold no benchmark or test code" bash -c "! unzip -l '$vsix' | grep -E 'extension/dist/bench' && ! grep -l -E 'runBench|PythonServer|VIENEU_STANDIN|/usr/bin/python3' '$work'/extension/dist/*.js"
  check "vieneu bench from the VSIX says the benchmarks are in a clone" bash -c "! node '$cli' bench >'$work/bench.out' 2>&1 && grep -q 'npm run bench' '$work/bench.out'"
  check "built-in voice from the VSIX" node "$cli" speak "Xin chào" --builtin --out "$work/builtin.wav"
  check "test models from the VSIX" node "$cli" fixtures "$work/fx"
  check "GGUF + ONNX codec from the VSIX" node "$cli" speak "Xin chào các bạn" --backbone "$work/fx/backbone.gguf" --codec "$work/fx/codec.onnx" \
    --voices "$work/fx/voices.json" --dict "$work/fx/phoneme_dict.json" --threads 1 --out "$work/gguf.wav"
  check "ONNX backbone from the VSIX" node "$cli" speak "Xin chào các bạn" --backbone "$work/fx/backbone-onnx" --codec "$work/fx/codec.onnx" \
    --voices "$work/fx/voices.json" --dict "$work/fx/phoneme_dict.json" --threads 1 --out "$work/onnx.wav"
  # v3 Turbo (three ONNX graphs + MOSS codec) writes a 48 kHz WAV: bytes 24..27 of the header hold the rate.
  check "v3 Turbo at 48 kHz from the VSIX" bash -c "node '$cli' speak 'Xin chào các bạn' --backbone '$work/fx/v3-turbo' --codec '$work/fx/moss-codec' \
    --threads 1 --out '$work/v3.wav' && [ \"\$(od -An -tu4 -j24 -N4 '$work/v3.wav' | tr -d ' ')\" = 48000 ]"
  # Cloning loads the audio decoders and the KISS FFT WASM (kept external to the bundle) from the VSIX.
  check "voice cloning from the VSIX" bash -c "node '$cli' speak 'Xin chào các bạn, hôm nay trời đẹp quá, chúng ta cùng đi dạo nhé.' --builtin --out '$work/clip.wav' \
    && node '$cli' clone '$work/clip.wav' --name Thu --denoise --backbone '$work/fx/v3-turbo' --codec '$work/fx/moss-codec' --out '$work/voice.json' \
    && grep -q '\"speaker_emb\"' '$work/voice.json'"
  check "notebook from the VSIX" node "$cli" notebook --backbone pnnbao-ump/VieNeu-TTS-q4-gguf --codec neuphonic/neucodec --device auto --tunnel ngrok --out "$work/nb.ipynb"
else
  failed=$((failed+1))
fi
echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
