import * as assert from 'assert';
import { BackendManager, SPEAK_WITH_LOCAL_COMMAND } from '../../../src/core/backendManager';
import { UserError } from '../../../src/core/errors';
import { ScriptedBackend } from '../helpers/scriptedBackend';

async function collect(it: AsyncIterable<{ samples: Float32Array }>): Promise<number[]> {
  const firsts: number[] = [];
  for await (const c of it) firsts.push(c.samples[0]);
  return firsts;
}

describe('BackendManager', () => {
  let local: ScriptedBackend, colab: ScriptedBackend, m: BackendManager;
  beforeEach(() => {
    local = new ScriptedBackend('local');
    colab = new ScriptedBackend('colab');
    m = new BackendManager({ local, colab });
  });

  it('refuses to switch to Colab when it is not connected, with the message users know and a fix', () => {
    assert.throws(
      () => m.switchTo('colab'),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === 'Cannot switch to Colab: Not connected to Colab backend.' &&
        /notebook/.test(e.fix ?? '') &&
        e.actions.some((a) => a.command === 'vieneu.connectColab'),
    );
    assert.strictEqual(m.active, 'local');
  });

  it('refuses to switch to Local when no model is loaded', () => {
    m.restore('colab');
    assert.throws(() => m.switchTo('local'), /Cannot switch to Local: No local model loaded/);
    assert.strictEqual(m.active, 'colab');
  });

  it('keeps both backends ready and routes each request to the active one, switching instantly', async () => {
    local.setState('ready');
    colab.setState('ready');
    assert.deepStrictEqual(await collect(m.synthesize({ text: 'a' }, new AbortController().signal)), [0.1, 0.1, 0.1].map(Math.fround));
    m.switchTo('colab');
    assert.deepStrictEqual(await collect(m.synthesize({ text: 'b' }, new AbortController().signal)), [0.2, 0.2, 0.2].map(Math.fround));
    assert.strictEqual(local.requests.length, 1);
    assert.strictEqual(colab.requests.length, 1);
    assert.strictEqual(local.status.state, 'ready', 'switching must not unload the other backend');
  });

  it('a request in flight finishes on the backend it started on', async () => {
    local.setState('ready');
    colab.setState('ready');
    const it = m.synthesize({ text: 'x' }, new AbortController().signal)[Symbol.asyncIterator]();
    await it.next();
    m.switchTo('colab');
    const rest: number[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) rest.push(r.value.samples[0]);
    assert.deepStrictEqual(rest, [Math.fround(0.1), Math.fround(0.1)]);
  });

  it('tells what to do when neither backend is ready', () => {
    assert.throws(
      () => m.synthesize({ text: 'x' }, new AbortController().signal),
      (e: unknown) => e instanceof UserError && /Load a local model or connect to Colab/.test(e.message),
    );
  });

  it('names the active backend problem when only the other one is ready', () => {
    colab.setState('ready');
    assert.throws(() => m.synthesize({ text: 'x' }, new AbortController().signal), /Cannot switch to Local/);
  });

  it('Speak on a Colab that stopped answering says so (not "Cannot switch") and offers the ready Local voice', () => {
    local.setState('ready');
    m.restore('colab');
    colab.status = { state: 'error', detail: 'Disconnected: The server did not answer within 10 s.', info: { code: 'timeout' } };
    assert.throws(
      () => m.synthesize({ text: 'x' }, new AbortController().signal),
      (e: unknown) =>
        e instanceof UserError &&
        e.message === 'The Colab server stopped answering (Disconnected: The server did not answer within 10 s).' &&
        !/Cannot switch|Generate the Colab notebook/.test(e.display) &&
        e.code === 'not-ready' &&
        e.actions[0].command === SPEAK_WITH_LOCAL_COMMAND &&
        e.actions.some((a) => a.args?.[0] === 'vieneu.colab.fallbackToLocal'),
    );
    assert.strictEqual(m.active, 'colab', 'nothing moves without the user');
    assert.strictEqual(local.requests.length, 0);
    // A refused token is not "stopped answering".
    colab.status = { state: 'error', detail: 'The server refused the token.', info: { code: 'auth' } };
    assert.throws(() => m.synthesize({ text: 'x' }, new AbortController().signal), /Colab cannot speak: The server refused the token\./);
    // Nothing ready: reconnecting is the way on.
    local.setState('idle');
    colab.status = { state: 'error', detail: 'Disconnected: connection refused', info: { code: 'network' } };
    assert.throws(() => m.synthesize({ text: 'x' }, new AbortController().signal), (e: unknown) => e instanceof UserError && /stopped answering/.test(e.message) && /notebook still runs/.test(e.fix ?? ''));
  });

  it('with the fallback setting, Speak on a dead Colab speaks with the ready Local and says so once', async () => {
    const fallback = new BackendManager({ local, colab }, 'colab', { fallbackToLocal: () => true });
    const said: string[] = [];
    fallback.onDidFallBack((e) => said.push(e.message));
    local.setState('ready');
    colab.status = { state: 'error', detail: 'Disconnected: connection refused', info: { code: 'network' } };
    assert.deepStrictEqual(await collect(fallback.synthesize({ text: 'a' }, new AbortController().signal)), [0.1, 0.1, 0.1].map(Math.fround));
    assert.strictEqual(fallback.active, 'local');
    await collect(fallback.synthesize({ text: 'b' }, new AbortController().signal));
    assert.deepStrictEqual(said, ['The Colab server stopped answering (Disconnected: connection refused).']);
    assert.strictEqual(colab.requests.length, 0);
    fallback.dispose();
  });

  it('fires a change event on switches and on backend status changes', () => {
    const seen: string[] = [];
    m.onDidChange((s) => seen.push(`${s.active}:${s.statuses.colab.state}`));
    colab.setState('ready');
    m.switchTo('colab');
    assert.deepStrictEqual(seen, ['local:ready', 'colab:ready']);
  });

  it('stops a stream when the signal aborts', async () => {
    local.setState('ready');
    const ac = new AbortController();
    const got: number[] = [];
    await assert.rejects(async () => {
      for await (const c of m.synthesize({ text: 'x' }, ac.signal)) {
        got.push(c.samples[0]);
        ac.abort();
      }
    }, /aborted/);
    assert.strictEqual(got.length, 1);
  });
});
