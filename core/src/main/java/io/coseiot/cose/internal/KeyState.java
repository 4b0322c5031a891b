package io.coseiot.cose.internal;

import io.coseiot.cose.header.Headers;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * What the message package remembers about one key instance: the headers it fills in for a sender
 * (so they are built once per key, not per message), and the last nonces given through the
 * test-vector paths, so that a repeated IV under the same key instance is refused there. Equal keys
 * built separately have separate states: the library cannot know about copies.
 */
public final class KeyState {
  /** How many caller-chosen nonces are remembered per key instance. */
  public static final int REMEMBERED_NONCES = 256;

  private volatile Headers senderHeaders;
  // Insertion order, so the eldest is dropped first; ByteBuffer compares contents.
  private final LinkedHashSet<ByteBuffer> nonces = new LinkedHashSet<>();

  /**
   * Returns the headers built from the key for a sender, or null before the first message.
   *
   * @return the headers, or null
   */
  public Headers senderHeaders() {
    return senderHeaders;
  }

  /**
   * Keeps the headers built from the key; racing threads store equal values.
   *
   * @param headers the headers
   */
  public void senderHeaders(Headers headers) {
    senderHeaders = headers;
  }

  /**
   * Records a nonce unless it is among the last {@value #REMEMBERED_NONCES} recorded.
   *
   * @param nonce the nonce, copied if recorded
   * @return false if it was already recorded
   */
  public synchronized boolean recordNonce(byte[] nonce) {
    if (!nonces.add(ByteBuffer.wrap(nonce.clone()))) {
      return false;
    }
    if (nonces.size() > REMEMBERED_NONCES) {
      Iterator<ByteBuffer> eldest = nonces.iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }
}
