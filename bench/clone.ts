// Voice-cloning benchmark (the `clone` object of bench/results.json): seconds to clone an 8 s clip (44.1 kHz
// stereo WAV of espeak-ng speech with silent edges) on the fixture graphs, without and with the denoiser, and
// the process's peak memory. Goal (issue 14): ≤ 1.5 s without the denoiser on a 2-core machine.
// Beside it, in the same run, the stage costs and the resampler against libsamplerate-js's best sinc (the
// maintained resampler, which the product does not use because of this ratio).
// The fixture graphs are small, so the ONNX figures here are a floor: the real CAM++ and MOSS encoder cost more.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import * as path from 'path';
import { decodeAudioFile } from '../src/audio/decode/decodeAudioFile';
import { resampleBandlimited } from '../src/audio/decode/bandlimitedResample';
import { cloneModelPaths, VoiceCloner } from '../src/local/clone/cloneVoice';
import { kaldiFbank } from '../src/local/clone/kaldiFbank';
import { trimSilence } from '../src/local/clone/trimSilence';
import { writeCloneFixtures } from '../src/local/fixtures/cloneFixtures';

type Figures = Record<string, number | string | boolean>;
const ROUNDS = 3;
const GOAL_S = 1.5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

export async function run(log: (line: string) => void): Promise<Figures> {
  if (loadavg()[0] >= availableParallelism()) log(`clone: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: figures will be high`);
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'vieneu-bench-clone-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    writeCloneFixtures(dir);
    const speech = path.join(dir, 'speech.wav');
    const text = 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam, rất vui được gặp bạn hôm nay.';
    if (spawnSync('espeak-ng', ['-v', 'vi', '-w', speech, text]).status !== 0) throw new Error('espeak-ng is needed to make the clip');
    const clip = path.join(dir, 'clip.wav');
    // Half a second of silence, then speech repeated past 8 s: the clone trims and keeps exactly 8 s.
    const r = spawnSync('sox', [speech, '-r', '44100', '-c', '2', '-b', '16', clip, 'repeat', '1', 'pad', '0.5', '0.5', 'trim', '0', '9']);
    if (r.status !== 0) throw new Error(`sox failed: ${String(r.stderr)}`);
    const rssBefore = process.memoryUsage().rss;

    const [cloner, loadS] = await timed(() => VoiceCloner.load(cloneModelPaths(path.join(dir, 'v3-turbo'), path.join(dir, 'moss-codec')), { denoise: true }));
    const plain: number[] = [];
    const denoised: number[] = [];
    let frames = 0;
    let seconds = 0;
    try {
      const [, firstS] = await timed(() => cloner.cloneFile(clip));
      for (let i = 0; i < ROUNDS; i++) {
        const [v, s] = await timed(() => cloner.cloneFile(clip));
        plain.push(s);
        frames = v.codes.length;
        seconds = v.seconds;
        denoised.push((await timed(() => cloner.cloneFile(clip, { denoise: true })))[1]);
      }
      log(`clone: ${seconds.toFixed(1)} s clip → ${frames} reference frames; graphs loaded in ${loadS.toFixed(2)} s; first clone ${firstS.toFixed(2)} s`);

      // Stage costs on the same clip, and the baseline resampler.
      const [decoded, decodeS] = await timed(() => decodeAudioFile(clip));
      const [trimmed, trimS] = await timed(() => trimSilence(decoded.samples).subarray(0, 8 * decoded.sampleRate));
      const [to16, rs16S] = await timed(() => resampleBandlimited(trimmed, decoded.sampleRate, 16000));
      const [, rs48S] = await timed(() => resampleBandlimited(trimmed, decoded.sampleRate, 48000));
      const [, fbankS] = await timed(() => kaldiFbank(to16));
      const lsr = await import('@alexanderolsen/libsamplerate-js');
      const [lsrS] = await timed(async () => {
        const t0 = performance.now();
        for (const rate of [16000, 48000]) {
          const src = await lsr.create(1, decoded.sampleRate, rate, { converterType: lsr.ConverterType.SRC_SINC_BEST_QUALITY });
          src.simple(trimmed);
          src.destroy();
        }
        return (performance.now() - t0) / 1000;
      });
      const ours = rs16S + rs48S;
      const clonePlain = median(plain);
      const cloneDenoise = median(denoised);
      log(`clone: without denoiser ${clonePlain.toFixed(2)} s (goal ${GOAL_S} s: ${(clonePlain / GOAL_S).toFixed(2)}× the goal); with denoiser ${cloneDenoise.toFixed(2)} s (${(cloneDenoise / clonePlain).toFixed(2)}× without)`);
      log(`clone: stages — decode ${(decodeS * 1000).toFixed(0)} ms, trim ${(trimS * 1000).toFixed(0)} ms, resample to 16k+48k ${(ours * 1000).toFixed(0)} ms, fbank ${(fbankS * 1000).toFixed(0)} ms`);
      log(`clone: resampling 8 s to 16k+48k: ours ${(ours * 1000).toFixed(0)} ms vs libsamplerate-js best sinc ${(lsrS * 1000).toFixed(0)} ms (${(lsrS / ours).toFixed(1)}× slower)`);
      log(`clone: peak RSS ${Math.round(peakRss / 2 ** 20)} MB (${Math.round((peakRss - rssBefore) / 2 ** 20)} MB above the start of the run)`);
      return {
        clip_seconds: Number(seconds.toFixed(2)),
        reference_frames: frames,
        load_s: Number(loadS.toFixed(3)),
        first_clone_s: Number(firstS.toFixed(3)),
        clone_s: Number(clonePlain.toFixed(3)),
        clone_denoise_s: Number(cloneDenoise.toFixed(3)),
        goal_s: GOAL_S,
        clone_vs_goal: Number((clonePlain / GOAL_S).toFixed(3)),
        denoise_ratio: Number((cloneDenoise / clonePlain).toFixed(3)),
        decode_ms: Math.round(decodeS * 1000),
        resample_ms: Math.round(ours * 1000),
        resample_libsamplerate_best_ms: Math.round(lsrS * 1000),
        fbank_ms: Math.round(fbankS * 1000),
        peak_rss_mb: Math.round(peakRss / 2 ** 20),
        rounds: ROUNDS,
        graphs: 'fixture graphs (tiny weights): ONNX time is a floor',
      };
    } finally {
      await cloner.dispose();
    }
  } finally {
    clearInterval(sampler);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
