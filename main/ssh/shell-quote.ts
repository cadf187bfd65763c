/**
 * Quoting for commands Photon builds itself and runs through a remote POSIX shell (OpenSSH hands
 * the command line to the login shell's `-c`). Every value goes inside single quotes, where a POSIX
 * shell interprets nothing; the only character needing care is the quote itself, written as '\''.
 * This assumes a POSIX login shell (sh, bash, dash, zsh, ksh); csh and fish are not supported.
 */
export function shellQuote(arg: string): string {
  // A NUL cannot be passed in an argv entry at all; the remote side would truncate at it silently.
  if (arg.includes('\0')) throw new TypeError('a shell argument may not contain a NUL byte');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One command line from an argument vector; the shape of the command never depends on the values. */
export function shellQuoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new TypeError('a command needs at least one argument');
  return argv.map(shellQuote).join(' ');
}

/**
 * A remote file path as one shell word. "~/x" means the login user's home, as an operator would
 * expect (a quoted ~ is not expanded). A relative name starting with "-" would be read as an option
 * (sqlite3 has no "--"), so it gets a "./" prefix.
 */
export function remoteFileWord(file: string): string {
  if (file.startsWith('~/')) return `"$HOME"/${shellQuote(file.slice(2))}`;
  return shellQuote(file.startsWith('-') ? `./${file}` : file);
}
