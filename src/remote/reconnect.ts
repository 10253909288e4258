// After a window reload: reconnects the Colab backend to the endpoint and token saved by the last successful
// Connect, quietly. Only a failure is the user's business, and then they choose: try again, switch to the
// Local backend, or leave it. Free of vscode: backends.ts supplies the notification and the mode switch.
import { UserError, isAbortError } from '../core/errors';
import type { RemoteBackend } from './remoteBackend';
import { hostOf } from './remoteErrors';

export type ReconnectChoice = 'retry' | 'local' | undefined;

export interface ReconnectDeps {
  colab: RemoteBackend;
  /** The saved endpoint ("" = never connected: nothing to do) and the configured fallbacks. */
  endpoint: string;
  fallbacks: string[];
  /** The stored token, else $COLAB_AUTH_TOKEN; "" for a server without a key. */
  token: () => Promise<string>;
  /** Asked only when reconnecting failed (and the user should hear of it). */
  askOnFailure: (message: string) => Promise<ReconnectChoice>;
  useLocal: () => void;
  log: (line: string) => void;
}

export type ReconnectOutcome = 'connected' | 'skipped' | 'waiting' | 'failed' | 'local';

export async function reconnectSaved(d: ReconnectDeps): Promise<ReconnectOutcome> {
  const endpoint = d.endpoint.trim();
  if (!endpoint) return 'skipped';
  const token = await d.token();
  for (;;) {
    try {
      await d.colab.connect([endpoint, ...d.fallbacks.filter((e) => e && e !== endpoint)], token);
      d.log(`reconnected to ${hostOf(endpoint)}`);
      return 'connected';
    } catch (err) {
      // A Connect of the user's own replaced this attempt, or already succeeded: theirs wins.
      if (isAbortError(err) || d.colab.status.state === 'ready') return d.colab.status.state === 'ready' ? 'connected' : 'skipped';
      const e = err instanceof UserError ? err : new UserError(String(err), 'internal');
      d.log(`reconnecting to ${hostOf(endpoint)} failed: ${e.message}`);
      // A model still loading: the health poll connects by itself once it is ready; nothing to ask.
      if (e.code === 'not-ready') return 'waiting';
      const choice = await d.askOnFailure(e.message);
      if (choice === 'retry') continue;
      if (choice === 'local') {
        d.useLocal();
        return 'local';
      }
      return 'failed';
    }
  }
}
