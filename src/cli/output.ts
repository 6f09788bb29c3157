// Standard output and error for a short run. process.stdout and process.stderr are streams whose
// first use loads Node's net and stream modules: about 3 ms of a 70 ms `--yes` run that prints a
// few lines. So a pipe or a file is written with fs.writeSync, and the streams are created only
// for a terminal (where a person waits, and colour and width matter), when a write would block,
// or once the wizard has used them (so output never overtakes a prompt's).

import { fstatSync, statSync, writeSync } from 'node:fs';

export interface Sink {
  /** Whether the descriptor is a terminal. */
  readonly isTTY: boolean;
  /** The terminal's width, when it is one. */
  readonly columns: number | undefined;
  write(text: string): void;
}

let throughStreams = false;

/** From now on every write goes through process.stdout/stderr (called before prompting). */
export function useStreams(): void {
  throughStreams = true;
}

function streamOf(fd: 1 | 2): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

// A terminal is a character device; /dev/null and /dev/full are too, but never terminals: the
// stream then is a synchronous file stream, whose failures arrive as 'error' events.
const characterDevice = new Map<number, boolean>();
function isCharacterDevice(fd: 1 | 2): boolean {
  let known = characterDevice.get(fd);
  if (known === undefined) {
    try {
      const stat = fstatSync(fd);
      known = stat.isCharacterDevice() && !isDevNull(stat.rdev);
    } catch {
      known = false;
    }
    characterDevice.set(fd, known);
  }
  return known;
}

function isDevNull(rdev: number): boolean {
  try {
    return statSync('/dev/null').rdev === rdev;
  } catch {
    return false;
  }
}

// The reader went away (`| head`): stop quietly, as other command-line tools do.
function readerGone(fd: 1 | 2): void {
  if (fd === 1) process.exit(process.exitCode ?? 0);
}

const OUTPUT_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EIO: 'an input/output error',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large',
  EBADF: 'it is closed',
  EACCES: 'permission denied',
};

/** Standard output could not take what the command printed (`> /dev/full`, a full disk). */
export class OutputError extends Error {
  override name = 'OutputError';
}

function outputFailure(fd: 1 | 2, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
  const stream = fd === 1 ? 'standard output' : 'standard error';
  return new OutputError(`Cannot write to ${stream}: ${OUTPUT_REASONS[code] ?? 'the write failed'} (${code}).`);
}

// A stream's write fails after the command returned: say so in one sentence and exit 1.
function streamFailed(fd: 1 | 2, error: unknown): void {
  if (fd === 2) process.exit(1);
  try {
    writeSync(2, `error: ${outputFailure(fd, error).message}\n`);
  } finally {
    process.exit(1);
  }
}

function write(fd: 1 | 2, text: string): void {
  if (throughStreams || isCharacterDevice(fd)) {
    writeToStream(fd, text);
    return;
  }
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return readerGone(fd);
    if (code !== 'EAGAIN') throw outputFailure(fd, error);
    // A non-blocking descriptor that is full: let the stream queue the rest, and all that follows.
    throughStreams = true;
    // The bytes themselves: a partial write may have ended inside a multi-byte character.
    writeToStream(fd, bytes.subarray(offset));
  }
}

const watched = new Set<number>();
function writeToStream(fd: 1 | 2, text: string | Uint8Array): void {
  const stream = streamOf(fd);
  if (!watched.has(fd)) {
    watched.add(fd);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return readerGone(fd);
      streamFailed(fd, error);
    });
  }
  stream.write(text);
}

function sink(fd: 1 | 2): Sink {
  return {
    get isTTY() {
      return isCharacterDevice(fd) && streamOf(fd).isTTY === true;
    },
    get columns() {
      return this.isTTY ? streamOf(fd).columns : undefined;
    },
    write: (text) => write(fd, text),
  };
}

export const stdout: Sink = sink(1);
export const stderr: Sink = sink(2);
