package dev.kiln.gnn.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Bulk float/int array I/O for checkpoints. */
public final class StateArrays {
    private StateArrays() {}

    public static void write(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(a.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
        out.write(b.array());
    }

    public static void read(DataInputStream in, float[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException("checkpoint array has " + n + " values, expected " + a.length);
        }
        byte[] bytes = new byte[n * 4];
        in.readFully(bytes);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
    }

    public static void write(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    public static void read(DataInputStream in, int[] a) throws IOException {
        int n = in.readInt();
        if (n != a.length) {
            throw new IOException("checkpoint array has " + n + " values, expected " + a.length);
        }
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
    }
}
