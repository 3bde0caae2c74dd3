/**
 * Bulk query operations (store-apis.md A3): validation of the inner query, the status walk
 * CREATED → RUNNING → COMPLETED (one step per poll, so tests need no wall-clock waiting), and
 * the JSONL result where each nested connection's nodes are their own lines with `__parentId`.
 */
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type GraphQLOutputType,
  type SelectionSetNode,
} from 'graphql';

export type BulkStatus = 'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELED' | 'FAILED';

export interface BulkOperationRecord {
  id: number;
  status: BulkStatus;
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  jsonl: string | null;
  errorCode: string | null;
}

export interface BulkUserError {
  code: 'INVALID' | 'LIMIT_REACHED' | 'OPERATION_IN_PROGRESS';
  field: string[];
  message: string;
}

const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;

function fieldsOf(type: GraphQLCompositeType) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

function isListOutput(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** Checks the rules Shopify applies to a bulk query before accepting it. */
export function validateBulkQuery(schema: GraphQLSchema, query: string): { doc: DocumentNode } | { error: string } {
  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch (e) {
    return { error: `Invalid bulk query: ${(e as Error).message}` };
  }
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION || op.operation !== 'query') {
    return { error: 'Bulk queries must be a query operation.' };
  }
  for (const sel of op.selectionSet.selections) {
    if (sel.kind === Kind.FIELD && (sel.name.value === 'node' || sel.name.value === 'nodes')) {
      return { error: 'Bulk queries cannot contain a top level `node` or `nodes` field.' };
    }
  }
  let connections = 0;
  let tooDeep = false;
  let inList = false;
  const walk = (type: GraphQLCompositeType, set: SelectionSetNode | undefined, depth: number, underList: boolean) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (cond && isCompositeType(cond)) walk(cond, sel.selectionSet, depth, underList);
        continue;
      }
      if (sel.kind !== Kind.FIELD) continue;
      const def = fieldsOf(type)[sel.name.value];
      if (!def) continue;
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) continue;
      if (named.name.endsWith('Connection')) {
        connections++;
        if (underList) inList = true;
        if (depth + 1 > MAX_DEPTH) tooDeep = true;
        walk(named, sel.selectionSet, depth + 1, false);
      } else {
        // A connection's own edges/nodes lists are structure, not "a list field" in Shopify's sense.
        const structural = type.name.endsWith('Connection') || type.name.endsWith('Edge');
        walk(named, sel.selectionSet, depth, underList || (!structural && isListOutput(def.type)));
      }
    }
  };
  walk(schema.getQueryType()!, op.selectionSet, 0, false);
  if (connections === 0) return { error: 'Bulk queries must contain at least one connection.' };
  if (connections > MAX_CONNECTIONS) return { error: `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.` };
  if (tooDeep) return { error: `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_DEPTH}.` };
  if (inList) return { error: 'Queries that contain a connection field within a list field are not currently supported.' };
  return { doc };
}

type Obj = Record<string, unknown>;

/** Flattens an executed bulk query's data into JSONL lines. */
export function toJsonl(schema: GraphQLSchema, doc: DocumentNode, data: Obj): { lines: string[]; roots: number } {
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const lines: string[] = [];
  let roots = 0;
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) return { lines, roots };

  // Splits `obj` into its own line plus, recursively, the lines of its connection children.
  const emit = (obj: Obj, type: GraphQLCompositeType, set: SelectionSetNode | undefined, parentId: string | null) => {
    const own: Obj = {};
    const children: Array<{ nodes: Obj[]; type: GraphQLCompositeType; set: SelectionSetNode | undefined }> = [];
    const collect = (t: GraphQLCompositeType, s: SelectionSetNode | undefined) => {
      for (const sel of s?.selections ?? []) {
        if (sel.kind === Kind.INLINE_FRAGMENT) {
          const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : t;
          if (cond && isCompositeType(cond)) collect(cond, sel.selectionSet);
          continue;
        }
        if (sel.kind !== Kind.FIELD) continue;
        const key = sel.alias?.value ?? sel.name.value;
        if (!(key in obj)) continue;
        const def = fieldsOf(t)[sel.name.value];
        const named = def && getNamedType(def.type);
        if (named && isCompositeType(named) && named.name.endsWith('Connection')) {
          children.push(connectionNodes(obj[key] as Obj | null, named, sel.selectionSet));
        } else {
          own[key] = obj[key];
        }
      }
    };
    collect(type, set);
    if (parentId !== null) own['__parentId'] = parentId;
    else roots++;
    lines.push(JSON.stringify(own));
    const id = typeof obj['id'] === 'string' ? obj['id'] : null;
    for (const child of children) for (const node of child.nodes) emit(node, child.type, child.set, id);
  };

  const connectionNodes = (conn: Obj | null, connType: GraphQLCompositeType, set: SelectionSetNode | undefined) => {
    const nodeType = getNamedType(fieldsOf(connType)['nodes']!.type) as GraphQLCompositeType;
    const nodes: Obj[] = [];
    let nodeSet: SelectionSetNode | undefined;
    for (const sel of set?.selections ?? []) {
      if (sel.kind !== Kind.FIELD) continue;
      const key = sel.alias?.value ?? sel.name.value;
      if (sel.name.value === 'nodes') {
        nodeSet = sel.selectionSet;
        nodes.push(...(((conn?.[key] as Obj[] | undefined) ?? [])));
      }
      if (sel.name.value === 'edges') {
        for (const e of sel.selectionSet?.selections ?? []) {
          if (e.kind === Kind.FIELD && e.name.value === 'node') {
            nodeSet = e.selectionSet;
            const nodeKey = e.alias?.value ?? 'node';
            for (const edge of (conn?.[key] as Obj[] | undefined) ?? []) nodes.push(edge[nodeKey] as Obj);
          }
        }
      }
    }
    return { nodes, type: nodeType, set: nodeSet };
  };

  const root = schema.getQueryType()!;
  for (const sel of op.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD) continue;
    const def = root.getFields()[sel.name.value];
    const named = def && getNamedType(def.type);
    const key = sel.alias?.value ?? sel.name.value;
    if (!named || !isCompositeType(named)) continue;
    if (named.name.endsWith('Connection')) {
      const { nodes, type, set } = connectionNodes(data[key] as Obj | null, named, sel.selectionSet);
      for (const node of nodes) emit(node, type, set, null);
    } else if (data[key]) {
      emit(data[key] as Obj, named, sel.selectionSet, null);
    }
  }
  return { lines, roots };
}
