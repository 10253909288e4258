# VieNeu-TTS HTTP server: the protocol of notebook-template/openapi.json, served by FastAPI.
#
# This one file is embedded verbatim in the generated Colab / Kaggle notebook and is also what the
# extension's contract tests run (under Debian's FastAPI 0.92 / uvicorn 0.17, as well as Colab's newer
# versions), so it avoids APIs that differ between them: no pydantic request models (v1 vs v2), no
# FastAPI lifespan argument (0.93+), no multipart uploads (python-multipart is not always there).
#
# The model is upstream's SDK, imported by name when loading starts, so the tests can put a stand-in `vieneu`
# package first on PYTHONPATH and run this file exactly as shipped: `vieneu.Vieneu(mode="v3turbo")` (SDK 3.3.0,
# 48 kHz; voices cloned by enrolling a clip, POST /v1/voices) for a v3 backbone, `vieneu.VieNeuTTS` (v1.1.5,
# 24 kHz; clones by returning NeuCodec reference codes, POST /v1/voices/encode) for the v1 ones.
#
# Run standalone (a GPU box of your own):  VIENEU_AUTH_TOKEN=... python3 server.py --port 8000
import argparse
import asyncio
import contextlib
import email.parser
import hmac
import json
import logging
import os
import re
import struct
import sys
import tempfile
import threading
import time
import traceback

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

SERVER_VERSION = "1.0.0"
PROTOCOL_VERSION = 1
SAMPLE_RATE = 24000

# Limits: a request over them gets 413 instead of tying up the GPU or the memory of a free runtime.
MAX_JSON_BYTES = 1 * 1024 * 1024
MAX_AUDIO_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_INPUT_CHARS = 20000
# v1's backbone has a 2048-token context that must hold the reference codes, the phonemes of both transcripts
# and the generated codes (a 256-character chunk speaks for up to ~15 s, 750 codes): 10 s of reference
# (500 codes at 50 codes/s) leaves room for that; 3000 codes could never fit.
V1_CONTEXT_TOKENS = 2048
MAX_REF_CODES = 500
MAX_REF_TEXT_CHARS = 2000
# The codecs upstream v1.1.5's VieNeuTTS accepts ("Unsupported codec repository" for any other). Its only ONNX
# decoder is the int8 one; the full-precision ONNX decoder of the local engine is mapped to it.
V1_CODECS = ("neuphonic/neucodec", "neuphonic/distill-neucodec", "neuphonic/neucodec-onnx-decoder-int8")
V1_CODEC_ALIASES = {"neuphonic/neucodec-onnx-decoder": "neuphonic/neucodec-onnx-decoder-int8"}
# Voice enrolment (v3): a name as upstream's server accepts it, a clip of at most 20 MB.
VOICE_NAME = re.compile(r"[^\W_][\w .\-]{0,63}")

log = logging.getLogger("vieneu.server")


class ApiError(Exception):
    """An error the client is meant to read: HTTP status, a stable code and a sentence for people."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def _error_response(status, code, message, headers=None):
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


# ---------------------------------------------------------------------------------------------------------
# Devices and model loading
# ---------------------------------------------------------------------------------------------------------

def is_gguf(backbone):
    return "gguf" in backbone.lower()


def is_onnx_codec(codec):
    return "onnx" in codec.lower()


def is_v3(backbone):
    """v3 Turbo (pnnbao-ump/VieNeu-TTS-v3-Turbo): the SDK's own engine and codec, 48 kHz."""
    return "v3" in backbone.lower()


def v1_codec(codec):
    """The codec repo v1.1.5 loads for `codec`, or ValueError naming the ones it accepts."""
    mapped = V1_CODEC_ALIASES.get(codec, codec)
    if mapped not in V1_CODECS:
        raise ValueError("Unsupported codec %r: VieNeu-TTS v1.1.5 loads only %s." % (codec, ", ".join(V1_CODECS)))
    return mapped


def resolve_devices(backbone, codec, device):
    """Maps the notebook's device choice to the strings upstream's VieNeuTTS expects.

    Upstream passes backbone_device to torch for safetensors backbones ("cuda") but tests for "gpu" to
    offload GGUF layers; its ONNX codec only runs on the CPU.
    """
    if device not in ("auto", "cuda", "cpu"):
        raise ValueError('device must be "auto", "cuda" or "cpu", not %r' % (device,))
    if device == "auto":
        try:
            import torch  # only for the check; upstream imports it anyway

            device = "cuda" if torch.cuda.is_available() else "cpu"
        except ImportError:
            device = "cpu"
    if device == "cuda":
        backbone_device = "gpu" if is_gguf(backbone) else "cuda"
    else:
        backbone_device = "cpu"
    codec_device = "cpu" if (device == "cpu" or is_onnx_codec(codec)) else "cuda"
    return device, backbone_device, codec_device


def cloning_of(backbone, codec):
    """How this server clones voices: "enrol" (v3: a clip becomes a named voice), "codes" (v1 with a PyTorch
    codec: the clip's NeuCodec codes come back), "none" (v1 with the ONNX decoder, which cannot encode)."""
    if is_v3(backbone):
        return "enrol"
    return "none" if is_onnx_codec(codec) else "codes"


def gpu_info():
    """GPU name and memory when torch with CUDA is already loaded (never imports torch just for this)."""
    torch = sys.modules.get("torch")
    try:
        if torch is None or not torch.cuda.is_available():
            return None
        props = torch.cuda.get_device_properties(0)
        return {
            "name": torch.cuda.get_device_name(0),
            "memory_total_gb": round(props.total_memory / 1024 ** 3, 2),
            "memory_used_gb": round(torch.cuda.memory_allocated(0) / 1024 ** 3, 2),
        }
    except Exception:  # a broken CUDA setup must not break /health
        return None


def _vieneu_version():
    try:
        from importlib.metadata import version

        return version("vieneu")
    except Exception:
        return None


class ServerState:
    """What /health reports; the model is loaded once, in a thread, while the server already answers."""

    def __init__(self, backbone, codec, device, auth_token):
        if not isinstance(auth_token, str) or len(auth_token) < 16:
            raise ValueError("The auth token must be a string of at least 16 characters.")
        self.backbone = backbone
        self.codec = codec
        self.device_choice = device
        self.device = None
        self.auth_token = auth_token
        self.v3 = is_v3(backbone)
        self.cloning = cloning_of(backbone, codec)
        # v3 Turbo makes 48 kHz; the value is the model's own once it has loaded.
        self.sample_rate = 48000 if self.v3 else SAMPLE_RATE
        self.model = None
        self.builtin_voices = frozenset()
        self.status = "loading"
        self.load_error = None
        self.started_at = time.time()
        self.loaded_at = None
        # One GPU: requests take turns on it instead of fighting over its memory.
        self.model_lock = threading.Lock()

    def load_model(self):
        """Blocking: imports upstream's class and builds it. Call from a thread (see start_loading)."""
        try:
            device, backbone_device, codec_device = resolve_devices(self.backbone, self.codec, self.device_choice)
            self.device = device
            if self.v3:
                from vieneu import Vieneu

                # PyTorch on the GPU (upstream's fast path), its torch-free ONNX engine on a CPU.
                model = Vieneu(mode="v3turbo", backbone_repo=self.backbone, device=device,
                               backend="pytorch" if device == "cuda" else "onnx")
            else:
                from vieneu import VieNeuTTS

                model = VieNeuTTS(
                    backbone_repo=self.backbone,
                    backbone_device=backbone_device,
                    codec_repo=v1_codec(self.codec),
                    codec_device=codec_device,
                )
            self.sample_rate = int(getattr(model, "sample_rate", self.sample_rate))
            self.builtin_voices = frozenset(vid for _desc, vid in model.list_preset_voices())
            self.model = model
            self.loaded_at = time.time()
            self.status = "ready"
            log.info("model loaded in %.1f s", self.loaded_at - self.started_at)
        except BaseException as e:  # noqa: BLE001 - reported through /health instead of killing the server
            self.status = "error"
            self.load_error = "%s: %s" % (type(e).__name__, e)
            log.error("model failed to load: %s", self.load_error)
            traceback.print_exc()

    def start_loading(self):
        t = threading.Thread(target=self.load_model, name="vieneu-load", daemon=True)
        t.start()
        return t

    def require_model(self):
        if self.status == "ready":
            return self.model
        if self.status == "loading":
            raise ApiError(503, "model_loading", "The model is still loading; try again in a minute.", {"Retry-After": "10"})
        raise ApiError(503, "model_failed", "The model failed to load: %s" % (self.load_error,))


# ---------------------------------------------------------------------------------------------------------
# Audio helpers
# ---------------------------------------------------------------------------------------------------------

def _as_float_list_array(wav):
    import numpy as np

    arr = np.asarray(wav, dtype=np.float32).reshape(-1)
    return arr


def change_speed(wav, speed):
    """Tempo change. librosa (an upstream dependency, so present on Colab) keeps the pitch; without it the
    audio is resampled, which changes pitch too but still honours the requested duration."""
    import numpy as np

    if abs(speed - 1.0) < 1e-3 or len(wav) == 0:
        return wav
    try:
        import librosa

        return librosa.effects.time_stretch(wav, rate=speed).astype(np.float32)
    except ImportError:
        n = max(1, int(round(len(wav) / speed)))
        x = np.linspace(0, len(wav) - 1, n)
        return np.interp(x, np.arange(len(wav)), wav).astype(np.float32)


def to_pcm16(wav):
    import numpy as np

    arr = np.clip(_as_float_list_array(wav), -1.0, 1.0)
    return (arr * 32767.0).astype("<i2").tobytes()


def wav_bytes(pcm, sample_rate):
    header = b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, sample_rate * 2, 2, 16)
    header += b"data" + struct.pack("<I", len(pcm))
    return header + pcm


def _codes_to_list(codes):
    if hasattr(codes, "tolist"):
        codes = codes.tolist()
    flat = []

    def walk(x):
        if isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
        else:
            flat.append(int(x))

    walk(codes)
    return flat


# ---------------------------------------------------------------------------------------------------------
# Request parsing (by hand: identical under pydantic 1 and 2)
# ---------------------------------------------------------------------------------------------------------

async def read_body_limited(request, limit):
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, "too_large", "The request body is larger than %d bytes." % limit)
        except ValueError:
            raise ApiError(400, "invalid_request", "Content-Length is not a number.")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", "The request body is larger than %d bytes." % limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _bad(message):
    return ApiError(400, "invalid_request", message)


def parse_speech_request(raw):
    try:
        body = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise _bad("The request body is nested too deeply.")
    except (UnicodeDecodeError, ValueError):
        raise _bad("The request body must be JSON.")
    if not isinstance(body, dict):
        raise _bad("The request body must be a JSON object.")
    # Unknown fields are ignored, as OpenAI-compatible servers do, so newer clients keep working.

    text = body.get("input")
    if not isinstance(text, str) or not text.strip():
        raise _bad("`input` must be a non-empty string.")
    if len(text) > MAX_INPUT_CHARS:
        raise ApiError(413, "too_large", "`input` is longer than %d characters; send it in parts." % MAX_INPUT_CHARS)
    model = body.get("model")
    if model is not None and not isinstance(model, str):
        raise _bad("`model` must be a string.")
    voice = body.get("voice")
    if voice is not None and (not isinstance(voice, str) or not voice):
        raise _bad("`voice` must be a voice id from GET /v1/audio/voices.")
    fmt = body.get("response_format", "wav")
    if fmt not in ("wav", "pcm"):
        raise _bad('`response_format` must be "wav" or "pcm".')
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise _bad("`stream` must be true or false.")
    if stream and fmt != "pcm":
        raise _bad('Streaming sends raw PCM: use "response_format": "pcm" with "stream": true.')
    speed = body.get("speed", 1.0)
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not (0.25 <= speed <= 4.0):
        raise _bad("`speed` must be a number from 0.25 to 4.0.")
    # Absent sampling values stay absent: each model has its own defaults (v1 1.0 / 50, v3 0.8 / 25).
    temperature = body.get("temperature")
    if temperature is not None and (isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not (0.0 < temperature <= 5.0)):
        raise _bad("`temperature` must be a number above 0 and at most 5.")
    top_k = body.get("top_k")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or not (1 <= top_k <= 1000)):
        raise _bad("`top_k` must be an integer from 1 to 1000.")
    ref_codes = body.get("ref_codes")
    ref_text = body.get("ref_text")
    if (ref_codes is None) != (ref_text is None):
        raise _bad("A custom voice needs both `ref_codes` and `ref_text`.")
    if ref_codes is not None:
        if not isinstance(ref_codes, list) or not ref_codes:
            raise _bad("`ref_codes` must be a non-empty list of integers.")
        if len(ref_codes) > MAX_REF_CODES:
            raise ApiError(413, "too_large", "`ref_codes` has more than %d codes (%d s): they would not fit the model's %d-token context with the text; use a reference of 3 to %d s." % (MAX_REF_CODES, MAX_REF_CODES // 50, V1_CONTEXT_TOKENS, MAX_REF_CODES // 50))
        if not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 65535 for c in ref_codes):
            raise _bad("`ref_codes` must hold integers from 0 to 65535.")
        if not isinstance(ref_text, str) or not ref_text.strip():
            raise _bad("`ref_text` must be the transcript of the reference audio.")
        if len(ref_text) > MAX_REF_TEXT_CHARS:
            raise ApiError(413, "too_large", "`ref_text` is longer than %d characters." % MAX_REF_TEXT_CHARS)
    return {
        "input": text, "voice": voice, "format": fmt, "stream": stream, "speed": float(speed),
        "temperature": None if temperature is None else float(temperature), "top_k": top_k,
        "ref_codes": ref_codes, "ref_text": ref_text,
    }


def resolve_voice(model, req, state=None):
    """The dict upstream's infer()/infer_stream() take as `voice`: custom codes, a preset, or the default."""
    if req["ref_codes"] is not None and state is not None and state.v3:
        raise ApiError(400, "codes_not_supported", "v3 Turbo clones voices by enrolment (POST /v1/voices), not with `ref_codes`.")
    if req["ref_codes"] is not None:
        import numpy as np

        return {"codes": np.asarray(req["ref_codes"], dtype=np.int64), "text": req["ref_text"]}
    presets = [vid for _desc, vid in model.list_preset_voices()]
    if req["voice"] is not None and req["voice"] not in presets:
        raise ApiError(400, "unknown_voice", "Unknown voice %r. Available: %s." % (req["voice"], ", ".join(presets) or "none"))
    if req["voice"] is None and not presets:
        raise ApiError(400, "voice_required", "This model has no preset voices: send `ref_codes` and `ref_text`.")
    try:
        return model.get_preset_voice(req["voice"])
    except ValueError as e:
        raise ApiError(400, "unknown_voice", str(e))


def parse_multipart(content_type, raw):
    """multipart/form-data → ({field: text}, {field: (filename, bytes)}), with the standard library's MIME
    parser (python-multipart, which FastAPI's Form/File need, is not always installed)."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise _bad("Send the clip as multipart/form-data.")
    msg = email.parser.BytesParser().parsebytes(b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + raw)
    if not msg.is_multipart():
        raise _bad("The multipart body could not be read.")
    fields, files = {}, {}
    for part in msg.get_payload():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None:
            files[name] = (part.get_filename(), payload)
        else:
            fields[name] = payload.decode("utf-8", "replace")
    return fields, files


class _StreamThenCancel(StreamingResponse):
    """Calls `on_close` however the response ends: finished, failed, or the client gone (Starlette before
    0.38 cancels the body on disconnect, later ones raise from send; a body never started has no finally
    of its own to run). The model then stops at its next chunk instead of speaking to nobody."""

    def __init__(self, content, on_close, **kwargs):
        super().__init__(content, **kwargs)
        self._on_close = on_close

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._on_close()


# ---------------------------------------------------------------------------------------------------------
# The application
# ---------------------------------------------------------------------------------------------------------

def create_app(state):
    # The schema too is only for whoever holds the token: openapi_url=None, then an authenticated route below.
    app = FastAPI(title="VieNeu-TTS server", version=SERVER_VERSION, docs_url=None, redoc_url=None, openapi_url=None)
    bearer = HTTPBearer(auto_error=False)
    expected = state.auth_token.encode("utf-8")

    def require_auth(creds: HTTPAuthorizationCredentials = Depends(bearer)):
        given = (creds.credentials if creds is not None else "").encode("utf-8")
        # compare_digest: the time taken does not reveal how much of a guess was right.
        if not creds or not hmac.compare_digest(given, expected):
            raise ApiError(401, "unauthorized", "Missing or wrong auth token: send the token the notebook printed as `Authorization: Bearer <token>`.",
                           {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(ApiError)
    async def _api_error(_request, exc):
        return _error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request, exc):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request, exc):
        return _error_response(400, "invalid_request", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_request, exc):
        log.exception("unexpected error")
        return _error_response(500, "internal", "%s: %s" % (type(exc).__name__, exc))

    @app.get("/health", dependencies=[Depends(require_auth)])
    async def health():
        body = {
            "status": state.status,
            "model_loaded": state.status == "ready",
            "backbone": state.backbone,
            "codec": state.codec,
            "device": state.device or state.device_choice,
            "gpu": gpu_info(),
            "version": SERVER_VERSION,
            "protocol": PROTOCOL_VERSION,
            "vieneu_version": _vieneu_version(),
            "uptime_s": round(time.time() - state.started_at, 1),
            "sample_rate": state.sample_rate,
            "can_clone": state.cloning != "none",
            "cloning": state.cloning,
            "error": state.load_error,
        }
        if state.status == "ready":
            return body
        headers = {"Retry-After": "10"} if state.status == "loading" else None
        return JSONResponse(body, status_code=503, headers=headers)

    @app.get("/openapi.json", dependencies=[Depends(require_auth)], include_in_schema=False)
    async def openapi():
        return JSONResponse(app.openapi())

    @app.get("/v1/audio/voices", dependencies=[Depends(require_auth)])
    async def voices():
        model = state.require_model()
        listed = [{"id": vid, "description": desc} for desc, vid in model.list_preset_voices()]
        return {"voices": listed, "default": getattr(model, "_default_voice", None)}

    @app.post("/v1/audio/speech", dependencies=[Depends(require_auth)])
    async def speech(request: Request):
        req = parse_speech_request(await read_body_limited(request, MAX_JSON_BYTES))
        model = state.require_model()
        voice = resolve_voice(model, req, state)
        kwargs = {"voice": voice}
        for name in ("temperature", "top_k"):
            if req[name] is not None:
                kwargs[name] = req[name]
        loop = asyncio.get_running_loop()
        headers = {"X-Sample-Rate": str(state.sample_rate), "Cache-Control": "no-store"}
        if not req["stream"]:
            return await _whole(request, model, req, kwargs, loop, headers)
        return await _stream(model, req, kwargs, loop, headers)

    def _generate(model, req, kwargs, cancel, put):
        """The model's chunks, one request at a time on the GPU; stops as soon as `cancel` is set, also while
        still waiting for its turn, so a request whose client left never holds the model."""
        try:
            while not state.model_lock.acquire(timeout=0.1):
                if cancel.is_set():
                    return
            try:
                for wav in model.infer_stream(req["input"], **kwargs):
                    if cancel.is_set():
                        break  # the client left: free the GPU for the next request
                    put(("data", to_pcm16(change_speed(_as_float_list_array(wav), req["speed"]))))
            finally:
                state.model_lock.release()
        except BaseException as e:  # noqa: BLE001 - sent to the response as an error or an abrupt end
            put(("error", e))
        finally:
            put(("end", None))

    def _failure(value):
        return value if isinstance(value, ApiError) else ApiError(500, "synthesis_failed", "%s: %s" % (type(value).__name__, value))

    async def _whole(request, model, req, kwargs, loop, headers):
        """The whole reply at once, made from the same chunks as a stream (so it equals the streamed audio),
        and given up when the client disconnects before it is done."""
        queue = asyncio.Queue()
        cancel = threading.Event()
        threading.Thread(target=_generate, args=(model, req, kwargs, cancel, lambda item: loop.call_soon_threadsafe(queue.put_nowait, item)),
                         name="vieneu-whole", daemon=True).start()
        parts = []
        # Once the body is read, the next ASGI message is the client's disconnect (Request.is_disconnected only
        # peeks and misses it on some Starlette versions): wait for it beside the model's chunks.
        gone = asyncio.ensure_future(request.receive())
        try:
            while True:
                getting = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait({getting, gone}, return_when=asyncio.FIRST_COMPLETED)
                if getting not in done:
                    getting.cancel()
                    if gone.result().get("type") == "http.disconnect":
                        raise ApiError(499, "client_gone", "The client disconnected.")
                    gone = asyncio.ensure_future(request.receive())
                    continue
                kind, value = getting.result()
                if kind == "data":
                    parts.append(value)
                elif kind == "error":
                    raise _failure(value)
                else:
                    break
        finally:
            cancel.set()
            gone.cancel()
        pcm = b"".join(parts)
        if req["format"] == "wav":
            return Response(wav_bytes(pcm, state.sample_rate), media_type="audio/wav", headers=headers)
        return Response(pcm, media_type="audio/pcm", headers=headers)

    async def _stream(model, req, kwargs, loop, headers):
        queue = asyncio.Queue()
        cancel = threading.Event()

        def put(item):
            loop.call_soon_threadsafe(queue.put_nowait, item)

        threading.Thread(target=_generate, args=(model, req, kwargs, cancel, put), name="vieneu-stream", daemon=True).start()
        # Wait for the first chunk so that a failure before any audio is still a proper JSON error.
        try:
            kind, value = await queue.get()
        except BaseException:
            cancel.set()  # the client left (the request was cancelled) before the first chunk
            raise
        if kind == "error":
            cancel.set()
            raise _failure(value)

        async def body():
            try:
                item = (kind, value)
                while True:
                    k, v = item
                    if k == "data":
                        if v:
                            yield v
                    elif k == "error":
                        # Ends the response without the last chunk: the client sees an incomplete stream,
                        # never a short one passed off as complete.
                        log.error("synthesis failed mid-stream: %s", v)
                        raise RuntimeError("synthesis failed mid-stream")
                    else:
                        return
                    item = await queue.get()
            finally:
                cancel.set()

        return _StreamThenCancel(body(), cancel.set, media_type="audio/pcm", headers=headers)

    @app.post("/v1/voices/encode", dependencies=[Depends(require_auth)])
    async def encode_voice(request: Request, text: str = ""):
        if state.v3:
            raise ApiError(501, "cannot_clone", "v3 Turbo clones voices by enrolment: POST the clip to /v1/voices with a `name`.")
        if is_onnx_codec(state.codec):
            raise ApiError(501, "cannot_clone", "This server's codec (%s) can only decode. Restart the notebook with the codec neuphonic/distill-neucodec or neuphonic/neucodec to clone voices." % state.codec)
        if len(text) > MAX_REF_TEXT_CHARS:
            raise ApiError(413, "too_large", "The transcript is longer than %d characters." % MAX_REF_TEXT_CHARS)
        audio = await read_body_limited(request, MAX_AUDIO_UPLOAD_BYTES)
        if len(audio) < 44:
            raise _bad("Send the reference audio (WAV, MP3 or FLAC, 3 to %d s) as the request body." % (MAX_REF_CODES // 50))
        if not text.strip():
            raise _bad("Pass the transcript of the reference audio as the `text` query parameter.")
        model = state.require_model()
        suffix = {"audio/mpeg": ".mp3", "audio/flac": ".flac", "audio/ogg": ".ogg"}.get(
            request.headers.get("content-type", "").split(";")[0].strip(), ".wav")
        loop = asyncio.get_running_loop()

        def run():
            fd, path = tempfile.mkstemp(suffix=suffix)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(audio)
                with state.model_lock:
                    return _codes_to_list(model.encode_reference(path))
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(path)

        try:
            codes = await loop.run_in_executor(None, run)
        except ApiError:
            raise
        except Exception as e:
            raise ApiError(400, "bad_audio", "Could not encode the reference audio (%s: %s). Send a WAV, MP3 or FLAC file of 3 to %d s." % (type(e).__name__, e, MAX_REF_CODES // 50))
        if len(codes) > MAX_REF_CODES:
            raise ApiError(413, "too_large", "The reference clip is %.1f s long; use 3 to %d s (longer ones do not fit the model's context)." % (len(codes) / 50.0, MAX_REF_CODES // 50))
        return {"codes": codes, "text": text, "frames": len(codes), "duration_s": round(len(codes) / 50.0, 2)}

    @app.post("/v1/voices", dependencies=[Depends(require_auth)])
    async def enrol_voice(request: Request):
        """v3: enrols a 3-8 s clip as a voice of this server (in memory), as upstream's own server does, with the
        same multipart fields (name, file, denoise, description), parsed without python-multipart."""
        if not state.v3:
            raise ApiError(501, "cannot_enrol", "This v1 model clones with reference codes: POST the clip to /v1/voices/encode.")
        raw = await read_body_limited(request, MAX_AUDIO_UPLOAD_BYTES + 64 * 1024)
        fields, files = parse_multipart(request.headers.get("content-type", ""), raw)
        name = fields.get("name", "")
        description = fields.get("description", "")
        if not VOICE_NAME.fullmatch(name):
            raise _bad("`name`: 1-64 letters, digits, spaces, '.', '-' or '_'.")
        if description and not VOICE_NAME.fullmatch(description):
            raise _bad("`description`: 1-64 letters, digits, spaces, '.', '-' or '_'.")
        if "file" not in files or len(files["file"][1]) < 44:
            raise _bad("Send the clip (3 to 8 s; wav, mp3, flac, ogg or m4a) as the `file` field.")
        model = state.require_model()
        if name in state.builtin_voices:  # replacing one would change it for everyone, the default voice too
            raise ApiError(409, "builtin_voice", "%r is a built-in voice; choose another name." % name)
        ext = os.path.splitext(files["file"][0] or "")[1].lower()
        suffix = ext if ext in (".wav", ".mp3", ".flac", ".ogg", ".m4a") else ".wav"
        denoise = fields.get("denoise", "true").strip().lower() not in ("false", "0", "no", "off")
        loop = asyncio.get_running_loop()

        def run():
            fd, path = tempfile.mkstemp(suffix=suffix)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(files["file"][1])
                with state.model_lock:
                    model.add_voice(name, path, denoise=denoise, description=description)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(path)

        try:
            await loop.run_in_executor(None, run)
        except Exception as e:
            raise ApiError(400, "bad_audio", "Could not enrol the voice (%s: %s). Send a clip of 3 to 8 s." % (type(e).__name__, e))
        return {"id": name, "name": name, "description": description}

    return app


# ---------------------------------------------------------------------------------------------------------
# Serving: in a notebook's running event loop, or standalone
# ---------------------------------------------------------------------------------------------------------

def _uvicorn_server_class():
    import uvicorn

    class BackgroundServer(uvicorn.Server):
        """A uvicorn server that leaves the notebook kernel's signal handling alone (Ctrl+C / Interrupt)."""

        def install_signal_handlers(self):  # uvicorn < 0.29
            pass

        @contextlib.contextmanager
        def capture_signals(self):  # uvicorn >= 0.29
            yield

    return BackgroundServer


def serve_in_background(app, host="127.0.0.1", port=8000):
    """Starts uvicorn as a task of the already-running event loop (Colab's and Kaggle's kernels run one),
    so the cell returns and the tunnel cell can run. Never uvicorn.run, which would try to start a second
    loop and block the kernel. Returns (server, task); `await wait_started(server, task)` afterwards."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="off")
    server = _uvicorn_server_class()(config)
    task = asyncio.get_event_loop().create_task(server.serve())
    return server, task


async def wait_started(server, task, timeout=30.0):
    deadline = time.time() + timeout
    while not server.started:
        if task.done():
            exc = task.exception()
            raise RuntimeError("The server stopped while starting: %r (is port %d in use?)" % (exc, server.config.port))
        if time.time() > deadline:
            raise RuntimeError("The server did not start within %.0f s." % timeout)
        await asyncio.sleep(0.1)


def main(argv=None):
    parser = argparse.ArgumentParser(description="VieNeu-TTS HTTP server (token from $VIENEU_AUTH_TOKEN)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--backbone", default="pnnbao-ump/VieNeu-TTS")
    parser.add_argument("--codec", default="neuphonic/distill-neucodec")
    parser.add_argument("--device", default="auto", choices=["auto", "cuda", "cpu"])
    args = parser.parse_args(argv)
    token = os.environ.get("VIENEU_AUTH_TOKEN", "")
    if len(token) < 16:
        # The token comes from the environment, never argv, where every user of the machine can read it.
        parser.error("set VIENEU_AUTH_TOKEN to a random token of at least 16 characters")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    state = ServerState(args.backbone, args.codec, args.device, token)
    app = create_app(state)
    state.start_loading()

    import uvicorn

    config = uvicorn.Config(app, host=args.host, port=args.port, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    server.run()


if __name__ == "__main__":
    main()
