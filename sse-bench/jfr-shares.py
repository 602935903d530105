import sys, re, collections, subprocess
# usage: jfrsum.py file.jfr [marker ...]: execution + native method samples, self and inclusive shares
f = sys.argv[1]; markers = sys.argv[2:]
out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample,jdk.NativeMethodSample', '--stack-depth', '64', f],
                     capture_output=True, text=True).stdout
events = [e for e in re.split(r'\n(?=jdk\.(?:ExecutionSample|NativeMethodSample))', out) if 'stackTrace' in e]
stacks = []
for e in events:
    body = e.split('stackTrace = [', 1)[1].split('\n  ]', 1)[0]
    frames = [re.sub(r'\s+line:.*', '', l.strip()) for l in body.split('\n') if l.strip() and l.strip() != '...']
    if frames: stacks.append((e.startswith('jdk.NativeMethodSample'), frames))
n = len(stacks)
print(f'{n} samples ({sum(1 for s in stacks if s[0])} in native methods)')
top = collections.Counter(fr[0] for _, fr in stacks)
print('top frames (self):')
for k, v in top.most_common(15): print(f'  {100*v/n:5.1f}%  {k}')
for m in markers:
    v = sum(1 for _, fr in stacks if any(m in x for x in fr))
    print(f'inclusive {m}: {100*v/n:.1f}%')
