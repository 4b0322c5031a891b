package io.coseiot.mqtt.paho;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The socket factory given to Paho: its sockets have Nagle's algorithm off ({@code TCP_NODELAY}),
 * and plain TCP ones buffer what they read ({@link ReadBufferedSocket}).
 *
 * <p>Paho leaves Nagle on and writes each MQTT packet on its own. A subscriber then sends each QoS
 * 1 PUBACK as a tiny segment that Nagle holds back until the broker acknowledges the previous one,
 * which a broker that does not answer at once (HiveMQ CE: delayed ACK, tens of milliseconds) turns
 * into a stall per round of acknowledgements: QoS 1 delivery stopped at about 1,100 messages per
 * second with 100 in flight, whatever the payload. MQTT packets are small and latency-bound, so
 * every MQTT client should send them at once; brokers set {@code TCP_NODELAY} on their side too.
 *
 * <p>Paho already writes each packet with one system call (through its own buffered output stream,
 * flushed per packet), but it reads each packet in several small reads straight from the socket.
 * TLS sockets are left unbuffered: they decrypt whole records into a buffer of their own and answer
 * small reads and {@code available()} from it, and they stay exactly the JDK's sockets.
 */
final class NoDelaySockets {
  private NoDelaySockets() {}

  /**
   * Returns the factory for a broker URI: for {@code ssl://} the TLS context's factory (or the JDK
   * default) with Nagle off, for {@code tcp://} a plain one unless a TLS context is given (a TLS
   * factory, which Paho refuses for {@code tcp://} as it always did, rather than quietly going
   * without TLS). Other schemes (WebSocket) keep Paho's own handling.
   *
   * @param serverUri the broker URI
   * @param tls the TLS context, or null
   * @return the factory, or null to let Paho choose
   */
  static SocketFactory forUri(String serverUri, SSLContext tls) {
    String scheme = scheme(serverUri);
    if ("ssl".equals(scheme) || ("tcp".equals(scheme) && tls != null)) {
      return new Tls(
          tls != null ? tls.getSocketFactory() : (SSLSocketFactory) SSLSocketFactory.getDefault());
    }
    if ("tcp".equals(scheme)) {
      return new Plain();
    }
    return tls == null ? null : tls.getSocketFactory();
  }

  private static String scheme(String uri) {
    try {
      String s = URI.create(uri).getScheme();
      return s == null ? "" : s.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // Paho reports a bad URI itself, with its own message.
      return "";
    }
  }

  private static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }

  /**
   * Plain TCP sockets without Nagle and with a buffered input stream ({@link ReadBufferedSocket}).
   */
  static final class Plain extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      return noDelay(new ReadBufferedSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new ReadBufferedSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new ReadBufferedSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new ReadBufferedSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new ReadBufferedSocket(host, port, local, localPort));
    }
  }

  /**
   * TLS sockets without Nagle. An {@link SSLSocketFactory} itself, since Paho accepts nothing else
   * for {@code ssl://}.
   */
  static final class Tls extends SSLSocketFactory {
    private final SSLSocketFactory d;

    Tls(SSLSocketFactory delegate) {
      this.d = delegate;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return d.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return d.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(d.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return noDelay(d.createSocket(noDelay(s), host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(d.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(d.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(d.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(d.createSocket(host, port, local, localPort));
    }
  }
}
