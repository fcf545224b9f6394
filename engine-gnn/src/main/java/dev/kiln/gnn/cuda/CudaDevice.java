package dev.kiln.gnn.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * One GPU, seen through the CUDA driver API (JCuda), with Kiln's kernels loaded: the PTX built from
 * {@code src/main/cuda/kge.cu}, which the driver compiles for this GPU when the module loads. Ordinals count the
 * GPUs the process sees, so a job whose {@code CUDA_VISIBLE_DEVICES} names the GPUs its device profile granted
 * gets the first of those as ordinal 0. Work goes to the device's primary context, the one the CUDA runtime
 * (and so PyTorch) would also use.
 */
public final class CudaDevice implements AutoCloseable {
    private static final String PTX = "/dev/kiln/gnn/cuda/kge.ptx";
    /** Why the driver binding failed to load, once it has: a second attempt only says the class is broken. */
    private static volatile String driverFailure;

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final String description;
    private boolean closed;

    private CudaDevice(int ordinal) {
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        if (ordinal < 0 || ordinal >= count[0]) {
            throw new CudaUnavailableException("no CUDA device " + ordinal + " (" + count[0] + " visible)");
        }
        JCudaDriver.cuDeviceGet(device, ordinal);
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuModuleLoadData(module, ptx());
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        long[] mem = new long[1];
        JCudaDriver.cuDeviceTotalMem(mem, device);
        int[] driver = new int[1];
        JCudaDriver.cuDriverGetVersion(driver);
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        description = String.format("GPU %d (%s, %d MiB, CUDA driver %d.%d)", ordinal,
                new String(name, 0, len, StandardCharsets.US_ASCII), mem[0] >> 20, driver[0] / 1000, driver[0] % 1000 / 10);
    }

    /**
     * Opens GPU {@code ordinal} of those this process sees.
     *
     * @throws CudaUnavailableException where there is no NVIDIA driver, no such GPU, or the kernels do not load;
     *     the message says which
     */
    public static CudaDevice open(int ordinal) {
        String failed = driverFailure;
        if (failed != null) {
            throw new CudaUnavailableException(failed);
        }
        try {
            return new CudaDevice(ordinal);
        } catch (CudaUnavailableException e) {
            throw e;
        } catch (LinkageError e) {
            // JCuda's library links libcuda.so.1, which only an NVIDIA driver installs.
            String why = String.valueOf(e.getMessage());
            driverFailure = why.contains("libcuda") ? "no NVIDIA driver: libcuda.so.1 is not installed"
                    : "the CUDA driver binding did not load: " + why.lines().findFirst().orElse(e.toString());
            throw new CudaUnavailableException(driverFailure, e);
        } catch (RuntimeException e) {
            // CudaException: a driver that refuses (no device, too old for the PTX, out of memory).
            throw new CudaUnavailableException(String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()), e);
        }
    }

    /** For logs: ordinal, name, memory and driver version. */
    public String description() {
        return description;
    }

    /** Makes this device's context current on the calling thread; every entry point of a user calls it first. */
    public void use() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    /** Waits for all work launched on the device. */
    public void synchronize() {
        JCudaDriver.cuCtxSynchronize();
    }

    /**
     * Launches kernel {@code name} on a {@code gridX x gridY} grid of {@code block}-thread blocks. Arguments are
     * {@link DeviceBuffer}s (passed as device pointers, {@link DeviceBuffer#at} for an offset), {@code Integer},
     * {@code Float}, {@code Double} or {@code Boolean} (as a C int), in the kernel's order.
     */
    public void launch(String name, int gridX, int gridY, int block, Object... args) {
        launchShared(name, gridX, gridY, block, 0, args);
    }

    /** As {@link #launch}, with {@code sharedBytes} of dynamic shared memory per block. */
    public void launchShared(String name, int gridX, int gridY, int block, int sharedBytes, Object... args) {
        CUfunction f = functions.computeIfAbsent(name, n -> {
            CUfunction fn = new CUfunction();
            JCudaDriver.cuModuleGetFunction(fn, module, n);
            return fn;
        });
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = param(args[i], name, i);
        }
        JCudaDriver.cuLaunchKernel(f, gridX, gridY, 1, block, 1, 1, sharedBytes, null, Pointer.to(params), null);
    }

    private static Pointer param(Object a, String name, int i) {
        if (a == null) {
            throw new IllegalArgumentException("null kernel argument " + i + " of " + name);
        }
        if (a instanceof DeviceBuffer.View v) {
            return Pointer.to(v.pointer());
        }
        if (a instanceof DeviceBuffer b) {
            return Pointer.to(b.pointer());
        }
        if (a instanceof Integer v) {
            return Pointer.to(new int[] {v});
        }
        if (a instanceof Boolean v) {
            return Pointer.to(new int[] {v ? 1 : 0});
        }
        if (a instanceof Float v) {
            return Pointer.to(new float[] {v});
        }
        if (a instanceof Double v) {
            return Pointer.to(new double[] {v});
        }
        throw new IllegalArgumentException("kernel argument " + i + " of " + name + " is a " + a.getClass().getName());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        use();
        JCudaDriver.cuModuleUnload(module);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }

    /** The kernels' PTX, NUL-terminated as cuModuleLoadData wants it. */
    static byte[] ptx() {
        try (InputStream in = CudaDevice.class.getResourceAsStream(PTX)) {
            if (in == null) {
                throw new CudaUnavailableException("the kernels' PTX " + PTX + " is missing from the class path");
            }
            byte[] b = in.readAllBytes();
            return Arrays.copyOf(b, b.length + 1);
        } catch (IOException e) {
            throw new CudaUnavailableException("cannot read " + PTX + ": " + e.getMessage(), e);
        }
    }
}
