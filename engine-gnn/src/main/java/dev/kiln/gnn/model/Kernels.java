package dev.kiln.gnn.model;

/**
 * Which implementation of the block kernels ({@link BlockKernels}' products, RotatE's distances) this
 * JVM runs: the Vector API ones when the incubating module {@code jdk.incubator.vector} is in the boot
 * layer (the job JVMs get {@code --add-modules jdk.incubator.vector} unless {@code kiln.vector=false})
 * and its vectors hold at least 8 floats; the plain-Java ones otherwise. This class names no Vector
 * API type, so it loads on any JVM.
 */
public final class Kernels {
    /** Row arrays that the block products sweep are allocated {@link #padded} to a multiple of this. */
    public static final int PAD = 16;

    /** Whether the Vector API kernels are in use. */
    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorKernels.worthIt();

    private Kernels() {}

    /**
     * The length to allocate for a row of {@code n} floats that a block product reads or writes: a
     * multiple of {@link #PAD}, so the vector kernels sweep it in whole vectors. Only the first n
     * entries mean anything; the rest start at zero and stay out of every result.
     */
    public static int padded(int n) {
        return (n + PAD - 1) / PAD * PAD;
    }

    /** For the training log: {@code vector} (with its width) or {@code java}. */
    public static String name() {
        return VECTOR ? "vector" : "java";
    }
}
