/** A one-line progress bar on a terminal; silent when stderr is not a TTY. */
export function progressBar(label: string): (done: number, total: number, stage: string) => void {
  if (!process.stderr.isTTY) return () => undefined;
  const started = Date.now();
  return (done, total, stage) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${stage.padEnd(8)} ${seconds}s`,
    );
    if (stage === 'done') process.stderr.write('\n');
  };
}
