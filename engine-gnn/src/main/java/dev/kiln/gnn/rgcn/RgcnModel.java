package dev.kiln.gnn.rgcn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An RGCN node classifier over a featureless graph: a learned input embedding per node (equivalent
 * to the paper's one-hot input times the first weight matrix), then {@code layers} relational
 * convolutions; hidden layers apply optional layer norm, ReLU and dropout on their input.
 * The last layer outputs one logit per class.
 */
public final class RgcnModel {
    private static final double LN_EPS = 1e-5;

    /** Shape and regularisation of the network. */
    public record Config(int numNodes, int numRelations, int hidden, int numClasses, int layers, int bases,
                         boolean selfLoop, boolean layerNorm, double dropout) {}

    final Config cfg;
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
    private int[] nodeIds;           // local to model node ids of the last forward, null for the whole graph

    public RgcnModel(Config cfg, long seed) {
        this.cfg = cfg;
        SplittableRandom rnd = new SplittableRandom(seed);
        embedding = new Param("embedding", cfg.numNodes * cfg.hidden, true);
        embedding.glorot(cfg.numNodes, cfg.hidden, rnd);
        // Glorot over (nodes, hidden) makes rows tiny on big graphs; the paper's one-hot layer sees fan-in 1 per node
        double bound = Math.sqrt(6.0 / (1 + cfg.hidden));
        for (int i = 0; i < embedding.value.length; i++) {
            embedding.value[i] = (rnd.nextDouble() * 2 - 1) * bound;
        }
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
     * The same over a sampled subgraph whose local node k is the model's node {@code nodeIds[k]}
     * (null: the graph is the whole node set); the result has one row per local node.
     */
    public double[] forward(RelGraph g, int[] nodeIds, Dense dense, boolean train, SplittableRandom rnd,
                            double[][] hiddenOut) {
        int n = g.numNodes, L = cfg.layers, d = cfg.hidden;
        this.nodeIds = nodeIds;
        layerInput = new double[L][];
        masks = new double[L][];
        preNorm = new double[L][];
        normed = new double[L][];
        invStd = new double[L][];
        activated = new double[L][];
        double[] h = embedding.value;
        if (nodeIds != null) {
            h = new double[n * d];
            for (int k = 0; k < n; k++) {
                System.arraycopy(embedding.value, nodeIds[k] * d, h, k * d, d);
            }
        }
        for (int l = 0; l < L; l++) {
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
            double[] o = convs[l].forward(g, h, dense);
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
        int n = g.numNodes, d = cfg.hidden;
        double[] grad = gLogits;
        for (int l = cfg.layers - 1; l >= 0; l--) {
            boolean last = l == cfg.layers - 1;
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
            double[] gin = convs[l].backward(g, grad, dense, true);
            if (masks[l] != null) {
                double[] mask = masks[l];
                for (int k = 0; k < gin.length; k++) {
                    gin[k] *= mask[k];
                }
            }
            grad = gin;
        }
        double[] ge = embedding.grad;
        if (nodeIds == null) {
            for (int k = 0; k < ge.length; k++) {
                ge[k] += grad[k];
            }
        } else {
            for (int k = 0; k < n; k++) {
                int base = nodeIds[k] * d;
                for (int j = 0; j < d; j++) {
                    ge[base + j] += grad[k * d + j];
                }
            }
        }
    }

    /**
     * Adds a decoder tensor trained with the encoder (for example DistMult's relation diagonals), so
     * the optimiser and checkpoints cover it like the encoder's own parameters.
     */
    public Param addDecoderParam(String name, int size, boolean decay) {
        Param p = new Param(name, size, decay);
        params.add(p);
        return p;
    }

    public void zeroGrad() {
        params.forEach(Param::zeroGrad);
    }
}
