package dev.kiln.gnn.rgcn;

/**
 * A dense trainable tensor with its gradient and Adam moments, flat in row-major order. Doubles,
 * not floats: the graphs RGCN trains on fit easily and finite-difference checks stay meaningful.
 */
public final class Param {
    final String name;
    final double[] value;
    final double[] grad;
    final double[] m;
    final double[] v;
    /** Dimensions, row-major; their product is the size. */
    final int[] shape;
    /** Whether weight decay applies (weights and embeddings, not biases or layer-norm gains). */
    final boolean decay;

    Param(String name, int size, boolean decay) {
        this(name, new int[] {size}, decay);
    }

    Param(String name, int[] shape, boolean decay) {
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        this.name = name;
        this.shape = shape.clone();
        this.value = new double[size];
        this.grad = new double[size];
        this.m = new double[size];
        this.v = new double[size];
        this.decay = decay;
    }

    public String name() {
        return name;
    }

    public double[] value() {
        return value;
    }

    /** The dimensions (for example bases x in x out); a flat tensor has one. */
    public int[] shape() {
        return shape.clone();
    }

    public double[] grad() {
        return grad;
    }

    void zeroGrad() {
        java.util.Arrays.fill(grad, 0);
    }

    /** Glorot-uniform initialisation for a fanIn x fanOut matrix. */
    void glorot(int fanIn, int fanOut, java.util.SplittableRandom rnd) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < value.length; i++) {
            value[i] = (rnd.nextDouble() * 2 - 1) * bound;
        }
    }

    void fill(double x) {
        java.util.Arrays.fill(value, x);
    }

    /** One Adam step (Kingma and Ba) at 1-based step {@code t}, with L2 weight decay added to the gradient. */
    void adam(double lr, double weightDecay, int t) {
        final double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
        double wd = decay ? weightDecay : 0;
        for (int i = 0; i < value.length; i++) {
            double g = grad[i] + wd * value[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            value[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }
}
