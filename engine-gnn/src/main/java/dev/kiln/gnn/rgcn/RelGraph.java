package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.Triples;

/**
 * A multi-relational graph prepared for message passing: every triple gives an edge head to tail
 * with relation r and an inverse edge tail to head with relation r + R, as in Schlichtkrull et al.
 * Edges are kept in two compressed layouts, by destination (aggregation) and by source (the
 * backward scatter), so each pass writes only rows its thread owns and needs no locks.
 * Each edge carries the normaliser 1 / c(i,r), c(i,r) = in-degree of node i under relation r.
 */
public final class RelGraph {
    final int numNodes;
    final int numRelations;
    // by destination: edges dstPtr[i]..dstPtr[i+1] of node i, with their source, relation and norm
    final int[] dstPtr;
    final int[] inSrc;
    final int[] inRel;
    final double[] inNorm;
    // by source: edges srcPtr[j]..srcPtr[j+1] leaving node j, as indices into the destination layout
    final int[] srcPtr;
    final int[] outEdge;
    final int[] outDst;

    private RelGraph(int numNodes, int numRelations, int[] src, int[] dst, int[] rel) {
        this.numNodes = numNodes;
        this.numRelations = numRelations;
        int e = src.length;
        dstPtr = new int[numNodes + 1];
        for (int d : dst) {
            dstPtr[d + 1]++;
        }
        for (int i = 0; i < numNodes; i++) {
            dstPtr[i + 1] += dstPtr[i];
        }
        inSrc = new int[e];
        inRel = new int[e];
        inNorm = new double[e];
        int[] fill = dstPtr.clone();
        for (int k = 0; k < e; k++) {
            int p = fill[dst[k]]++;
            inSrc[p] = src[k];
            inRel[p] = rel[k];
        }
        // c(i,r): count per (node, relation) within each node's contiguous block
        int[] count = new int[numRelations];
        for (int i = 0; i < numNodes; i++) {
            for (int p = dstPtr[i]; p < dstPtr[i + 1]; p++) {
                count[inRel[p]]++;
            }
            for (int p = dstPtr[i]; p < dstPtr[i + 1]; p++) {
                inNorm[p] = 1.0 / count[inRel[p]];
            }
            for (int p = dstPtr[i]; p < dstPtr[i + 1]; p++) {
                count[inRel[p]] = 0;
            }
        }
        srcPtr = new int[numNodes + 1];
        for (int s : inSrc) {
            srcPtr[s + 1]++;
        }
        for (int i = 0; i < numNodes; i++) {
            srcPtr[i + 1] += srcPtr[i];
        }
        outEdge = new int[e];
        outDst = new int[e];
        fill = srcPtr.clone();
        for (int i = 0; i < numNodes; i++) {
            for (int p = dstPtr[i]; p < dstPtr[i + 1]; p++) {
                int q = fill[inSrc[p]]++;
                outEdge[q] = p;
                outDst[q] = i;
            }
        }
    }

    /** The graph of {@code triples} over {@code numNodes} nodes and {@code numBaseRelations} relations, inverses added. */
    public static RelGraph of(Triples triples, int numNodes, int numBaseRelations) {
        int n = triples.size();
        int[] src = new int[2 * n];
        int[] dst = new int[2 * n];
        int[] rel = new int[2 * n];
        for (int k = 0; k < n; k++) {
            src[k] = triples.heads()[k];
            dst[k] = triples.tails()[k];
            rel[k] = triples.relations()[k];
            src[n + k] = triples.tails()[k];
            dst[n + k] = triples.heads()[k];
            rel[n + k] = triples.relations()[k] + numBaseRelations;
        }
        return new RelGraph(numNodes, 2 * numBaseRelations, src, dst, rel);
    }

    /** A graph of the given directed edges (no inverses added), for sampled blocks. */
    public static RelGraph ofEdges(int numNodes, int numRelations, int[] src, int[] dst, int[] rel) {
        return new RelGraph(numNodes, numRelations, src, dst, rel);
    }

    public int numNodes() {
        return numNodes;
    }

    /** Relation types including inverses (twice the base relations). */
    public int numRelations() {
        return numRelations;
    }

    public int numEdges() {
        return inSrc.length;
    }
}
