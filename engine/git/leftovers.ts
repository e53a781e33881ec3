// Names for temporary directories that a crash may leave behind: `<prefix><pid>-<random>`. A
// later run removes the ones whose process is gone, and leaves a live process's alone.

export function temporaryName(prefix: string): string {
  return `${prefix}${process.pid}-`;
}

/** True for a temporary directory name of `prefix` whose process no longer runs. */
export function isLeftover(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const pid = Number.parseInt(name.slice(prefix.length), 10);
  return Number.isInteger(pid) && pid > 0 && !processIsAlive(pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
