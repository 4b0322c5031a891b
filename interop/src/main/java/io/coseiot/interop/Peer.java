package io.coseiot.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Another COSE implementation, driven through the requests of the peer line protocol
 * (docs/peer-protocol.md): {@code encrypt0}/{@code decrypt0}, {@code sign1}/{@code verify1}, {@code
 * mac0}/{@code verify_mac0}. Build requests with {@link PeerRequests}. Not thread-safe.
 */
public interface Peer extends AutoCloseable {
  /**
   * Returns the peer's short name, as given to {@code --peer}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns what the peer said to {@code hello}: name, version, algorithms and ops.
   *
   * @return the hello response
   */
  PeerResponse hello();

  /**
   * Sends one request and waits for its response.
   *
   * @param request the request, without {@code id} (the peer assigns it)
   * @return the response; a peer failure is a response with kind {@code error}
   */
  PeerResponse call(ObjectNode request);

  /** Stops the peer; further calls fail. */
  @Override
  void close();
}
