package io.cairn.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port on 127.0.0.1 that a test opens and closes: closed, nothing listens (connections are refused, as
 * with a server that is down); open, every connection is forwarded to {@code target}. For fault tests that
 * take a server away from the application and give it back.
 */
public final class TcpGate implements AutoCloseable {

    private final int port;
    private final URI target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    /** A closed gate on a free port, forwarding to {@code target} ({@code http://host:port}) once opened. */
    public TcpGate(URI target) {
        this.target = target;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public synchronized void open() throws IOException {
        ServerSocket listening = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        server = listening;
        daemon("tcp-gate-accept", () -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(target.getHost(), target.getPort());
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon("tcp-gate-up", () -> pump(client, upstream));
                    daemon("tcp-gate-down", () -> pump(upstream, client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side or the gate closed the connection
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
