// A real JVM TLS endpoint for the fakes of Java application servers: JSSE server-mode SSLSockets on 127.0.0.1 that
// present the certificate of the key managers they were last given. New connections use the new key managers as
// soon as switchTo() is called (what WildFly's key-manager init and WebLogic's SSL restart on activate do);
// nothing else changes what is served. Each connection gets one handshake and a short HTTP answer.
package certdeck.fakes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

final class JvmTlsListener implements AutoCloseable {
    private final ServerSocket socket;
    private final String name;
    private volatile SSLContext context;

    JvmTlsListener(String name, int port, KeyManager[] keyManagers) throws Exception {
        this.name = name;
        this.context = contextOf(keyManagers);
        this.socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "tls-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void switchTo(KeyManager[] keyManagers) throws Exception {
        context = contextOf(keyManagers);
        System.out.println("tls " + name + ": switched key managers");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static SSLContext contextOf(KeyManager[] keyManagers) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, null, new SecureRandom());
        return context;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket plain = socket.accept();
                SSLContext current = context;
                Thread connection = new Thread(() -> serve(current, plain), "tls-conn-" + name);
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.out.println("tls " + name + ": accept failed: " + e);
                }
            }
        }
    }

    private static void serve(SSLContext context, Socket plain) {
        try (plain) {
            plain.setSoTimeout(5000);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.startHandshake();
            OutputStream out = tls.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"
                              .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            tls.close();
        } catch (IOException e) {
            // a probe that closes after the handshake, or a client that gave up: nothing to report
        }
    }
}
