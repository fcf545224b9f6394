package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;

/**
 * A TCP listener on this machine's own address (not a Docker bridge's), standing for "the outside"
 * in network tests: a container with a network reaches it; an isolated one must not. Tests that need
 * it are skipped where the machine has no such address, or where the engine runs without iptables
 * (then Docker cannot keep an internal network's traffic in).
 */
final class OutsideListener implements AutoCloseable {
    private final ServerSocket server;
    private final InetAddress address;
    private final Thread acceptor;

    private OutsideListener(InetAddress address) throws IOException {
        this.address = address;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress("0.0.0.0", 0));
        this.acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    // closed at the end of the test
                }
            }
        }, "outside-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static OutsideListener open() {
        assumeTrue(System.getenv("KILN_DOCKER_NO_IPTABLES") == null,
                "the Docker engine runs without iptables, so it cannot isolate a network from the outside");
        Optional<InetAddress> a = hostAddress();
        assumeTrue(a.isPresent(), "this machine has no non-loopback IPv4 address outside Docker's bridges");
        try {
            return new OutsideListener(a.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<InetAddress> hostAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                String n = ni.getName();
                if (!ni.isUp() || ni.isLoopback() || n.startsWith("docker") || n.startsWith("br-") || n.startsWith("veth")) {
                    continue;
                }
                for (InetAddress ia : Collections.list(ni.getInetAddresses())) {
                    if (ia instanceof Inet4Address) {
                        return Optional.of(ia);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code "ADDRESS PORT"}, as the test scripts take it in OUTSIDE. */
    String target() {
        return address.getHostAddress() + " " + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
