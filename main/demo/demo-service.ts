import type { AppContext } from '../app/context';
import { demoStateFile, openDemo, type DemoResult } from './open-demo';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

/**
 * Keeps the demo's stand-in process for as long as the app runs: opened once (concurrent
 * requests share the same attempt), stopped with the app.
 */
export class DemoService {
  private sandbox: Promise<SandboxProcess> | null = null;
  private opening: Promise<DemoResult> | null = null;

  constructor(private readonly log: (line: string) => void = () => {}) {}

  open(ctx: AppContext, report?: (step: string) => void): Promise<DemoResult> {
    if (!this.opening) {
      this.opening = this.start(ctx, report).finally(() => {
        this.opening = null;
      });
    }
    return this.opening;
  }

  private async start(ctx: AppContext, report?: (step: string) => void): Promise<DemoResult> {
    if (!this.sandbox) {
      report?.('Starting the demo company’s local QuickBooks and Shopify stand-ins…');
      this.sandbox = startSandboxProcess({ stateFile: demoStateFile(ctx.dataDir), log: this.log });
      this.sandbox.catch(() => {
        this.sandbox = null;
      });
    }
    return openDemo(ctx, await this.sandbox, report);
  }

  async stop(): Promise<void> {
    const sandbox = this.sandbox;
    this.sandbox = null;
    if (sandbox) await (await sandbox.catch(() => null))?.stop();
  }
}
