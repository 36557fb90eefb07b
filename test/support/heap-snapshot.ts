/**
 * A renderer heap snapshot, taken through the Chrome DevTools Protocol
 * (https://chromedevtools.github.io/devtools-protocol/tot/HeapProfiler/), and searched for what
 * must not be in it. V8 collects garbage before it snapshots and includes only what is still
 * reachable from a root, so a string found here is one the page still holds, not garbage
 * waiting for a collection (https://developer.chrome.com/docs/devtools/memory-problems/heap-snapshots).
 *
 * The snapshot format (`snapshot.meta` names the fields): `nodes` is a flat array of
 * `node_fields.length` numbers a node, `strings` the string table; a string node's `name` is
 * its value (for a concatenated or sliced string, the flattened value).
 */
import type { CDPSession, Page } from '@playwright/test';

interface RawSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
    node_count: number;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapNode {
  index: number;
  type: string;
  name: string;
  selfSize: number;
}

export interface HeapSnapshot {
  /** Total self size of every node, in bytes. */
  totalBytes: number;
  /** Nodes whose name (a string's value, an object's class) contains `needle`. */
  nodesContaining(needle: string): HeapNode[];
  /**
   * DOM nodes out of any document that something still holds (Blink's `detachedness` 2, shown
   * as "Detached" in DevTools). Some are normal: Svelte's templates and fragments.
   */
  detachedDomNodes(): HeapNode[];
  /** Count and self size of the nodes of each type and name (a class, a closure, a string's value). */
  aggregate(): Map<string, { count: number; bytes: number }>;
  /** One path of names from a GC root to the node, for a failure message. */
  retainerPath(node: HeapNode): string[];
}

/** `detachedness` values: 0 unknown, 1 attached, 2 detached (V8's v8-profiler.h, `EmbedderGraph::Node::Detachedness`). */
const DETACHED = 2;

/** Collects garbage, then takes and parses a snapshot of the page's heap. */
export async function takeHeapSnapshot(page: Page): Promise<HeapSnapshot> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const raw = await snapshotText(cdp);
    return parseHeapSnapshot(JSON.parse(raw) as RawSnapshot);
  } finally {
    await cdp.detach();
  }
}

/** The renderer's used JS heap after a collection (bytes), as `performance.memory` would say. */
export async function usedHeapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

async function snapshotText(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}

function parseHeapSnapshot(raw: RawSnapshot): HeapSnapshot {
  const { meta } = raw.snapshot;
  const nodeFieldCount = meta.node_fields.length;
  const edgeFieldCount = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const detachednessAt = meta.node_fields.indexOf('detachedness');
  if (detachednessAt < 0) {
    throw new Error("parseHeapSnapshot: this browser's snapshots have no detachedness field");
  }
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeToAt = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const nodeCount = raw.nodes.length / nodeFieldCount;

  const nodeAt = (index: number): HeapNode => {
    const base = index * nodeFieldCount;
    return {
      index,
      type: nodeTypes[raw.nodes[base + typeAt] ?? 0] ?? 'unknown',
      name: raw.strings[raw.nodes[base + nameAt] ?? 0] ?? '',
      selfSize: raw.nodes[base + sizeAt] ?? 0,
    };
  };

  let totalBytes = 0;
  for (let index = 0; index < nodeCount; index += 1) {
    totalBytes += raw.nodes[index * nodeFieldCount + sizeAt] ?? 0;
  }

  // Who points at whom, built only when a failure needs a path.
  let retainers: Int32Array | undefined;
  const retainersOf = (): Int32Array => {
    if (retainers) {
      return retainers;
    }
    retainers = new Int32Array(nodeCount).fill(-1);
    let edge = 0;
    for (let index = 0; index < nodeCount; index += 1) {
      const edges = raw.nodes[index * nodeFieldCount + edgeCountAt] ?? 0;
      for (let n = 0; n < edges; n += 1, edge += edgeFieldCount) {
        if (edgeTypes[raw.edges[edge + edgeTypeAt] ?? 0] === 'weak') {
          continue;
        }
        const to = (raw.edges[edge + edgeToAt] ?? 0) / nodeFieldCount;
        if (retainers[to] === -1) {
          retainers[to] = index;
        }
      }
    }
    return retainers;
  };

  return {
    totalBytes,
    nodesContaining(needle) {
      const found: HeapNode[] = [];
      for (let index = 0; index < nodeCount; index += 1) {
        const node = nodeAt(index);
        if (node.name.includes(needle)) {
          found.push(node);
        }
      }
      return found;
    },
    detachedDomNodes() {
      const found: HeapNode[] = [];
      for (let index = 0; index < nodeCount; index += 1) {
        if (raw.nodes[index * nodeFieldCount + detachednessAt] === DETACHED) {
          found.push(nodeAt(index));
        }
      }
      return found;
    },
    aggregate() {
      const groups = new Map<string, { count: number; bytes: number }>();
      for (let index = 0; index < nodeCount; index += 1) {
        const node = nodeAt(index);
        const key = `${node.type}:${node.type === 'string' ? '(string)' : node.name.slice(0, 80)}`;
        const group = groups.get(key) ?? { count: 0, bytes: 0 };
        group.count += 1;
        group.bytes += node.selfSize;
        groups.set(key, group);
      }
      return groups;
    },
    retainerPath(node) {
      const parents = retainersOf();
      const path: string[] = [];
      const seen = new Set<number>();
      for (
        let at = node.index;
        at >= 0 && !seen.has(at) && path.length < 30;
        at = parents[at] ?? -1
      ) {
        seen.add(at);
        const step = nodeAt(at);
        path.push(`${step.type}:${step.name.slice(0, 60)}`);
      }
      return path;
    },
  };
}
