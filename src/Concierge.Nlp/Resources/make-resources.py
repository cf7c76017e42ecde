#!/usr/bin/env python3
"""Regenerates the embedded dictionaries from their upstream npm packages.

Run once by a maintainer (the product never needs Python or Node):
  cd /tmp && npm pack opencc-js@1.4.2 @node-rs/jieba@2.0.3 nodejieba@3.5.8   # then untar each into <name>/
  python3 make-resources.py /tmp/opencc-js-1.4.2 /tmp/node-rs-jieba-2.0.3 /tmp/nodejieba-3.5.8 .

Why the data is rewritten rather than copied: text reaching the segmenter is already normalised (simplified,
lower-case), so dictionary words are converted the same way and their frequencies merged; POS tags are dropped.
"""
import gzip, os, re, sys

opencc, rsjieba, nodejieba, out = sys.argv[1:5]
dictdir = os.path.join(opencc, 'package/dist/esm-lib/dict')

def load_opencc(name):
    text = open(os.path.join(dictdir, name + '.js'), encoding='utf-8').read()
    body = re.search(r'export default "(.*)"', text, re.S).group(1)
    pairs = {}
    for item in body.split('|'):
        if not item:
            continue
        src, dst = item.split(' ', 1)
        pairs[src] = dst.split(' ')[0]   # first candidate is OpenCC's default
    return pairs

chars = load_opencc('TSCharacters')
phrases = load_opencc('TSPhrases')
max_phrase = max(len(p) for p in phrases)

def t2s(s):
    res, i = [], 0
    while i < len(s):
        for n in range(min(max_phrase, len(s) - i), 1, -1):
            if s[i:i + n] in phrases:
                res.append(phrases[s[i:i + n]]); i += n; break
        else:
            res.append(chars.get(s[i], s[i])); i += 1
    return ''.join(res)

with gzip.open(os.path.join(out, 't2s.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as f:
    f.write('# OpenCC t2s (TSCharacters + TSPhrases) via opencc-js 1.4.2, Apache-2.0. Format: traditional<TAB>simplified\n')
    for src, dst in sorted(chars.items()):
        if src != dst:
            f.write(f'{src}\t{dst}\n')
    for src, dst in sorted(phrases.items()):
        f.write(f'{src}\t{dst}\n')

freq = {}
for line in open(os.path.join(rsjieba, 'package/dict.txt'), encoding='utf-8'):
    parts = line.split()
    if len(parts) < 2:
        continue
    w = t2s(parts[0]).lower()
    freq[w] = freq.get(w, 0) + int(parts[1])
with gzip.open(os.path.join(out, 'jieba-dict.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as f:
    for w in sorted(freq, key=lambda w: w.encode('utf-16-be')):   # UTF-16 ordinal order, as the trie builder expects
        f.write(f'{w} {freq[w]}\n')

idf = {}
for line in open(os.path.join(rsjieba, 'package/idf.txt'), encoding='utf-8'):
    parts = line.split()
    if len(parts) < 2:
        continue
    w = t2s(parts[0]).lower()
    v = float(parts[1])
    idf[w] = min(v, idf.get(w, v))
with gzip.open(os.path.join(out, 'jieba-idf.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as f:
    for w in sorted(idf, key=lambda w: w.encode('utf-16-be')):
        f.write(f'{w} {idf[w]:.2f}\n')

cpp = os.path.join(nodejieba, 'package/submodules/cppjieba/dict')
with gzip.open(os.path.join(out, 'jieba-hmm.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as f:
    f.write(open(os.path.join(cpp, 'hmm_model.utf8'), encoding='utf-8').read())
with gzip.open(os.path.join(out, 'jieba-stopwords.txt.gz'), 'wt', encoding='utf-8', compresslevel=9) as f:
    seen = set()
    for line in open(os.path.join(cpp, 'stop_words.utf8'), encoding='utf-8'):
        w = t2s(line.strip()).lower()
        if w and w not in seen:
            seen.add(w); f.write(w + '\n')
