package dev.kiln.gnn.cuda;

/** Whether this machine has a GPU that CUDA can use, asked once, for the tests that need one. */
public final class Gpu {
    private static final String UNAVAILABLE = probe();

    private Gpu() {}

    public static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why there is none, or null. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    private static String probe() {
        try (CudaDevice d = CudaDevice.open(0)) {
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }
}
