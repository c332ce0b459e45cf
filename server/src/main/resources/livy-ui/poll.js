// Repeats a refresh until the page changes: the next run starts only after the previous one ended, so a slow
// server is never asked twice at once.

/**
 * Runs `refresh` now and every `millis` after it finishes, until it resolves to `false`; returns the function that
 * stops it.
 */
export function every(millis, refresh) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      stopped = (await refresh()) === false || stopped;
    } finally {
      if (!stopped) {
        timer = setTimeout(run, millis);
      }
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
