// `vieneu serve-check URL`: connects to any server speaking the protocol (the notebook, server.py on a GPU
// box), synthesizes a short sentence, and prints what it found.
import { UserError } from '../core/errors';
import { redact } from '../core/secrets';
import { useLanguage } from '../core/strings';
import { RemoteBackend } from '../remote/remoteBackend';
import { parseArgs, type CliCommand } from './command';

const HELP = `Usage: vieneu serve-check URL [--token TOKEN] [--text TEXT] [--voice ID]

Checks a VieNeu server: authenticated health check (latency, GPU, model), its voices, and a short streamed
synthesis (time to first audio, duration). The token comes from --token or $COLAB_AUTH_TOKEN; prefer the
variable, since command lines are visible to other users of the machine.`;

export const command: CliCommand = {
  summary: 'check a Colab / self-hosted VieNeu server: health, voices, a short synthesis',
  help: HELP,
  async run(args) {
    useLanguage(process.env.LANG);
    const { flags, positional } = parseArgs(args, { values: ['token', 'text', 'voice'] });
    if (positional.length !== 1) throw new UserError('Give exactly one server URL.', 'bad-input', 'Example: vieneu serve-check https://abc.ngrok-free.app');
    const token = String(flags.token ?? process.env.COLAB_AUTH_TOKEN ?? '');
    const backend = new RemoteBackend();
    try {
      console.log(`Server: ${positional[0]}  token: ${redact(token)}`);
      const info = await backend.connect([positional[0]], token);
      const h = info.health;
      console.log(`Health: ${backend.status.detail}`);
      console.log(`  model   ${h.backbone} + ${h.codec} on ${h.device}`);
      if (h.gpu) console.log(`  GPU     ${h.gpu.name}, ${h.gpu.memory_used_gb} / ${h.gpu.memory_total_gb} GB used`);
      console.log(`  server  ${h.version} (protocol ${h.protocol}${h.vieneu_version ? `, vieneu ${h.vieneu_version}` : ''}), up ${Math.round(h.uptime_s)} s, cloning ${h.can_clone ? 'yes' : 'no'}`);
      const voices = await backend.voices();
      console.log(`Voices: ${voices.voices.map((v) => v.id).join(', ') || '(none)'}${voices.default ? ` (default ${voices.default})` : ''}`);
      const text = String(flags.text ?? 'Xin chào, đây là VieNeu TTS.');
      const started = performance.now();
      let firstMs: number | undefined;
      let samples = 0;
      let rate = 24000;
      for await (const chunk of backend.synthesize({ text, voice: flags.voice as string | undefined }, new AbortController().signal)) {
        firstMs ??= performance.now() - started;
        samples += chunk.samples.length;
        rate = chunk.sampleRate;
      }
      const totalMs = performance.now() - started;
      console.log(`Synthesis: ${(samples / rate).toFixed(2)} s of audio at ${rate} Hz; first audio after ${Math.round(firstMs ?? totalMs)} ms, all after ${Math.round(totalMs)} ms`);
      console.log('OK');
      return 0;
    } finally {
      backend.dispose();
    }
  },
};
