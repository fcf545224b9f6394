package dev.kiln.gnn.rgcn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One relational graph convolution (Schlichtkrull et al. 2018, eq. 2) with basis decomposition (eq. 3):
 * {@code o_i = b + W0 h_i + sum_r sum_{j in N_r(i)} (1/c_ir) W_r h_j}, {@code W_r = sum_b a_rb V_b}.
 * The projections {@code P_b = H V_b} are computed once per node, so an edge costs B * out
 * multiply-adds instead of in * out, and the backward pass reuses them for the coefficient gradient.
 * On a sampled block with far fewer destinations than sources, projecting every source costs more than
 * the rest of the layer; there the layer may aggregate first, {@code A_b[i] = sum_r sum_j (1/c_ir) a_rb h_j}
 * (B * in per edge), and project only the destinations, {@code sum_b A_b[i] V_b}: the same sum in
 * another order, chosen by counting multiply-adds.
 */
final class RgcnLayer {
    final int in;
    final int out;
    final int bases;
    final boolean selfLoop;
    final Param basis;   // bases x in x out
    final Param coeff;   // relations x bases
    final Param loop;    // in x out
    final Param bias;    // out
    /** Which order a block (fewer destinations than sources) uses; the full graph always projects first. */
    enum Order { BY_COST, PROJECT_FIRST, AGGREGATE_FIRST }

    /** Package-private so tests can exercise both orders; training leaves it at {@code BY_COST}. */
    Order blockOrder = Order.BY_COST;
    private double[] input;
    private double[][] proj;     // project first: P_b = H V_b over the sources
    private double[][] agg;      // aggregate first: A_b[i] = sum (1/c_ir) a_rb h_j over the destinations
    private int numDst;

    RgcnLayer(String name, int in, int out, int bases, int relations, boolean selfLoop, SplittableRandom rnd) {
        this.in = in;
        this.out = out;
        this.bases = bases;
        this.selfLoop = selfLoop;
        basis = new Param(name + ".basis", new int[] {bases, in, out}, true);
        coeff = new Param(name + ".coeff", new int[] {relations, bases}, true);
        loop = new Param(name + ".loop", selfLoop ? new int[] {in, out} : new int[] {0}, true);
        bias = new Param(name + ".bias", new int[] {out}, false);
        for (int b = 0; b < bases; b++) {
            double bound = Math.sqrt(6.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                basis.value[b * in * out + i] = (rnd.nextDouble() * 2 - 1) * bound;
            }
        }
        coeff.glorot(relations, bases, rnd);
        loop.glorot(in, out, rnd);
    }

    List<Param> params() {
        return List.of(basis, coeff, loop, bias);
    }

    /**
     * The layer's output rows ({@code numDst x out}) of destinations {@code 0..numDst-1} for the rows
     * {@code h} ({@code g.numNodes x in}) of the sources, of which the destinations are a prefix (see
     * {@link Blocks}); keeps what backward needs. On a full graph numDst is the node count.
     */
    double[] forward(RelGraph g, int numDst, double[] h, Dense dense) {
        int n = g.numNodes;
        this.numDst = numDst;
        input = h;
        agg = aggregatesFirst(n, numDst, g.numEdges()) ? new double[bases][numDst * in] : null;
        if (agg != null) {
            return forwardAggregateFirst(g, h, dense);
        }
        if (proj == null || proj[0].length != n * out) {
            proj = new double[bases][n * out];
        }
        for (int b = 0; b < bases; b++) {
            double[] vb = slice(basis.value, b);
            dense.matmul(h, vb, proj[b], n, in, out, false);
        }
        double[] o = new double[numDst * out];
        if (selfLoop) {
            dense.matmul(h, loop.value, o, numDst, in, out, false);
        }
        double[] a = coeff.value;
        dense.forRows(numDst, i -> {
            int oi = i * out;
            for (int j = 0; j < out; j++) {
                o[oi + j] += bias.value[j];
            }
            for (int p = g.dstPtr[i]; p < g.dstPtr[i + 1]; p++) {
                int s = g.inSrc[p] * out;
                int r = g.inRel[p] * bases;
                double norm = g.inNorm[p];
                for (int b = 0; b < bases; b++) {
                    double c = norm * a[r + b];
                    double[] pb = proj[b];
                    for (int j = 0; j < out; j++) {
                        o[oi + j] += c * pb[s + j];
                    }
                }
            }
        });
        return o;
    }

    /** Whether aggregating before projecting takes fewer multiply-adds, forward and backward alike. */
    private boolean aggregatesFirst(int numSrc, int numDst, int edges) {
        if (numDst >= numSrc || blockOrder == Order.PROJECT_FIRST) {
            return false;
        }
        if (blockOrder == Order.AGGREGATE_FIRST) {
            return true;
        }
        long projectFirst = (long) numSrc * bases * in * out + (long) edges * bases * out;
        long aggregateFirst = (long) edges * bases * in + (long) numDst * bases * in * out;
        return aggregateFirst < projectFirst;
    }

    private double[] forwardAggregateFirst(RelGraph g, double[] h, Dense dense) {
        double[] a = coeff.value;
        dense.forRows(numDst, i -> {
            int ai = i * in;
            for (int p = g.dstPtr[i]; p < g.dstPtr[i + 1]; p++) {
                int s = g.inSrc[p] * in;
                int r = g.inRel[p] * bases;
                double norm = g.inNorm[p];
                for (int b = 0; b < bases; b++) {
                    double c = norm * a[r + b];
                    double[] ab = agg[b];
                    for (int j = 0; j < in; j++) {
                        ab[ai + j] += c * h[s + j];
                    }
                }
            }
        });
        double[] o = new double[numDst * out];
        if (selfLoop) {
            dense.matmul(h, loop.value, o, numDst, in, out, false);
        }
        dense.forRows(numDst, i -> {
            for (int j = 0; j < out; j++) {
                o[i * out + j] += bias.value[j];
            }
        });
        for (int b = 0; b < bases; b++) {
            dense.matmul(agg[b], slice(basis.value, b), o, numDst, in, out, true);
        }
        return o;
    }

    /**
     * Accumulates parameter gradients for {@code go}, the gradient wrt the last forward's output rows, and
     * returns the gradient wrt its input rows (every source's, zero for a source no edge reads).
     */
    double[] backward(RelGraph g, double[] go, Dense dense, boolean needInputGrad) {
        int n = g.numNodes, numDst = this.numDst;
        for (int i = 0; i < numDst; i++) {
            int oi = i * out;
            for (int j = 0; j < out; j++) {
                bias.grad[j] += go[oi + j];
            }
        }
        double[] gh = needInputGrad ? new double[n * in] : null;
        if (selfLoop) {
            dense.matmulTransA(input, go, loop.grad, numDst, in, out);
            if (gh != null) {
                dense.matmulTransB(go, loop.value, gh, numDst, in, out);
            }
        }
        if (agg != null) {
            backwardAggregateFirst(g, go, dense, gh);
            return gh;
        }
        // dP_b[j] = sum over edges leaving j of norm * a_rb * go[dst]; da_rb = sum norm * <P_b[j], go[dst]>
        double[][] gproj = new double[bases][n * out];
        int chunks = dense.threads();
        double[][] gcoeff = new double[chunks][coeff.value.length];
        double[] a = coeff.value;
        dense.forChunks(chunks, c -> {
            int lo = (int) ((long) c * n / chunks), hi = (int) ((long) (c + 1) * n / chunks);
            double[] ga = gcoeff[c];
            for (int s = lo; s < hi; s++) {
                int so = s * out;
                for (int q = g.srcPtr[s]; q < g.srcPtr[s + 1]; q++) {
                    int p = g.outEdge[q];
                    int d = g.outDst[q] * out;
                    int r = g.inRel[p] * bases;
                    double norm = g.inNorm[p];
                    for (int b = 0; b < bases; b++) {
                        double[] pb = proj[b];
                        double[] gpb = gproj[b];
                        double cf = norm * a[r + b];
                        double dot = 0;
                        for (int j = 0; j < out; j++) {
                            double x = go[d + j];
                            gpb[so + j] += cf * x;
                            dot += pb[so + j] * x;
                        }
                        ga[r + b] += norm * dot;
                    }
                }
            }
        });
        for (double[] ga : gcoeff) {
            for (int k = 0; k < ga.length; k++) {
                coeff.grad[k] += ga[k];
            }
        }
        int size = in * out;
        for (int b = 0; b < bases; b++) {
            double[] gv = new double[size];
            dense.matmulTransA(input, gproj[b], gv, n, in, out);
            for (int k = 0; k < size; k++) {
                basis.grad[b * size + k] += gv[k];
            }
            if (gh != null) {
                dense.matmulTransB(gproj[b], slice(basis.value, b), gh, n, in, out);
            }
        }
        return gh;
    }

    /**
     * The aggregate-first backward: {@code dA_b = dO V_b^T} and {@code dV_b = A_b^T dO} over the destinations,
     * then over edges {@code dh_j += (1/c_ir) a_rb dA_b[i]} and {@code da_rb += (1/c_ir) <h_j, dA_b[i]>},
     * scattered by source so each thread writes only its own rows of {@code gh} (null: no input gradient).
     */
    private void backwardAggregateFirst(RelGraph g, double[] go, Dense dense, double[] gh) {
        int n = g.numNodes, size = in * out;
        double[][] gagg = new double[bases][numDst * in];
        for (int b = 0; b < bases; b++) {
            dense.matmulTransB(go, slice(basis.value, b), gagg[b], numDst, in, out);
            double[] gv = new double[size];
            dense.matmulTransA(agg[b], go, gv, numDst, in, out);
            for (int k = 0; k < size; k++) {
                basis.grad[b * size + k] += gv[k];
            }
        }
        int chunks = dense.threads();
        double[][] gcoeff = new double[chunks][coeff.value.length];
        double[] a = coeff.value, h = input;
        dense.forChunks(chunks, c -> {
            int lo = (int) ((long) c * n / chunks), hi = (int) ((long) (c + 1) * n / chunks);
            double[] ga = gcoeff[c];
            for (int s = lo; s < hi; s++) {
                int si = s * in;
                for (int q = g.srcPtr[s]; q < g.srcPtr[s + 1]; q++) {
                    int p = g.outEdge[q];
                    int d = g.outDst[q] * in;
                    int r = g.inRel[p] * bases;
                    double norm = g.inNorm[p];
                    for (int b = 0; b < bases; b++) {
                        double[] gab = gagg[b];
                        double cf = norm * a[r + b];
                        double dot = 0;
                        for (int j = 0; j < in; j++) {
                            double x = gab[d + j];
                            dot += h[si + j] * x;
                            if (gh != null) {
                                gh[si + j] += cf * x;
                            }
                        }
                        ga[r + b] += norm * dot;
                    }
                }
            }
        });
        for (double[] ga : gcoeff) {
            for (int k = 0; k < ga.length; k++) {
                coeff.grad[k] += ga[k];
            }
        }
    }

    private double[] slice(double[] all, int b) {
        int size = in * out;
        return java.util.Arrays.copyOfRange(all, b * size, (b + 1) * size);
    }
}
