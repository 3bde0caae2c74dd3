/**
 * Calculated query cost (store-apis.md A2): scalars and enums 0, objects 1, connections
 * 2 + page size × cost of one node, mutations 10. The requested cost is priced before running
 * from `first`/`last`; the actual cost reprices with the objects really returned.
 */
import {
  getNamedType,
  isCompositeType,
  isLeafType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MUTATION_COST = 10;

type Data = Record<string, unknown> | null | undefined;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function argInt(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

function fieldsOf(type: GraphQLCompositeType) {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

/** Cost of a selection on `type`; with `data` given, the actual cost of what came back. */
function selectionCost(w: Walk, type: GraphQLCompositeType, set: SelectionSetNode | undefined, data: Data, actual: boolean): number {
  if (!set) return 0;
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : type;
      if (cond && isCompositeType(cond)) total += selectionCost(w, cond, sel.selectionSet, data, actual);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = w.fragments.get(sel.name.value);
      const cond = frag && w.schema.getType(frag.typeCondition.name.value);
      if (frag && cond && isCompositeType(cond)) total += selectionCost(w, cond, frag.selectionSet, data, actual);
      continue;
    }
    const def = fieldsOf(type)[sel.name.value];
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named) || !isCompositeType(named)) continue;
    const key = sel.alias?.value ?? sel.name.value;
    const value = actual ? (data ?? {})[key] : undefined;
    if (actual && (value === null || value === undefined)) continue;

    if (named.name.endsWith('Connection')) {
      const nodeType = getNamedType(fieldsOf(named)['nodes']!.type) as GraphQLCompositeType;
      const nodeSets: SelectionSetNode[] = [];
      for (const inner of sel.selectionSet?.selections ?? []) {
        if (inner.kind !== Kind.FIELD) continue;
        if (inner.name.value === 'nodes' && inner.selectionSet) nodeSets.push(inner.selectionSet);
        if (inner.name.value === 'edges') {
          for (const e of inner.selectionSet?.selections ?? []) {
            if (e.kind === Kind.FIELD && e.name.value === 'node' && e.selectionSet) nodeSets.push(e.selectionSet);
          }
        }
      }
      if (!actual) {
        const args = new Map(sel.arguments?.map((a) => [a.name.value, a.value]));
        const size = argInt(args.get('first'), w.variables) ?? argInt(args.get('last'), w.variables) ?? 0;
        const perNode = Math.max(0, ...nodeSets.map((s) => 1 + selectionCost(w, nodeType, s, undefined, false)));
        total += 2 + size * (nodeSets.length ? perNode : 0);
      } else {
        const conn = value as { edges?: Array<{ node: Data }>; nodes?: Data[] };
        const nodes: Data[] = conn.nodes ?? conn.edges?.map((e) => e.node) ?? [];
        total += 2;
        for (const node of nodes) {
          total += nodeSets.length ? Math.max(...nodeSets.map((s) => 1 + selectionCost(w, nodeType, s, node, true))) : 0;
        }
      }
      continue;
    }

    if (actual && Array.isArray(value)) {
      total += value.length === 0 ? 0 : Math.max(...value.map((v) => 1 + selectionCost(w, named, sel.selectionSet, v as Data, true)));
    } else {
      total += 1 + selectionCost(w, named, sel.selectionSet, actual ? (value as Data) : undefined, actual);
    }
  }
  return total;
}

function walkFor(schema: GraphQLSchema, fragments: FragmentDefinitionNode[], variables: Record<string, unknown>): Walk {
  return { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables };
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown>,
): number {
  if (op.operation === 'mutation') return MUTATION_COST * op.selectionSet.selections.length;
  const root = schema.getQueryType()!;
  return selectionCost(walkFor(schema, fragments, variables), root, op.selectionSet, undefined, false);
}

export function actualQueryCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  data: Data,
): number {
  if (op.operation === 'mutation') return MUTATION_COST * op.selectionSet.selections.length;
  const root = schema.getQueryType()!;
  return selectionCost(walkFor(schema, fragments, variables), root, op.selectionSet, data, true);
}
