// Output files and folders named on the command line, checked before any
// work is done: a trace file that cannot be created, or an `--out` folder
// that is really a file, is bad input (exit 2 naming the option), not an
// internal error after the runs.
import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { FileTraceSink } from '../sim/trace-sink.ts';
import { InputError } from './errors.ts';
import { quote } from '../traces/input-error.ts';

/** The longest file name (one path component) Linux and macOS file systems take, in bytes. */
const MAX_NAME_BYTES = 255;

export { failingTracePath, fileUnder } from '../sim/suite/trace-path.ts';

/**
 * Opens a trace file for writing, or says why it cannot be written. `inputs`
 * are the files the command reads: writing over one (`run s.json --trace-out
 * s.json`) would destroy it.
 */
export function openTraceFile(path: string, option: string, inputs: readonly string[] = []): FileTraceSink {
  const input = inputs.find((file) => sameFile(file, path));
  if (input !== undefined) throw new InputError(`${option} ${path}: expected a new file, but it is the input ${input}: writing the trace there would destroy it`);
  try {
    return new FileTraceSink(path);
  } catch (error) {
    throw new InputError(`${option} ${path}: cannot write the trace file (${reason(error)})`);
  }
}

/** Makes sure `dir` is a folder we can write into (creating it); returns it. */
export function prepareOutDir(dir: string, option: string): string {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${option} ${dir}: expected a folder, but it is a file`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InputError(`${option} ${dir}: expected a folder to write into, but cannot create it (${reason(error)})`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new InputError(`${option} ${dir}: expected a folder to write into, but it is not writable (${reason(error)})`);
  }
  return dir;
}

/** Checks that a file can be created at `path` (its folder exists and is writable, it is not a folder). */
export function checkWritableFile(path: string, option: string): string {
  // Both pass the folder check below and fail only at the write, after the work.
  if (path === '') throw new InputError(`${option}: expected a file name to write, got ""`);
  const nameBytes = Buffer.byteLength(basename(path));
  if (nameBytes > MAX_NAME_BYTES) {
    throw new InputError(`${option} ${quote(path, 80)}: expected a file name of at most ${MAX_NAME_BYTES} bytes (the file system's limit), got ${nameBytes}`);
  }
  const folder = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // Does not exist yet: its folder decides.
  }
  if (isDir) throw new InputError(`${option} ${path}: expected a file to write, but it is a folder`);
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new InputError(`${option} ${path}: cannot write there (${folder}: ${reason(error)})`);
  }
  return path;
}

/** Whether two paths name one file (through links too); a path that does not exist is no other. */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b) && existsSync(a);
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EEXIST':
      return 'a file of that name exists';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    default:
      return error instanceof Error ? error.message.split('\n')[0] ?? 'error' : String(error);
  }
}
