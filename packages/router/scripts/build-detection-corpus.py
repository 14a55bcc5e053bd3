"""Builds src/__fixtures__/detection-corpus.json from real outputs and real files on a dev machine.

Every sample is something a tool really printed or a file that really ships (Python's standard
library, npm packages, OpenJDK's src.zip, this repository's git history). Run from packages/router:
python3 scripts/build-detection-corpus.py. The output is committed; CI never runs this script.
"""
import glob, json, os, random, subprocess, tempfile, zipfile

random.seed(7)
MAX = 6000
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
samples = []

def cut(text):
    text = text[:MAX]
    return text[: text.rfind('\n')] if '\n' in text and len(text) == MAX else text

def add(type_, source, text, language=None, hints=None):
    text = text if type_ == 'json' else cut(text)  # cut JSON would not parse
    if len(text.strip()) < 80:
        return
    s = {'type': type_, 'source': source, 'text': text}
    if language: s['language'] = language
    if hints: s['hints'] = hints
    samples.append(s)

def sh(cmd, cwd=ROOT):
    r = subprocess.run(cmd, shell=True, cwd=cwd, capture_output=True, text=True)
    return r.stdout + r.stderr

def read(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.read()

# JSON: tau-bench tool outputs, package manifests, JSON API-shaped data files.
tau = json.load(open(os.path.join(ROOT, '../shared/fixtures/tau-bench/gpt-4o-airline.tasks-0-9.json')))
outs = []
def walk(v):
    if isinstance(v, dict):
        if v.get('role') == 'tool' and isinstance(v.get('content'), str) and v['content'].lstrip()[:1] in '[{':
            outs.append(v['content'])
        for x in v.values(): walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
walk(tau)
for i, o in enumerate(sorted(set(o for o in outs if 200 < len(o) < 20000), key=len)[-8:]):
    add('json', f'tau-bench airline tool output #{i}', o)
for p in sorted(glob.glob(os.path.join(ROOT, 'node_modules/.pnpm/*/node_modules/*/package.json')))[:200:25]:
    add('json', 'npm package manifest ' + os.path.relpath(p, ROOT).split('node_modules/')[-1], read(p))
add('json', 'npm ls --json', sh('npm ls --json --depth 0 2>/dev/null'))
add('json', 'GitHub-style issue list (pretty JSON)', json.dumps([
    {'id': 1000 + i, 'title': f'Fix flaky test in module {i}', 'state': 'open' if i % 3 else 'closed',
     'labels': [{'name': 'bug'}], 'comments': i * 2, 'created_at': f'2026-11-{1 + i:02d}T10:00:00Z'}
    for i in range(25)], indent=2))

# Code: real files of every supported language.
py = os.path.dirname(os.__file__)
for name in ['json/decoder.py', 'argparse.py', 'textwrap.py', 'shutil.py', 'bisect.py']:
    add('code', f'CPython stdlib {name}', read(os.path.join(py, name)), 'python')
for p in ['node_modules/.pnpm/zod@*/node_modules/zod/v4/core/util.js', 'node_modules/.pnpm/fast-check@*/node_modules/fast-check/lib/esm/check/runner/Runner.js']:
    for f in glob.glob(os.path.join(ROOT, p))[:1]:
        add('code', 'npm ' + f.split('node_modules/')[-1], read(f), 'javascript')
for f in ['packages/core/src/ccr/memory-store.ts', 'packages/crusher/src/smart-crusher.ts', 'packages/context/src/rolling-window.ts']:
    add('code', 'this repository ' + f, read(os.path.join(ROOT, f)), 'typescript')
for f in sorted(glob.glob('/usr/share/doc/git/contrib/persistent-https/*.go'))[:3]:
    add('code', 'git contrib ' + os.path.basename(f), read(f), 'go')
for f in glob.glob('/root/.rustup/toolchains/stable-*/share/doc/rust/html/error_codes/main.rs')[:1]:
    add('code', 'rust docs error_codes/main.rs', read(f), 'rust')
with zipfile.ZipFile('/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip') as z:
    for n in ['java.base/java/util/ArrayDeque.java', 'java.base/java/util/Objects.java', 'java.base/java/util/StringJoiner.java']:
        # From the package line on: the licence header is prose, not code.
        add('code', 'OpenJDK (Temurin 25) ' + n, 'package ' + z.read(n).decode('utf-8', 'replace').split('\npackage ', 1)[-1], 'java')
for f in sorted(glob.glob('/root/.pyenv/versions/3.11.7/lib/python3.11/test/test_cppext/*.cpp'))[:1]:
    add('code', 'CPython test_cppext extension.cpp', read(f), 'cpp')
for f in ['/root/.pyenv/src/realpath.c'] + sorted(glob.glob('/root/.pyenv/versions/3.11.7/lib/python3.11/test/test_cext/*.c'))[:1]:
    if os.path.exists(f): add('code', 'pyenv ' + os.path.basename(f), read(f), 'c')
for f in sorted(glob.glob('/usr/lib/node_modules/pnpm/dist/node_modules/node-gyp/src/*.cc'))[:1]:
    # C-compatible code in a .cc file: only its path says C++, as it would for an agent's file read.
    add('code', 'node-gyp ' + os.path.basename(f), read(f), 'cpp', {'filePath': f})

# Search: real grep/ripgrep-style output over this repository.
for pat in ['export function', 'import {', 'readonly ', 'throw new', 'async ', 'const ', 'return ', 'interface ', 'TODO\\|why', 'config\\.']:
    add('search', f'grep -rn "{pat}" packages', sh(f'grep -rn "{pat}" packages --include=*.ts | grep -v node_modules | head -80'))
for pat in ['Tokenizer', 'parseJson', 'MemoCache', 'hasMarker', 'CcrSink']:
    add('search', f'grep -rn -C1 "{pat}" (context lines)', sh(f'grep -rn -C1 "{pat}" packages/*/src | grep -v node_modules | head -80'), hints=None)

# Logs: real tool logs.
add('log', 'dpkg.log', sh('tail -n 120 /var/log/dpkg.log'))
add('log', 'apt history', sh('tail -n 80 /var/log/apt/history.log'))
add('log', 'alternatives.log', sh('tail -n 80 /var/log/alternatives.log'))
tmp = tempfile.mkdtemp(prefix='router-corpus-')
open(os.path.join(tmp, 'test_sample.py'), 'w').write(
    'import pytest\n' + ''.join(f'def test_case_{i}():\n    assert {i} % 7 != 3\n' for i in range(40)))
add('log', 'pytest -v (failures)', sh('python3 -m pytest -v -p no:cacheprovider test_sample.py', cwd=tmp))
open(os.path.join(tmp, 'boom.py'), 'w').write('import json\ndef load(p):\n    return json.loads(open(p).read())\nload("/nonexistent/file.json")\n')
add('log', 'python traceback', sh('python3 boom.py; python3 -c "import logging,sys;logging.basicConfig(level=10,format=\'%(asctime)s %(levelname)s %(name)s: %(message)s\');[logging.getLogger(\'worker\').info(\'processed batch %d\', i) for i in range(40)];logging.error(\'disk full\')"', cwd=tmp))
add('log', 'node stack trace', sh('node -e "function a(){throw new Error(\'boom: connection refused\')} function b(){a()} for(let i=0;i<5;i++)console.log(new Date(0).toISOString(), \'INFO retrying\', i); b()"'))
os.makedirs(os.path.join(tmp, 'crate/src'), exist_ok=True)
open(os.path.join(tmp, 'crate/Cargo.toml'), 'w').write('[package]\nname = "demo"\nversion = "0.1.0"\nedition = "2021"\n')
open(os.path.join(tmp, 'crate/src/main.rs'), 'w').write('fn main() {\n    let x: u32 = "five";\n    let y: String = 5;\n    println!("{} {}", x, y);\n}\n')
add('log', 'cargo build (type errors)', sh('cargo build --offline 2>&1', cwd=os.path.join(tmp, 'crate')))
open(os.path.join(tmp, 'bad.ts'), 'w').write('const a: number = "x";\nfunction f(b: string) { return b.foo; }\nf(1);\nlet c: boolean = 3;\n')
add('log', 'tsc errors', sh(f'node {ROOT}/node_modules/typescript/bin/tsc --noEmit --pretty false bad.ts', cwd=tmp))
add('log', 'vitest run (core)', sh('timeout 120 pnpm exec vitest run --project core packages/core/src/lru.test.ts packages/core/src/memo.test.ts 2>&1 | sed "s/\\x1b\\[[0-9;]*m//g"'))
add('log', 'npm install with missing package', sh('cd "$(mktemp -d)" && npm install --no-audit --no-fund this-package-does-not-exist-hr 2>&1'))
open(os.path.join(tmp, 'test_unit.py'), 'w').write('import unittest\nclass T(unittest.TestCase):\n' + ''.join(f'    def test_{i}(self):\n        self.assertEqual({i} % 5, 1)\n' for i in range(12)))
add('log', 'python -m unittest (failures)', sh('python3 -m unittest -v test_unit', cwd=tmp))
add('log', 'git log with dates', sh("git log -40 --format='%ad INFO commit %h %s' --date=iso-strict"))
add('log', 'pytest -q summary', sh('python3 -m pytest -q -p no:cacheprovider test_sample.py', cwd=tmp))
add('log', 'biome lint output', sh(f'node -e "console.log(\'x\')" && {ROOT}/node_modules/.bin/biome lint bad.ts 2>&1 | sed "s/\\x1b\\[[0-9;]*m//g"', cwd=tmp))
add('log', 'javac errors', sh('printf "class A {\\n  int f() { return \\"x\\"; }\\n  void g() { undefinedCall(); }\\n}\\n" > A.java && javac A.java', cwd=tmp))

# Diffs: this repository's history.
for rev in sh("git log --format=%h -60").split():
    if sum(t == 'diff' for t in (x['type'] for x in samples)) >= 18: break
    add('diff', f'git show {rev}', sh(f'git show --format= {rev} -- "*.ts" "*.md" "*.json" | head -150'))

# HTML: real pages shipped on this machine.
for f in sorted(glob.glob('/root/.rustup/toolchains/stable-*/share/doc/rust/html/*.html'))[:10]:
    add('html', 'rust docs ' + os.path.basename(f), read(f))
for mod in ['json', 'textwrap', 'heapq', 'shutil', 'glob']:
    sh(f'python3 -m pydoc -w {mod}', cwd=tmp)
    add('html', f'pydoc -w {mod}', read(os.path.join(tmp, f'{mod}.html')))

# Prose: documentation.
for f in ['../shared/design/ARCHITECTURE.md', '../shared/design/router.md', '../shared/design/toin.md', 'README.md']:
    add('text', 'markdown ' + os.path.basename(f), read(os.path.join(ROOT, f)))
for p in sorted(glob.glob(os.path.join(ROOT, 'node_modules/.pnpm/*/node_modules/*/README.md')))[:120:10]:
    add('text', 'npm README ' + p.split('node_modules/')[-1], read(p))
for p in sorted(glob.glob('/usr/share/common-licenses/*'))[:4]:
    add('text', 'license ' + os.path.basename(p), read(p))

out = os.path.join(os.path.dirname(__file__), '..', 'src', '__fixtures__', 'detection-corpus.json')
json.dump(samples, open(out, 'w'), indent=1)
from collections import Counter
print(Counter(s['type'] for s in samples), os.path.getsize(out))
