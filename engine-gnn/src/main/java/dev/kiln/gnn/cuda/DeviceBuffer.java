package dev.kiln.gnn.cuda;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A block of device memory holding {@code length} elements of 4 bytes (floats or ints) or 8 (doubles). Copies are
 * synchronous: they wait for the kernels launched before them, which is what makes a download after an epoch see
 * its last batch.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr pointer = new CUdeviceptr();
    private final long length;
    private final int elementSize;
    private boolean freed;

    private DeviceBuffer(long length, int elementSize) {
        this.length = length;
        this.elementSize = elementSize;
        JCudaDriver.cuMemAlloc(pointer, Math.max(1, length) * elementSize);
    }

    /** {@code length} floats or ints, zeroed. */
    public static DeviceBuffer of4(long length) {
        DeviceBuffer b = new DeviceBuffer(length, Sizeof.FLOAT);
        b.zero();
        return b;
    }

    /** {@code length} doubles, zeroed. */
    public static DeviceBuffer ofDoubles(long length) {
        DeviceBuffer b = new DeviceBuffer(length, Sizeof.DOUBLE);
        b.zero();
        return b;
    }

    public static DeviceBuffer of(float[] data) {
        DeviceBuffer b = new DeviceBuffer(data.length, Sizeof.FLOAT);
        b.upload(data);
        return b;
    }

    public static DeviceBuffer of(int[] data) {
        DeviceBuffer b = new DeviceBuffer(data.length, Sizeof.INT);
        b.upload(data, data.length);
        return b;
    }

    public long length() {
        return length;
    }

    CUdeviceptr pointer() {
        return pointer;
    }

    /** The same memory from element {@code offset} on, as a kernel argument. */
    public View at(long offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException(offset + " of " + length);
        }
        return new View(pointer.withByteOffset(offset * elementSize));
    }

    /** A device pointer into a buffer, for {@link CudaDevice#launch}. */
    public record View(CUdeviceptr pointer) {}

    public void upload(float[] data) {
        check(data.length, Sizeof.FLOAT);
        JCudaDriver.cuMemcpyHtoD(pointer, Pointer.to(data), (long) data.length * Sizeof.FLOAT);
    }

    /** Copies {@code data[0..n)} to the start of the buffer. */
    public void upload(float[] data, int n) {
        check(n, Sizeof.FLOAT);
        JCudaDriver.cuMemcpyHtoD(pointer, Pointer.to(data), (long) n * Sizeof.FLOAT);
    }

    /** Copies {@code data[0..n)} to the start of the buffer. */
    public void upload(int[] data, int n) {
        check(n, Sizeof.INT);
        JCudaDriver.cuMemcpyHtoD(pointer, Pointer.to(data), (long) n * Sizeof.INT);
    }

    public void download(float[] data) {
        check(data.length, Sizeof.FLOAT);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(data), pointer, (long) data.length * Sizeof.FLOAT);
    }

    public void download(int[] data) {
        check(data.length, Sizeof.INT);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(data), pointer, (long) data.length * Sizeof.INT);
    }

    public void download(double[] data) {
        check(data.length, Sizeof.DOUBLE);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(data), pointer, (long) data.length * Sizeof.DOUBLE);
    }

    /** Sets every byte to zero (an all-zero float, int or double). */
    public void zero() {
        JCudaDriver.cuMemsetD32(pointer, 0, Math.max(1, length) * elementSize / 4);
    }

    private void check(long n, int size) {
        if (size != elementSize || n > length) {
            throw new IllegalArgumentException(n + " elements of " + size + " bytes do not fit " + length + " of " + elementSize);
        }
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            JCudaDriver.cuMemFree(pointer);
        }
    }
}
