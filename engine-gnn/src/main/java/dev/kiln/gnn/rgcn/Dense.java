package dev.kiln.gnn.rgcn;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Row-major dense kernels for RGCN, split over rows across a fixed number of threads (the job's
 * CPUs). Inner loops run over contiguous rows so the JIT vectorises them.
 */
public final class Dense implements AutoCloseable {
    private final ForkJoinPool pool;
    private final int threads;

    public Dense(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : new ForkJoinPool(this.threads);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} for each chunk index 0..chunks-1 in parallel; chunk c covers rows c*n/chunks up to (c+1)*n/chunks. */
    void forChunks(int chunks, IntConsumer body) {
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            final int cc = c;
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.accept(cc);
                }
            };
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
    }

    /** Calls {@code row} for every row 0..n-1, rows partitioned into one block per thread. */
    void forRows(int n, IntConsumer row) {
        int chunks = Math.min(threads, Math.max(1, n));
        forChunks(chunks, c -> {
            int lo = (int) ((long) c * n / chunks), hi = (int) ((long) (c + 1) * n / chunks);
            for (int i = lo; i < hi; i++) {
                row.accept(i);
            }
        });
    }

    /** C[n x m] (+)= A[n x k] B[k x m]. */
    void matmul(double[] a, double[] b, double[] c, int n, int k, int m, boolean accumulate) {
        forRows(n, i -> {
            int ci = i * m;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + m, 0);
            }
            for (int p = 0; p < k; p++) {
                double x = a[i * k + p];
                if (x == 0) {
                    continue;
                }
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        });
    }

    /** C[k x m] += A[n x k]^T G[n x m], for weight gradients; parallel over the k rows of C. */
    void matmulTransA(double[] a, double[] g, double[] c, int n, int k, int m) {
        forChunks(Math.min(threads, k), ch -> {
            int chunks = Math.min(threads, k);
            int lo = (int) ((long) ch * k / chunks), hi = (int) ((long) (ch + 1) * k / chunks);
            for (int i = 0; i < n; i++) {
                int gi = i * m;
                for (int p = lo; p < hi; p++) {
                    double x = a[i * k + p];
                    if (x == 0) {
                        continue;
                    }
                    int cp = p * m;
                    for (int j = 0; j < m; j++) {
                        c[cp + j] += x * g[gi + j];
                    }
                }
            }
        });
    }

    /** C[n x k] += G[n x m] B[k x m]^T, for input gradients. */
    void matmulTransB(double[] g, double[] b, double[] c, int n, int k, int m) {
        forRows(n, i -> {
            int gi = i * m;
            for (int p = 0; p < k; p++) {
                int bp = p * m;
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += g[gi + j] * b[bp + j];
                }
                c[i * k + p] += s;
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
