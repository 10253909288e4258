// `vieneu notebook`: writes the Colab (or Kaggle) notebook and prints the auth token it embeds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { t, useLanguage } from '../core/strings';
import { generateNotebook, NOTEBOOK_FILE_NAMES, type NotebookDevice, type NotebookTarget, type NotebookTunnel } from '../notebook/generateNotebook';
import { parseArgs, type CliCommand } from './command';

const HELP = `Usage: vieneu notebook [--backbone ID] [--codec ID] [--device auto|cuda|cpu] [--tunnel ngrok|cloudflared]
                       [--target colab|kaggle] [--ngrok-domain NAME] [--out FILE.ipynb]

Writes a notebook that serves VieNeu-TTS on a free Colab (or Kaggle) GPU and prints the auth token it
embeds; keep the token secret and give it to the extension (or COLAB_AUTH_TOKEN) to connect.
--backbone pnnbao-ump/VieNeu-TTS-v3-Turbo (the default) writes the v3 Turbo notebook (upstream's SDK 3.3.0,
48 kHz, voices cloned by enrolment; --codec is not used). A v1 backbone (pnnbao-ump/VieNeu-TTS, its -q4-gguf /
-q8-gguf and 0.3B variants) writes the v1.1.5 notebook; --codec is then neuphonic/distill-neucodec (default,
can clone), neuphonic/neucodec or neuphonic/neucodec-onnx-decoder-int8.
Defaults: --device auto, --tunnel ngrok, --target colab, --out vieneu_tts_colab.ipynb (kaggle: vieneu_tts_kaggle.ipynb).
Example: vieneu notebook --backbone pnnbao-ump/VieNeu-TTS-v3-Turbo`;

export const command: CliCommand = {
  summary: 'write the Colab / Kaggle notebook that serves VieNeu-TTS, print its token',
  help: HELP,
  async run(args) {
    useLanguage(process.env.LANG);
    const { flags, positional } = parseArgs(args, { values: ['backbone', 'codec', 'device', 'tunnel', 'target', 'ngrok-domain', 'out'] });
    if (positional.length > 0) throw new UserError(`Unexpected argument "${positional[0]}".`, 'bad-input', 'Run vieneu notebook --help.');
    for (const name of ['backbone', 'codec'] as const) {
      if (flags[name] === true) throw new UserError(`--${name} needs a value.`, 'bad-input', 'Example: --backbone pnnbao-ump/VieNeu-TTS-v3-Turbo');
    }
    const target = (flags.target as NotebookTarget | undefined) ?? 'colab';
    const g = generateNotebook({
      backbone: flags.backbone === undefined ? undefined : String(flags.backbone),
      codec: flags.codec === undefined ? undefined : String(flags.codec),
      device: flags.device as NotebookDevice | undefined,
      tunnel: flags.tunnel as NotebookTunnel | undefined,
      target,
      ngrokDomain: flags['ngrok-domain'] as string | undefined,
    });
    const out = path.resolve(String(flags.out ?? NOTEBOOK_FILE_NAMES[target]));
    // Written beside the target and renamed: a crash never leaves a half-written notebook under its name.
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, g.json, { mode: 0o600 });
      fs.renameSync(tmp, out);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new UserError(`Could not write ${out}: ${(err as Error).message}`, 'bad-input', 'Choose another --out path.');
    }
    console.log(t('notebookWritten', out, target === 'kaggle' ? 'Kaggle' : 'Colab'));
    console.log(g.model === 'v3' ? 'Model: VieNeu-TTS v3 Turbo (48 kHz)' : 'Model: VieNeu-TTS v1 (upstream v1.1.5, 24 kHz)');
    console.log(t('notebookTokenLine', g.authToken));
    return 0;
  },
};
