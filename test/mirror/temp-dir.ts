import { tempDir } from '../helpers/tmp';

/** Fresh temporary folders, each removed when the test that made it finishes. */
export function useTempDirs(): () => string {
  return () => tempDir('lb-mirror-');
}
