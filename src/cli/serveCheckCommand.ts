// `vieneu serve-check URL`: connects to a speech server of any of the three kinds (the notebook's server.py,
// upstream VieNeu-TTS's OpenAI speech server, an OpenAI-compatible one), says which kind it found and what it
// can do, lists its voices, synthesizes a short sentence and prints what it measured. Everything the server
// sent is printed through cleanServerText: no escape code of a hostile server reaches the terminal.
import { UserError } from '../core/errors';
import { redact } from '../core/secrets';
import { useLanguage } from '../core/strings';
import { withoutCredentials } from '../remote/client';
import { cleanServerText } from '../remote/remoteErrors';
import { RemoteBackend, describeServer } from '../remote/remoteBackend';
import { parseArgs, type CliCommand } from './command';

const HELP = `Usage: vieneu serve-check URL [--token TOKEN] [--text TEXT] [--voice ID]

Checks a speech server: the notebook's server.py, upstream VieNeu-TTS's OpenAI speech server
(python -m apps.openai_speech), or any OpenAI-compatible one (OpenAI, Kokoro-FastAPI, openedai-speech).
Prints which kind it is and what it can do (voices, cloning, streaming, GPU, sample rate), its voices, and a
short streamed synthesis (time to first audio, duration, the rate the reply stated).
The token or API key comes from --token or $COLAB_AUTH_TOKEN; prefer the variable, since command lines are
visible to other users of the machine. Servers without a key need neither.`;

export const command: CliCommand = {
  summary: 'check a speech server (notebook, VieNeu-TTS, OpenAI-compatible): kind, voices, a short synthesis',
  help: HELP,
  async run(args) {
    useLanguage(process.env.LANG);
    const { flags, positional } = parseArgs(args, { values: ['token', 'text', 'voice'] });
    if (positional.length !== 1) throw new UserError('Give exactly one server URL.', 'bad-input', 'Example: vieneu serve-check https://abc.ngrok-free.app');
    const token = String(flags.token ?? process.env.COLAB_AUTH_TOKEN ?? '');
    const backend = new RemoteBackend();
    const say = (line: string) => console.log(line);
    const clean = (x: unknown, n = 200) => cleanServerText(String(x ?? ''), n);
    try {
      say(`Server: ${clean(withoutCredentials(positional[0]))}  token: ${token ? redact(token) : '(none)'}`);
      const info = await backend.connect([positional[0]], token);
      const s = info.server;
      const d = describeServer(s);
      say(`Health: ${clean(backend.status.detail)}`);
      say(`  kind    ${d.kind} (${s.kind})`);
      say(`  can     ${d.capabilities}${s.capabilities.sampleRates.length ? ` (rates ${s.capabilities.sampleRates.join(', ')})` : ''}${s.capabilities.sse ? ', SSE' : ''}`);
      const model = [s.backbone || s.model, s.codec].filter(Boolean).join(' + ');
      say(`  model   ${clean(model)}${s.device ? ` on ${clean(s.device, 40)}` : ''}`);
      const h = s.health;
      if (h?.gpu) say(`  GPU     ${clean(h.gpu.name, 80)}, ${Number(h.gpu.memory_used_gb)} / ${Number(h.gpu.memory_total_gb)} GB used`);
      if (h) say(`  server  ${clean(h.version, 40)} (protocol ${Number(h.protocol)}${h.vieneu_version ? `, vieneu ${clean(h.vieneu_version, 40)}` : ''}), up ${Math.round(Number(h.uptime_s) || 0)} s`);
      if (s.upstream) say(`  streams ${Number(s.upstream.max_streams ?? 0)} at once, ${Number(s.upstream.active ?? 0)} active, ${Number(s.upstream.waiting ?? 0)} waiting`);
      const voices = await backend.voices();
      const ids = voices.voices.map((v) => v.id);
      say(`Voices: ${clean(ids.slice(0, 40).join(', '), 2000) || '(none)'}${ids.length > 40 ? ` … (${ids.length})` : ''}${voices.default ? ` (default ${clean(voices.default, 100)})` : ''}`);
      const text = String(flags.text ?? 'Xin chào, đây là VieNeu TTS.');
      const started = performance.now();
      let firstMs: number | undefined;
      let samples = 0;
      let rate = 0;
      for await (const chunk of backend.synthesize({ text, voice: flags.voice as string | undefined }, new AbortController().signal)) {
        firstMs ??= performance.now() - started;
        samples += chunk.samples.length;
        rate = chunk.sampleRate;
      }
      const totalMs = performance.now() - started;
      say(`Synthesis: ${(samples / (rate || 1)).toFixed(2)} s of audio at ${rate} Hz; first audio after ${Math.round(firstMs ?? totalMs)} ms, all after ${Math.round(totalMs)} ms`);
      say('OK');
      return 0;
    } finally {
      backend.dispose();
    }
  },
};
