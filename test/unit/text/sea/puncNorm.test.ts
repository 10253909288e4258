// The cases of sea-g2p's tests/punc.rs at commit 077bd5f3b6e16581c2725cb6baf53af439056b5f.
import * as assert from 'assert';
import { collapsePunctRuns, puncNorm } from '../../../../src/text/sea/puncNorm';

describe('sea-g2p punc_norm (tests/punc.rs@077bd5f3)', () => {
  it('collapses a run of marks to the strongest one', () => {
    assert.strictEqual(collapsePunctRuns('quo vadis, domine? , lạy chúa'), 'quo vadis, domine? lạy chúa');
    assert.strictEqual(collapsePunctRuns('nghĩa là thầy đi đâu? . cụm từ này'), 'nghĩa là thầy đi đâu? cụm từ này');
    assert.strictEqual(collapsePunctRuns('xong, . tiếp'), 'xong. tiếp');
    assert.strictEqual(collapsePunctRuns('xong. , tiếp'), 'xong. tiếp');
    assert.strictEqual(collapsePunctRuns('thật à, ! ừ'), 'thật à! ừ');
    assert.strictEqual(collapsePunctRuns('sao, . ? ba dấu'), 'sao? ba dấu');
    assert.strictEqual(collapsePunctRuns('domine?,'), 'domine?');
    assert.strictEqual(collapsePunctRuns('rồi,,'), 'rồi,');
    assert.strictEqual(collapsePunctRuns('một, hai, và ba. hết chưa? rồi!'), 'một, hai, và ba. hết chưa? rồi!');
    assert.strictEqual(collapsePunctRuns('dòng một.\n, dòng hai'), 'dòng một.\n, dòng hai');
  });

  it('settles the end of a sentence', () => {
    assert.strictEqual(puncNorm('tôi đi học mỗi ngày vào buổi sáng'), 'tôi đi học mỗi ngày vào buổi sáng.');
    assert.strictEqual(puncNorm('hôm nay trời đẹp quá phải không?'), 'hôm nay trời đẹp quá phải không?');
    assert.strictEqual(puncNorm('anh ấy chạy rất nhanh trên đường!'), 'anh ấy chạy rất nhanh trên đường!');
    for (const s of ['xin chào', 'xin chào!', 'xin chào?', 'xin chào !', 'xin chào.']) assert.strictEqual(puncNorm(s), 'xin chào.', s);
    assert.strictEqual(puncNorm('ừ…'), 'ừ.');
    assert.strictEqual(puncNorm('   '), '');
  });

  it('softens the full stop of a very short fragment before more text', () => {
    assert.strictEqual(
      puncNorm('ba. công ty cổ phần green travel việt nam là doanh nghiệp lớn.'),
      'ba, công ty cổ phần green travel việt nam là doanh nghiệp lớn.',
    );
    assert.strictEqual(puncNorm('vâng. tôi sẽ đến ngay bây giờ và gặp anh.'), 'vâng, tôi sẽ đến ngay bây giờ và gặp anh.');
    assert.strictEqual(puncNorm('tôi đã làm xong hết mọi việc rồi. vâng.'), 'tôi đã làm xong hết mọi việc rồi. vâng.');
    assert.strictEqual(
      puncNorm('hôm nay trời rất đẹp. chúng tôi cùng nhau đi dạo ngoài phố.'),
      'hôm nay trời rất đẹp. chúng tôi cùng nhau đi dạo ngoài phố.',
    );
    assert.strictEqual(puncNorm('U.S.A là một quốc gia rộng lớn nằm ở bắc mỹ.'), 'U.S.A là một quốc gia rộng lớn nằm ở bắc mỹ.');
    assert.strictEqual(
      puncNorm('một. hai. ba là những con số đầu tiên trong dãy đếm.'),
      'một, hai, ba là những con số đầu tiên trong dãy đếm.',
    );
  });

  it('punctuation alone becomes one full stop', () => {
    assert.strictEqual(puncNorm('?!…'), '.');
    assert.strictEqual(puncNorm(''), '');
  });
});
