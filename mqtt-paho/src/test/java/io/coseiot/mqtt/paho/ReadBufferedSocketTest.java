package io.coseiot.mqtt.paho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain sockets Paho gets read through one buffer and keep the socket's data, end-of-stream and
 * close behaviour.
 */
class ReadBufferedSocketTest {
  private final SocketFactory factory = NoDelaySockets.forUri("tcp://127.0.0.1:1883", null);
  private ServerSocket server;

  @BeforeEach
  void listen() throws Exception {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Connects the way Paho's tcp:// module does: an unconnected socket, then connect. */
  private Socket connect() throws Exception {
    Socket s = factory.createSocket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
    return s;
  }

  @Test
  void theStreamIsOneBufferForTheLifeOfTheSocket() throws Exception {
    try (Socket s = connect();
        Socket peer = server.accept()) {
      InputStream in = s.getInputStream();
      assertInstanceOf(BufferedInputStream.class, in);
      assertSame(in, s.getInputStream());
      assertTrue(s.getTcpNoDelay());
    }
  }

  @Test
  void bytesArriveIntactThroughSmallAndBulkReadsAndThenEndOfStream() throws Exception {
    // Several packets' worth in one write, read the way Paho reads: byte by byte, then in bulk.
    byte[] sent = new byte[20_000];
    new Random(6).nextBytes(sent);
    try (Socket s = connect();
        Socket peer = server.accept()) {
      try (OutputStream out = peer.getOutputStream()) {
        out.write(sent);
      }
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] got = new byte[sent.length];
      for (int i = 0; i < 3; i++) {
        got[i] = in.readByte();
      }
      in.readFully(got, 3, got.length - 3);
      assertArrayEquals(sent, got);
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[4], 0, 4));
    }
  }

  @Test
  void availableCountsWhatIsBufferedAndNothingMore() throws Exception {
    try (Socket s = connect();
        Socket peer = server.accept()) {
      peer.getOutputStream().write(new byte[] {1, 2, 3, 4, 5});
      InputStream in = s.getInputStream();
      assertEquals(1, in.read());
      assertEquals(4, in.available());
      assertEquals(4, in.read(new byte[10], 0, 10));
      assertEquals(0, in.available());
    }
  }

  @Test
  void closingTheStreamClosesTheSocketAndAClosedSocketHasNoStream() throws Exception {
    try (Socket s = connect();
        Socket peer = server.accept()) {
      InputStream in = s.getInputStream();
      in.close();
      assertTrue(s.isClosed());
      assertThrows(SocketException.class, s::getInputStream);
    }
  }

  @Test
  void shutDownInputReadsAsEndOfStreamAndRefusesANewStream() throws Exception {
    try (Socket s = connect();
        Socket peer = server.accept()) {
      InputStream in = s.getInputStream();
      s.shutdownInput();
      assertEquals(-1, in.read());
      assertThrows(SocketException.class, s::getInputStream);
    }
  }

  @Test
  void anUnconnectedSocketHasNoStream() throws Exception {
    try (Socket s = factory.createSocket()) {
      assertThrows(SocketException.class, s::getInputStream);
    }
  }

  @Test
  void connectingOverloadsGiveBufferedSocketsToo() throws Exception {
    InetAddress lo = InetAddress.getLoopbackAddress();
    int port = server.getLocalPort();
    // One at a time: the listening socket's backlog is one connection.
    List<Callable<Socket>> overloads =
        List.of(
            () -> factory.createSocket(lo, port),
            () -> factory.createSocket(lo.getHostAddress(), port),
            () -> factory.createSocket(lo, port, lo, 0),
            () -> factory.createSocket(lo.getHostAddress(), port, lo, 0));
    for (Callable<Socket> overload : overloads) {
      try (Socket s = overload.call();
          Socket peer = server.accept()) {
        peer.getOutputStream().write(42);
        assertInstanceOf(BufferedInputStream.class, s.getInputStream());
        assertEquals(42, s.getInputStream().read());
        assertTrue(s.getTcpNoDelay());
      }
    }
  }
}
