/**
 * A one-line progress bar for long CLI commands, redrawn in place on a terminal and silent
 * elsewhere (pipes and logs get the summary only, not a stream of carriage returns).
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  update(label: string, done: number, total: number | null): void;
  /** Clears the line so the next output starts clean. */
  clear(): void;
}

const REDRAW_MS = 100;

export function progressBar(stream: ProgressStream, now: () => number = Date.now): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(label, done, total) {
      const t = now();
      const finished = total !== null && done >= total;
      if (!finished && t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      const width = Math.max(40, (stream.columns ?? 80) - 1);
      const count = total === null ? `${done}` : `${done}/${total}`;
      const barWidth = Math.max(10, Math.min(30, width - label.length - count.length - 8));
      const share = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(share * barWidth);
      const bar = total === null ? '' : `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] `;
      const text = `${label} ${bar}${count}`.slice(0, width);
      stream.write(`\r${text.padEnd(width)}`);
      drawn = true;
    },
    clear() {
      if (!drawn) return;
      stream.write(`\r${' '.repeat(Math.max(40, (stream.columns ?? 80) - 1))}\r`);
      drawn = false;
    },
  };
}
