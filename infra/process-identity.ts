/**
 * Which process is which, read from Linux's /proc: a pid alone is not an identity (the kernel hands a freed
 * pid to the next process), so a process is known by its pid, its start time (ticks since boot, with the
 * boot's id) and its command line. Also who listens on a TCP port, so a server that answers is known to be
 * the one just started and not a stranger (an earlier run's orphan) on the same port.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** `<boot id>:<start time in clock ticks since boot>`: unique per process for the machine's life. */
  started: string;
  /** The command line, arguments joined by spaces. */
  command: string;
}

function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown-boot';
  }
}

/** The identity of a live (non-zombie) process, or undefined when there is none with that pid. */
export function identityOf(pid: number): ProcessIdentity | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (in parentheses, may hold spaces): state is field 3, start time field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, started: `${bootId()}:${fields[19]}`, command };
  } catch {
    return undefined; // no such process, or it ended while we looked
  }
}

/** True when `recorded` still runs: same pid, same start time, same command line. */
export function stillRunning(recorded: ProcessIdentity): boolean {
  const now = identityOf(recorded.pid);
  return now !== undefined && now.started === recorded.started && now.command === recorded.command;
}

/** Socket inodes listening on `port` (any local address, IPv4 and IPv6); undefined where /proc/net is absent. */
function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let readAny = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    readAny = true;
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      // State 0A is LISTEN; the local address ends in the port in hex.
      if (state === '0A' && local && inode && parseInt(local.split(':')[1] ?? '', 16) === port) {
        inodes.add(inode);
      }
    }
  }
  return readAny ? inodes : undefined;
}

function holdsSocket(pid: number, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return true;
    } catch {
      // the descriptor closed while we looked
    }
  }
  return false;
}

/**
 * True when one of `pids` holds the socket listening on `port`. Where /proc cannot tell (not Linux), it
 * answers true: the caller's other checks (the process is alive and answers) are all there is then.
 */
export function listensOn(pids: number[], port: number): boolean {
  const inodes = listeningInodes(port);
  if (inodes === undefined) return true;
  return pids.some((pid) => holdsSocket(pid, inodes));
}

/** The processes listening on `port`, to name who holds a port a server could not take. */
export function listenersOf(port: number): ProcessIdentity[] {
  const inodes = listeningInodes(port);
  if (inodes === undefined || inodes.size === 0) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && holdsSocket(Number(entry), inodes))
    .map((entry) => identityOf(Number(entry)))
    .filter((identity): identity is ProcessIdentity => identity !== undefined);
}
