"""Shares of a JFR recording's samples, as sse-bench/PROFILES.md quotes them.

    python3 sse-bench/jfr-shares.py <recording.jfr> [marker ...]

Reads the execution and native-method samples (`jfr print`, JDK 17+). Samples of threads waiting in
epoll_wait or accept use no CPU and are left out as idle. Of the rest it prints the top frames, then
each sample counted once for the innermost of Tomcat, sseboot or Spring on its stack (a socket
write on top counts as the system call), then, for each marker, the share of all samples with a
frame containing it anywhere on the stack.
"""
import collections
import re
import subprocess
import sys

IDLE = ('EPoll.wait', 'Net.accept')
GROUPS = (('tomcat', ('org.apache.tomcat', 'org.apache.coyote', 'org.apache.catalina')),
          ('sseboot', ('dev.sseboot',)), ('spring', ('org.springframework',)))


def stacks(recording):
    printed = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample,jdk.NativeMethodSample',
                              '--stack-depth', '64', recording], capture_output=True, text=True, check=True).stdout
    for event in re.split(r'\n(?=jdk\.(?:ExecutionSample|NativeMethodSample))', printed):
        if 'stackTrace = [' not in event:
            continue
        body = event.split('stackTrace = [', 1)[1].split('\n  ]', 1)[0]
        frames = [re.sub(r'\s+line:.*', '', line.strip()) for line in body.split('\n')
                  if line.strip() and line.strip() != '...']
        if frames:
            yield frames


def group(frames):
    if 'write0' in frames[0]:
        return 'socket write system call'
    for frame in frames:
        for name, prefixes in GROUPS:
            if frame.startswith(prefixes):
                return name
    return 'other'


def main(recording, markers):
    every = list(stacks(recording))
    active = [frames for frames in every if not frames[0].startswith(tuple('sun.nio.ch.' + i for i in IDLE))]
    print(f'{len(every)} samples, {len(active)} not waiting in epoll_wait or accept')
    print('top frames of those:')
    for frame, count in collections.Counter(frames[0] for frames in active).most_common(12):
        print(f'  {100 * count / len(active):5.1f} %  {frame}')
    print('innermost of Tomcat, sseboot, Spring:')
    for name, count in collections.Counter(group(frames) for frames in active).most_common():
        print(f'  {100 * count / len(active):5.1f} %  {name}')
    for marker in markers:
        count = sum(1 for frames in every if any(marker in frame for frame in frames))
        print(f'{marker} anywhere on the stack: {100 * count / len(every):.1f} % of all samples')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
