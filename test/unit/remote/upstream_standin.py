# A stand-in for upstream VieNeu-TTS's OpenAI speech server (apps/openai_speech.py, SDK 3.7+), written from
# the wire facts in ../shared/facts/speech-servers.md, for the contract tests only. Same routes, fields,
# defaults, error shape, status codes and headers; the audio is a deterministic tone instead of a model:
# 0.2 s per input word, at the requested rate (48 kHz native), pitch 220 + 10 * (voice index) Hz.
# It runs under Debian's FastAPI 0.92 / pydantic 1.10 and parses multipart by hand (no python-multipart).
#
# Knobs (environment):
#   VIENEU_API_KEY            Bearer key; unset = open, as upstream
#   STANDIN_BACKEND           "onnx" (default) or "pytorch"
#   STANDIN_MAX_STREAMS       concurrent streams (default 1); one more gets 429 + Retry-After at once
#   STANDIN_CHUNK_S           seconds per chunk (default 0); STANDIN_CHUNKS chunks per request (default 3)
#   STANDIN_SCHEDULER_DEAD    if set, /health answers 503 status "error" and speech 503
#   PORT                      port on 127.0.0.1
import base64
import email.parser
import hmac
import json
import os
import re
import struct
import threading
import time
import uuid

import numpy as np
import uvicorn
from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.exceptions import HTTPException

NATIVE = 48000
RATES = (48000, 24000, 16000, 8000)
MODEL_ID = "vieneu-v3-turbo"
BUILTIN = {
    "Minh Quân Pro": {"description": "Nam miền Bắc", "gender": "male", "featured": True, "aliases": ["minh-quan"]},
    "Mai Anh": {"description": "Nữ miền Bắc", "gender": "female", "featured": True, "aliases": []},
    "Phạm Tuyên": {"description": "Nam miền Nam", "gender": "male", "featured": False, "aliases": []},
}
BACKEND = os.environ.get("STANDIN_BACKEND", "onnx")
MAX_STREAMS = int(os.environ.get("STANDIN_MAX_STREAMS", "1"))
CHUNK_S = float(os.environ.get("STANDIN_CHUNK_S", "0"))
CHUNKS = int(os.environ.get("STANDIN_CHUNKS", "3"))
VOICE_NAME = re.compile(r"[^\W_][\w .\-]{0,63}")

voices = {k: dict(v) for k, v in BUILTIN.items()}
gate = threading.BoundedSemaphore(MAX_STREAMS)
active = {"n": 0}

app = FastAPI(title="stand-in VieNeu-TTS speech API")


class Refused(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def error(status, message, headers=None):
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error", "code": status}},
                        status_code=status, headers=headers)


@app.exception_handler(Refused)
async def _refused(_r, e):
    return error(e.status, e.message, e.headers)


@app.exception_handler(HTTPException)
async def _http(_r, e):
    return error(e.status_code, str(e.detail))


@app.exception_handler(RequestValidationError)
async def _invalid(_r, e):
    return error(400, "invalid request")


def auth(authorization: str = Header(default=None)):
    key = os.environ.get("VIENEU_API_KEY")
    if key and not hmac.compare_digest((authorization or "").encode(), ("Bearer " + key).encode()):
        raise Refused(401, "invalid api key")


@app.get("/health")
def health():
    body = {"status": "ok", "backend": BACKEND, "max_streams": MAX_STREAMS, "active": active["n"], "waiting": 0,
            "sample_rate": NATIVE}
    if os.environ.get("STANDIN_SCHEDULER_DEAD"):
        return JSONResponse({**body, "status": "error", "error": "stream scheduler is down: RuntimeError('CUDA error')"},
                            status_code=503)
    return body


@app.get("/v1/models", dependencies=[Depends(auth)])
def models():
    return {"object": "list", "data": [{
        "id": MODEL_ID, "object": "model", "created": 0, "owned_by": "vieneu", "sample_rate": NATIVE,
        "backend": BACKEND, "max_streams": MAX_STREAMS, "response_formats": ["pcm", "wav"],
        "stream_formats": ["audio", "sse"], "sample_rates": list(RATES)}]}


@app.get("/v1/voices", dependencies=[Depends(auth)])
def list_voices():
    return {"object": "list", "data": [
        {"id": k, "name": k, "description": v.get("description", ""), "gender": v.get("gender", ""),
         "featured": v.get("featured"), "aliases": list(v.get("aliases") or [])} for k, v in voices.items()]}


def parse_multipart(content_type, raw):
    msg = email.parser.BytesParser().parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
    if not msg.is_multipart():
        raise Refused(400, "expected multipart/form-data")
    fields, files = {}, {}
    for part in msg.get_payload():
        name = part.get_param("name", header="content-disposition")
        if part.get_filename() is not None:
            files[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
        else:
            fields[name] = (part.get_payload(decode=True) or b"").decode("utf-8")
    return fields, files


@app.post("/v1/voices", dependencies=[Depends(auth)])
async def add_voice(request: Request):
    raw = await request.body()
    if len(raw) > 20 * 1024 * 1024 + 4096:
        raise Refused(413, "reference clip larger than 20 MB")
    fields, files = parse_multipart(request.headers.get("content-type", ""), raw)
    name = fields.get("name", "")
    if not VOICE_NAME.fullmatch(name):
        raise Refused(400, "voice name: 1-64 letters, digits, spaces, '.', '-' or '_'")
    if name in BUILTIN or any(name in v["aliases"] for v in BUILTIN.values()):
        raise Refused(409, "'%s' is a built-in voice; choose another name" % name)
    if "file" not in files:
        raise Refused(400, "file: field required")
    data = files["file"][1]
    if data[:4] != b"RIFF" or len(data) < 44:
        raise Refused(400, "could not enroll voice: not a readable audio file")
    rate = struct.unpack_from("<I", data, 24)[0]
    seconds = (len(data) - 44) / 2 / max(rate, 1)
    if not 3 <= seconds <= 8.5:
        raise Refused(400, "could not enroll voice: the clip must be 3-8 s, not %.1f s" % seconds)
    voices[name] = {"description": fields.get("description", ""), "gender": "", "featured": False, "aliases": []}
    return {"id": name, "name": name, "description": fields.get("description", "")}


def tone(n, freq, rate, offset):
    t = (np.arange(n, dtype=np.float64) + offset) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2").tobytes()


def wav_header(rate):
    h = b"RIFF" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE"
    h += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return h + b"data" + struct.pack("<I", 0xFFFFFFFF)


def resolve(name):
    if not name:
        return "Minh Quân Pro"
    for k, v in voices.items():
        if name == k or name in v["aliases"]:
            return k
    return None


def pitch(name):
    return 220 + 10 * list(voices).index(name)


@app.post("/v1/audio/speech", dependencies=[Depends(auth)])
async def speech(request: Request):
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise Refused(400, "invalid request")
    if not isinstance(body, dict):
        raise Refused(400, "invalid request")
    text = body.get("input")
    if not isinstance(text, str) or not 1 <= len(text) <= 20000:
        raise Refused(400, "input: ensure this value has at least 1 characters")
    fmt = str(body.get("response_format", "wav")).lower()
    if fmt not in ("pcm", "wav"):
        raise Refused(400, "response_format '%s' not supported; use 'pcm' or 'wav'" % fmt)
    sf = body.get("stream_format", "audio")
    if sf not in ("audio", "sse"):
        raise Refused(400, "stream_format must be 'audio' or 'sse'")
    rate = body.get("sample_rate", NATIVE)
    if rate not in RATES:
        raise Refused(400, "sample_rate must be one of %s" % (RATES,))
    for field, lo, hi in (("temperature", 0, 2), ("top_k", 1, 1024)):
        v = body.get(field)
        if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi):
            raise Refused(400, "%s: out of range" % field)
    voice = resolve(body.get("voice"))
    if voice is None:
        raise Refused(400, "unknown voice '%s'; see GET /v1/voices" % body.get("voice"))
    if os.environ.get("STANDIN_SCHEDULER_DEAD"):
        raise Refused(503, "speech engine is down; restart the server (see /health)")
    if not gate.acquire(blocking=False):
        raise Refused(429, "server busy: queue full", {"Retry-After": "1"})
    active["n"] += 1
    words = max(1, len(text.split()))
    total = int(round(words * 0.2 * rate))
    per = max(1, total // CHUNKS)
    freq = pitch(voice)
    released = {"done": False}

    def release():
        if not released["done"]:
            released["done"] = True
            active["n"] -= 1
            gate.release()

    def pcm_chunks():
        sent = 0
        while sent < total and not released["done"]:
            n = min(per, total - sent)
            if CHUNK_S:
                time.sleep(CHUNK_S)
            yield tone(n, freq, rate, sent)
            sent += n

    def audio_body():
        try:
            if fmt == "wav":
                yield wav_header(rate)
            for c in pcm_chunks():
                yield c
        finally:
            release()

    def sse_body():
        def ev(obj):
            return ("data: " + json.dumps(obj) + "\n\n").encode()
        n = 0
        try:
            if fmt == "wav":
                yield ev({"type": "speech.audio.delta", "audio": base64.b64encode(wav_header(rate)).decode()})
            for c in pcm_chunks():
                n += len(c) // 2
                yield ev({"type": "speech.audio.delta", "audio": base64.b64encode(c).decode()})
            yield ev({"type": "speech.audio.done", "usage": {"output_samples": n, "sample_rate": rate,
                                                               "seconds": round(n / rate, 3)}})
        finally:
            release()

    headers = {"X-Request-Id": "spk-" + uuid.uuid4().hex[:8], "X-Sample-Rate": str(rate), "Cache-Control": "no-store"}
    ignored = [k for k in ("speed", "instructions") if body.get(k) is not None]
    if ignored:
        headers["X-VieNeu-Ignored"] = ",".join(ignored)
    if sf == "sse":
        return ReleasingResponse(sse_body(), release, media_type="text/event-stream", headers=headers)
    return ReleasingResponse(audio_body(), release, media_type="audio/wav" if fmt == "wav" else "audio/pcm", headers=headers)


class ReleasingResponse(StreamingResponse):
    """Frees the stream slot however the response ends, the client gone included (upstream does the same)."""

    def __init__(self, body, release, **kw):
        super().__init__(body, **kw)
        self._release = release

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
