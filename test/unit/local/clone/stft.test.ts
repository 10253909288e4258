import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BINS, HOP, istft, N_FFT, RealFft, stft } from '../../../../src/local/clone/stft';
import { PYTHON, pythonHas } from '../../helpers/python';

// The denoiser's STFT as upstream describes it (torch.stft center/reflect, periodic Hann, last frame dropped),
// written with numpy: an independent implementation to compare against.
const NUMPY_STFT = `
import sys, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.float32).astype(np.float64)
n_fft, hop = 1680, 420
win = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)
xp = np.pad(x, (n_fft // 2, n_fft // 2), mode="reflect")
n = 1 + (len(xp) - n_fft) // hop
idx = np.arange(n_fft)[None, :] + hop * np.arange(n)[:, None]
spec = np.fft.rfft(xp[idx] * win[None, :], n=n_fft, axis=1).T[:, :-1]
np.abs(spec).astype(np.float32).tofile(sys.argv[2])
`;

describe('denoiser STFT (n_fft 1680, hop 420) on KISS FFT', function () {
  this.timeout(60000);
  let fft: RealFft;
  let dir: string;
  const signal = (n: number) => new Float32Array(n).map((_, i) => 0.4 * Math.sin(i * 0.031) + 0.2 * Math.sin(i * 0.57 + 1) + 0.05 * Math.cos(i * 2.1));

  before(async () => {
    fft = await RealFft.create(N_FFT);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-stft-'));
  });
  after(() => {
    fft.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('KISS FFT takes the non-power-of-two size 1680: a cosine lands in its own bin', () => {
    const x = new Float32Array(N_FFT).map((_, i) => Math.cos((2 * Math.PI * 37 * i) / N_FFT));
    const out = new Float32Array(N_FFT + 2);
    fft.forward(x, out);
    assert.ok(Math.abs(out[2 * 37] - N_FFT / 2) < 1e-2, `bin 37 = ${out[2 * 37]}`);
    assert.ok(Math.abs(out[2 * 36]) < 1e-2 && Math.abs(out[2 * 38]) < 1e-2);
    const back = new Float32Array(N_FFT);
    fft.inverse(out, back);
    for (let i = 0; i < N_FFT; i += 97) assert.ok(Math.abs(back[i] - x[i]) < 1e-5);
  });

  it('has ⌊n / 420⌋ frames of 841 bins and matches numpy to 1e-4 of the peak', function () {
    const x = signal(44100 + 123);
    const s = stft(fft, x);
    assert.strictEqual(s.frames, Math.floor(x.length / HOP));
    assert.strictEqual(s.mag.length, BINS * s.frames);
    if (!pythonHas('numpy')) this.skip();
    const input = path.join(dir, 'x.f32');
    fs.writeFileSync(input, Buffer.from(x.buffer));
    const r = spawnSync(PYTHON, ['-c', NUMPY_STFT, input, path.join(dir, 'mag.f32')], { encoding: 'utf8', timeout: 30000 });
    assert.strictEqual(r.status, 0, r.stderr);
    const b = fs.readFileSync(path.join(dir, 'mag.f32'));
    const ref = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    assert.strictEqual(ref.length, s.mag.length);
    let peak = 0;
    let diff = 0;
    for (let i = 0; i < ref.length; i++) {
      peak = Math.max(peak, ref[i]);
      diff = Math.max(diff, Math.abs(ref[i] - s.mag[i]));
    }
    assert.ok(diff < 1e-4 * peak, `max difference ${diff} of peak ${peak}`);
  });

  it('the iSTFT of the STFT gives the signal back (WOLA with the repeated last frame)', () => {
    const x = signal(30000);
    const y = istft(fft, stft(fft, x), x.length);
    let err = 0;
    // The tail past the last whole frame is rebuilt from the repeated frame, as upstream's; compare before it.
    for (let i = 0; i < Math.floor(x.length / HOP) * HOP - N_FFT; i++) err = Math.max(err, Math.abs(x[i] - y[i]));
    assert.ok(err < 1e-4, `max error ${err}`);
  });
});
