/** A one-line progress display: redrawn in place on a terminal, one line per step otherwise. */
export class ProgressLine {
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stdout.isTTY);
  private lastWidth = 0;

  constructor(private readonly label: string) {}

  update(step: string, done?: number, total?: number): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const count =
      done !== undefined && total !== undefined
        ? ` ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${Math.floor((done / Math.max(total, 1)) * 100)}%)`
        : '';
    const line = `${this.label}: ${step}${count} ${seconds}s`;
    if (this.tty) {
      process.stdout.write(`\r${line.padEnd(this.lastWidth)}`);
      this.lastWidth = line.length;
    } else if (done === undefined || done === total) {
      process.stdout.write(`${line}\n`);
    }
  }

  done(summary: string): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const line = `${this.label}: ${summary} in ${seconds}s`;
    process.stdout.write(this.tty ? `\r${line.padEnd(this.lastWidth)}\n` : `${line}\n`);
  }
}
