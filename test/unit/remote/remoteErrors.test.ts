// How a failed HTTP answer is put to the user: the wording decides whether they look at the right thing.
import * as assert from 'assert';
import { httpError } from '../../../src/remote/remoteErrors';

describe('remote errors', () => {
  it('a 404 under an endpoint pasted with a path blames the path, not "no VieNeu server"', () => {
    const e = httpError(404, 'application/json', '{"detail":"Not Found"}', 'https://abc.ngrok.app/docs/health', '/health');
    assert.strictEqual(e.message, 'abc.ngrok.app answered, but the URL has a path (/docs) where the VieNeu server has nothing.');
    assert.strictEqual(e.fix, 'Use the address without a path: https://abc.ngrok.app');
    assert.strictEqual(e.code, 'bad-input');
    assert.ok(!/no VieNeu server/.test(e.display));
  });

  it('a 404 at the bare address still says there is no VieNeu server there', () => {
    const e = httpError(404, 'application/json', '{"detail":"Not Found"}', 'https://abc.ngrok.app/health', '/health');
    assert.match(e.message, /There is no VieNeu server at abc\.ngrok\.app \(HTTP 404 for \/health\)/);
  });
});
