package dev.kiln.gnn.cuda;

/** No usable CUDA device: no NVIDIA driver, no GPU of that ordinal, or kernels the driver would not load. */
public final class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
