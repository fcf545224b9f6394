package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An RGCN over a graph: the first layer's input is a learned embedding per node (equivalent to the
 * paper's one-hot input times the first weight matrix), or a projection of the node's features when it
 * has some ({@link NodeInput}); then {@code layers} relational convolutions; hidden layers apply optional
 * layer norm, ReLU and dropout on their input. The last layer outputs {@code numClasses} units: one logit
 * per class, one value for regression, or the embedding width for link prediction.
 */
public final class RgcnModel {
    private static final double LN_EPS = 1e-5;

    /** Shape and regularisation of the network. */
    public record Config(int numNodes, int numRelations, int hidden, int numClasses, int layers, int bases,
                         boolean selfLoop, boolean layerNorm, double dropout) {}

    final Config cfg;
    final NodeInput input;
    final Param embedding;
    final RgcnLayer[] convs;
    final Param[] lnGain;
    final Param[] lnBias;
    private final List<Param> params = new ArrayList<>();
    // caches of the last forward pass, per layer
    private double[][] layerInput;   // after dropout
    private double[][] masks;        // dropout scale per element, null when no dropout
    private double[][] preNorm;      // conv output before layer norm
    private double[][] normed;       // xhat
    private double[][] invStd;
    private double[][] activated;    // after ReLU (input to next layer's dropout)

    /** A model whose every node has a learned input embedding. */
    public RgcnModel(Config cfg, long seed) {
        this(cfg, NodeFeatures.none(), seed);
    }

    /**
     * A model whose nodes in {@code features} take their input from their group's projection and the
     * others from a learned embedding; feature node ids must be below {@code cfg.numNodes()}.
     */
    public RgcnModel(Config cfg, NodeFeatures features, long seed) {
        this.cfg = cfg;
        SplittableRandom rnd = new SplittableRandom(seed);
        input = new NodeInput(cfg.numNodes, cfg.hidden, features, rnd, seed);
        embedding = input.embedding;
        params.add(embedding);
        convs = new RgcnLayer[cfg.layers];
        lnGain = new Param[cfg.layers];
        lnBias = new Param[cfg.layers];
        for (int l = 0; l < cfg.layers; l++) {
            boolean last = l == cfg.layers - 1;
            int out = last ? cfg.numClasses : cfg.hidden;
            int bases = cfg.bases <= 0 ? cfg.numRelations : Math.min(cfg.bases, cfg.numRelations);
            convs[l] = new RgcnLayer("layer" + l, cfg.hidden, out, bases, cfg.numRelations, cfg.selfLoop, rnd);
            params.addAll(convs[l].params());
            if (!last && cfg.layerNorm) {
                lnGain[l] = new Param("layer" + l + ".ln.gain", cfg.hidden, false);
                lnGain[l].fill(1);
                lnBias[l] = new Param("layer" + l + ".ln.bias", cfg.hidden, false);
                params.add(lnGain[l]);
                params.add(lnBias[l]);
            }
        }
        params.addAll(input.projectionParams());
    }

    public Config config() {
        return cfg;
    }

    /** All trainable tensors in a fixed order (checkpoints rely on it). */
    public List<Param> params() {
        return params;
    }

    /**
     * Logits (numNodes x numClasses). With {@code train}, dropout draws masks from {@code rnd} and the
     * caches for {@link #backward} are kept; {@code hiddenOut}, if not null, receives the last hidden
     * representation (the node embeddings written to the model dir).
     */
    public double[] forward(RelGraph g, Dense dense, boolean train, SplittableRandom rnd, double[][] hiddenOut) {
        return forward(g, null, dense, train, rnd, hiddenOut);
    }

    /**
     * The same over a graph of some of the nodes, local node k being the model's node {@code nodeIds[k]}
     * (null: the graph is the whole node set), every layer computing every local node; the result has one
     * row per local node. Sampled batches use {@link #forward(Blocks, Dense, boolean, SplittableRandom, double[][])}.
     */
    public double[] forward(RelGraph g, int[] nodeIds, Dense dense, boolean train, SplittableRandom rnd,
                            double[][] hiddenOut) {
        return forward(Blocks.over(g, nodeIds, cfg.layers), dense, train, rnd, hiddenOut);
    }

    /**
     * The output rows of {@code blocks}' seeds ({@code numSeeds x numClasses}): layer l computes only its
     * block's destinations, and the input layer reads only block 0's sources. Dropout, layer norm and ReLU act
     * on each computed row as in the full-graph pass; {@code hiddenOut} receives the rows of the last hidden
     * layer's destinations.
     */
    public double[] forward(Blocks blocks, Dense dense, boolean train, SplittableRandom rnd, double[][] hiddenOut) {
        int L = cfg.layers, d = cfg.hidden;
        if (blocks.layers() != L) {
            throw new IllegalArgumentException(blocks.layers() + " blocks for a model of " + L + " layers");
        }
        layerInput = new double[L][];
        masks = new double[L][];
        preNorm = new double[L][];
        normed = new double[L][];
        invStd = new double[L][];
        activated = new double[L][];
        double[] h = input.forward(blocks.numInputs(), blocks.nodes(), dense);
        for (int l = 0; l < L; l++) {
            int n = blocks.numDst(l);
            if (train && cfg.dropout > 0) {
                double keep = 1 - cfg.dropout;
                double[] mask = new double[h.length];
                double[] x = new double[h.length];
                for (int k = 0; k < h.length; k++) {
                    mask[k] = rnd.nextDouble() < keep ? 1 / keep : 0;
                    x[k] = h[k] * mask[k];
                }
                masks[l] = mask;
                h = x;
            }
            layerInput[l] = h;
            double[] o = convs[l].forward(blocks.graph(l), n, h, dense);
            if (l == L - 1) {
                return o;
            }
            preNorm[l] = o;
            if (cfg.layerNorm) {
                double[] xhat = new double[o.length];
                double[] is = new double[n];
                double[] y = new double[o.length];
                double[] gain = lnGain[l].value, beta = lnBias[l].value;
                dense.forRows(n, i -> {
                    int base = i * d;
                    double mu = 0;
                    for (int j = 0; j < d; j++) {
                        mu += o[base + j];
                    }
                    mu /= d;
                    double var = 0;
                    for (int j = 0; j < d; j++) {
                        double c = o[base + j] - mu;
                        var += c * c;
                    }
                    double s = 1 / Math.sqrt(var / d + LN_EPS);
                    is[i] = s;
                    for (int j = 0; j < d; j++) {
                        double xh = (o[base + j] - mu) * s;
                        xhat[base + j] = xh;
                        y[base + j] = gain[j] * xh + beta[j];
                    }
                });
                normed[l] = xhat;
                invStd[l] = is;
                h = y;
            } else {
                h = o;
            }
            double[] act = new double[h.length];
            for (int k = 0; k < h.length; k++) {
                act[k] = Math.max(0, h[k]);
            }
            activated[l] = act;
            if (hiddenOut != null) {
                hiddenOut[0] = act;
            }
            h = act;
        }
        throw new IllegalStateException("unreachable: the model has at least one layer");
    }

    /** Accumulates gradients of the loss whose gradient wrt the logits is {@code gLogits}. */
    public void backward(RelGraph g, Dense dense, double[] gLogits) {
        backward(Blocks.over(g, null, cfg.layers), dense, gLogits);
    }

    /**
     * The same after a forward pass over {@code blocks} (the same blocks): {@code gLogits} holds one row per
     * seed. The gradient flows back block by block, from each layer's destinations to its sources.
     */
    public void backward(Blocks blocks, Dense dense, double[] gLogits) {
        int d = cfg.hidden;
        double[] grad = gLogits;
        for (int l = cfg.layers - 1; l >= 0; l--) {
            boolean last = l == cfg.layers - 1;
            int n = blocks.numDst(l);
            if (!last) {
                // through ReLU: its output is zero exactly where the gradient is blocked
                double[] act = activated[l];
                double[] gy = new double[grad.length];
                for (int k = 0; k < grad.length; k++) {
                    gy[k] = act[k] > 0 ? grad[k] : 0;
                }
                if (cfg.layerNorm) {
                    double[] xhat = normed[l], is = invStd[l];
                    double[] gain = lnGain[l].value;
                    double[] gg = lnGain[l].grad, gb = lnBias[l].grad;
                    double[] gx = new double[gy.length];
                    for (int i = 0; i < n; i++) {
                        int base = i * d;
                        double sum = 0, sumX = 0;
                        for (int j = 0; j < d; j++) {
                            double dxh = gy[base + j] * gain[j];
                            gg[j] += gy[base + j] * xhat[base + j];
                            gb[j] += gy[base + j];
                            sum += dxh;
                            sumX += dxh * xhat[base + j];
                        }
                        for (int j = 0; j < d; j++) {
                            double dxh = gy[base + j] * gain[j];
                            gx[base + j] = is[i] / d * (d * dxh - sum - xhat[base + j] * sumX);
                        }
                    }
                    gy = gx;
                }
                grad = gy;
            }
            double[] gin = convs[l].backward(blocks.graph(l), grad, dense, true);
            if (masks[l] != null) {
                double[] mask = masks[l];
                for (int k = 0; k < gin.length; k++) {
                    gin[k] *= mask[k];
                }
            }
            grad = gin;
        }
        input.backward(blocks.numInputs(), grad);
    }

    /**
     * The first layer's input of every node without dropout ({@code numNodes x hidden}, a copy): the
     * learned embedding, or the projection of the node's features.
     */
    public double[] inputRows(Dense dense) {
        return input.forward(cfg.numNodes, null, dense).clone();
    }

    /**
     * Sets the learned input embedding of {@code node} from {@code row[offset..offset+hidden)} (a warm
     * start); returns false, changing nothing, when the node's input comes from its features.
     */
    public boolean setInputEmbedding(int node, float[] row, int offset) {
        int r = input.embeddingRow(node);
        if (r < 0) {
            return false;
        }
        for (int j = 0; j < cfg.hidden; j++) {
            embedding.value[r * cfg.hidden + j] = row[offset + j];
        }
        return true;
    }

    /**
     * Adds a decoder tensor trained with the encoder (for example DistMult's relation diagonals), so
     * the optimiser and checkpoints cover it like the encoder's own parameters.
     */
    public Param addDecoderParam(String name, int size, boolean decay) {
        return addDecoderParam(name, new int[] {size}, decay);
    }

    /** The same with the tensor's dimensions (row-major), which warm starts use to match rows. */
    public Param addDecoderParam(String name, int[] shape, boolean decay) {
        Param p = new Param(name, shape, decay);
        params.add(p);
        return p;
    }

    public void zeroGrad() {
        params.forEach(Param::zeroGrad);
    }
}
