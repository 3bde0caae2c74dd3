import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** Loads a value through the API, and again whenever `reload` is called. */
export function useCall<T>(load: () => Promise<T>): [Loadable<T>, () => void] {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // `load` is expected to be stable for the component's life; reloads go through `generation`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);
  return [result, useCallback(() => setGeneration((g) => g + 1), [])];
}
