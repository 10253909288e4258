// The Colab backend in a real extension host: a failed Connect to a new URL keeps the working connection, and
// what a window reload reconnects with (the saved endpoint setting + the token in SecretStorage) is there and
// works, quietly, against the notebook's real server.py.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, setSetting } from './helpers';
import { PythonServer, freePort } from '../../unit/remote/serverProcess';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { reconnectSaved } from '../../../src/remote/reconnect';
import { SECRET_KEYS } from '../../../src/core/secrets';
import type { VieneuTestApi } from '../../../src/extension';

describe('Colab connection in a real extension host: keep what works, reconnect after reload', function () {
  this.timeout(120_000);
  let server: PythonServer | undefined;
  let api: VieneuTestApi;
  before(async () => {
    api = await activateExtension();
    server = await PythonServer.start();
  });
  after(async () => {
    // Leave the extension as the suites after this one expect it: not connected.
    await vscode.commands.executeCommand('vieneu.disconnectColab');
    await server?.stop();
    await setSetting('colab.endpoint', undefined);
  });

  it('a failed Connect to a new URL leaves the working connection in place', async () => {
    await api.ui.panel.request({ type: 'connect', endpoint: server!.url, token: server!.token });
    const colab = api.manager.backend('colab');
    assert.strictEqual(colab.status.state, 'ready');
    const dead = `http://127.0.0.1:${await freePort()}`;
    await api.ui.panel.request({ type: 'connect', endpoint: dead, token: server!.token });
    assert.strictEqual(colab.status.state, 'ready', colab.status.detail);
    assert.strictEqual(colab.status.info?.endpoint, server!.url);
    assert.strictEqual(api.manager.active, 'colab');
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').get('colab.endpoint'), server!.url, 'the saved endpoint is still the working one');
  });

  it('after a reload, the saved endpoint and the token in SecretStorage reconnect quietly', async () => {
    const endpoint = String(vscode.workspace.getConfiguration('vieneu').get('colab.endpoint'));
    const token = (await api.secrets.get(SECRET_KEYS.colabAuthToken)) ?? '';
    assert.strictEqual(token, server!.token);
    // A new window's backend, as activate() builds it, reconnecting with exactly what was saved.
    const fresh = new RemoteBackend({ healthIntervalMs: 30_000 });
    const asked: string[] = [];
    try {
      const outcome = await reconnectSaved({
        colab: fresh, endpoint, fallbacks: [], token: async () => token,
        askOnFailure: async (m) => (asked.push(m), undefined), useLocal: () => undefined, log: () => undefined,
      });
      assert.strictEqual(outcome, 'connected');
      assert.deepStrictEqual(asked, []);
      assert.strictEqual(fresh.status.state, 'ready');
    } finally {
      fresh.dispose();
    }
  });
});
