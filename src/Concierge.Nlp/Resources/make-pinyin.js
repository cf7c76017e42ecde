// Regenerates pinyin.txt.gz from the npm package `pinyin` 4.0.0 (MIT, © hotoo). Run once by a maintainer:
//   cd /tmp && npm pack pinyin@4.0.0 && mkdir pinyin && tar xzf pinyin-4.0.0.tgz -C pinyin
//   node make-pinyin.js /tmp/pinyin/package .
// Output: one line per toneless syllable, "syllable<TAB>characters", for the CJK basic block and extension A; a
// character with several readings is listed under the first one the package gives (行 → hang, 还 → huan).
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const [pkg, out] = process.argv.slice(2);
const pinyin = require(path.resolve(pkg)).default;
const bySyllable = new Map();
for (const [lo, hi] of [[0x3400, 0x4DBF], [0x4E00, 0x9FFF]]) {
  for (let c = lo; c <= hi; c++) {
    const ch = String.fromCharCode(c);
    const s = pinyin(ch, { style: pinyin.STYLE_NORMAL, heteronym: false })[0][0];
    if (!s || s === ch || !/^[a-zü]+$/.test(s)) continue;      // no reading known
    if (!bySyllable.has(s)) bySyllable.set(s, []);
    bySyllable.get(s).push(ch);
  }
}
const lines = ['# Toneless pinyin from npm pinyin 4.0.0 (MIT). Format: syllable<TAB>characters'];
for (const s of [...bySyllable.keys()].sort()) lines.push(s + '\t' + bySyllable.get(s).join(''));
fs.writeFileSync(path.join(out, 'pinyin.txt.gz'), zlib.gzipSync(lines.join('\n') + '\n', { level: 9 }));
