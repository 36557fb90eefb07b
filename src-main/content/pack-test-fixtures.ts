/** Helpers for the content tests. */
import { loadPack } from './load-pack';
import { PackError } from './pack-error';

/** The PackError that loading `dir` throws; fails the test if it loads, or throws another error. */
export function loadError(dir: string): PackError {
  try {
    loadPack(dir);
  } catch (error) {
    if (error instanceof PackError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected loadPack to throw a PackError');
}
