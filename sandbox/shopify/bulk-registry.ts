/**
 * The shop's bulk operations and their results, kept between requests (and in exportState):
 * start with the concurrency rule, poll one step at a time, cancel, and the JSONL files.
 */
import type { BulkOperationRecord, BulkUserError } from './bulk';

export interface BulkSavedState {
  ops: BulkOperationRecord[];
  nextId: number;
}

const gidOf = (id: number) => `gid://shopify/BulkOperation/${id}`;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class BulkRegistry {
  private ops: BulkOperationRecord[] = [];
  private nextId = 1;

  constructor(
    private readonly now: () => number,
    /** Runs the query of an operation and fills in its result (status COMPLETED or FAILED). */
    private readonly run: (op: BulkOperationRecord) => void,
  ) {}

  /** Before API 2026-01 one bulk query may run per shop at a time; from 2026-01, five. */
  inProgressError(version: string): BulkUserError | null {
    const running = this.ops.filter((o) => o.status === 'CREATED' || o.status === 'RUNNING');
    const allowed = version !== 'unstable' && version < '2026-01' ? 1 : 5;
    if (running.length < allowed) return null;
    return {
      code: 'OPERATION_IN_PROGRESS',
      field: ['query'],
      message: `A bulk query operation for this app and shop is already in progress: ${gidOf(running[0]!.id)}.`,
    };
  }

  create(query: string): BulkOperationRecord {
    const op: BulkOperationRecord = {
      id: this.nextId++, status: 'CREATED', query, createdAt: stamp(this.now()), completedAt: null,
      objectCount: 0, rootObjectCount: 0, jsonl: null, errorCode: null,
    };
    this.ops.push(op);
    return op;
  }

  /** Each poll moves an operation one step, so a client sees CREATED → RUNNING → COMPLETED. */
  observe(op: BulkOperationRecord): BulkOperationRecord {
    if (op.status === 'CREATED') op.status = 'RUNNING';
    else if (op.status === 'RUNNING') {
      this.run(op);
      op.completedAt = stamp(this.now());
    }
    return op;
  }

  current(): BulkOperationRecord | undefined {
    return this.ops[this.ops.length - 1];
  }

  byGid(gid: string): BulkOperationRecord | undefined {
    return this.ops.find((o) => gidOf(o.id) === gid);
  }

  byId(id: number): BulkOperationRecord | undefined {
    return this.ops.find((o) => o.id === id);
  }

  cancel(gid: string): { op: BulkOperationRecord | null; error: { code: null; field: string[] | null; message: string } | null } {
    const op = this.byGid(gid);
    if (!op) return { op: null, error: { code: null, field: ['id'], message: 'Bulk operation does not exist' } };
    if (op.status !== 'CREATED' && op.status !== 'RUNNING') {
      return { op, error: { code: null, field: null, message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}` } };
    }
    op.status = 'CANCELED';
    op.completedAt = stamp(this.now());
    return { op, error: null };
  }

  /** The object the GraphQL layer returns; `baseUrl` is where this server is reached. */
  view(op: BulkOperationRecord, baseUrl: string) {
    return {
      __typename: 'BulkOperation',
      id: gidOf(op.id),
      status: op.status,
      type: 'QUERY',
      errorCode: op.errorCode,
      createdAt: op.createdAt,
      completedAt: op.completedAt,
      objectCount: String(op.objectCount),
      rootObjectCount: String(op.rootObjectCount),
      fileSize: op.jsonl === null ? null : String(Buffer.byteLength(op.jsonl)),
      url: op.status === 'COMPLETED' && op.objectCount > 0 ? `${baseUrl}/bulk-operation-results/${op.id}.jsonl` : null,
      partialDataUrl: null,
      query: op.query,
    };
  }

  exportState(): BulkSavedState {
    return { ops: this.ops.map((o) => ({ ...o })), nextId: this.nextId };
  }

  importState(state: BulkSavedState): void {
    this.ops = state.ops.map((o) => ({ ...o }));
    this.nextId = state.nextId;
  }
}
