package dev.kiln.gnn.rgcn;

/**
 * The message-passing graphs of an L-layer forward pass, one block per layer, as DGL's
 * {@code MultiLayerNeighborSampler} builds them. Nodes are numbered locally, the same way in every block:
 * local node k is the model's node {@code nodes[k]} ({@code nodes} null: local k is node k). Layer l reads
 * the previous layer's rows of its sources, local nodes {@code 0..graph(l).numNodes()-1}, and computes rows
 * only for its destinations, local nodes {@code 0..numDst(l)-1}, from the in-edges {@code graph(l)} holds
 * for them (no other node has in-edges there). Destinations are a prefix of the sources, so the self-loop
 * term reads a destination's own row, and each block's sources are the previous block's destinations:
 * {@code graph(l).numNodes() == numDst(l - 1)}. The last block's destinations are the seeds, whose output
 * rows are the forward pass's result; block 0's sources are the nodes whose input rows are read.
 * Immutable by convention: the arrays are shared, not copied.
 */
public record Blocks(int[] nodes, RelGraph[] graphs, int[] dstCounts) {

    public Blocks {
        if (graphs.length == 0 || graphs.length != dstCounts.length) {
            throw new IllegalArgumentException("one graph and one destination count per layer, got " + graphs.length
                    + " and " + dstCounts.length);
        }
        for (int l = 0; l < graphs.length; l++) {
            if (dstCounts[l] > graphs[l].numNodes || (l > 0 && graphs[l].numNodes != dstCounts[l - 1])) {
                throw new IllegalArgumentException("block " + l + " has " + graphs[l].numNodes + " sources and "
                        + dstCounts[l] + " destinations; the previous block has "
                        + (l > 0 ? dstCounts[l - 1] : 0) + " destinations");
            }
        }
        if (nodes != null && nodes.length != graphs[0].numNodes) {
            throw new IllegalArgumentException(nodes.length + " node ids for " + graphs[0].numNodes + " input rows");
        }
    }

    /** Every layer over the whole of {@code g}: every node is a destination of every block (the full-graph pass). */
    public static Blocks full(RelGraph g, int layers) {
        return over(g, null, layers);
    }

    /** Every layer over all of {@code g}, whose local node k is the model's node {@code nodes[k]} (null: k). */
    static Blocks over(RelGraph g, int[] nodes, int layers) {
        RelGraph[] graphs = new RelGraph[layers];
        int[] dst = new int[layers];
        java.util.Arrays.fill(graphs, g);
        java.util.Arrays.fill(dst, g.numNodes);
        return new Blocks(nodes, graphs, dst);
    }

    public int layers() {
        return graphs.length;
    }

    public RelGraph graph(int layer) {
        return graphs[layer];
    }

    public int numDst(int layer) {
        return dstCounts[layer];
    }

    /** Rows of the input layer: block 0's sources. */
    public int numInputs() {
        return graphs[0].numNodes;
    }

    /** The seeds, local nodes {@code 0..numSeeds()-1}: the last block's destinations. */
    public int numSeeds() {
        return dstCounts[dstCounts.length - 1];
    }
}
