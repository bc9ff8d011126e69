/** The least time between two progress writes of one run. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Progress of a run as it should be written: when it moved by 5 points or more and a quarter of
 * a second has passed since the last write. A long report still shows it moving; a short one
 * (most take well under a second) does not spend a database update and a queue call on every
 * 5 points (about 20 per run, a tenth of a contributor statement's time).
 */
export function progressThrottle(
  write: (percent: number) => Promise<void>,
  now: () => number = Date.now,
): (value: number) => Promise<void> {
  let last = 0;
  let lastAt = now();
  return async (value: number) => {
    const percent = Math.max(0, Math.min(99, Math.round(value)));
    if (percent < last + 5 || now() - lastAt < PROGRESS_INTERVAL_MS) return;
    last = percent;
    lastAt = now();
    await write(percent);
  };
}
