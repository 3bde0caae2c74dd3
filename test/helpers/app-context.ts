import type { AppContext } from '../../main/app/context';
import { createNodeContext } from '../../main/cli/app-context';
import { tempDir } from './tmp';

/** A real app context over a fresh data folder (real conf settings file). */
export function testContext(): AppContext {
  return createNodeContext(tempDir(), 'browser');
}
