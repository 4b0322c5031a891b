package io.coseiot.cose.internal;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.CoseMessage;

/**
 * Reads of the byte strings and CBOR values that keys and header buckets hold, without the copies
 * their public accessors make, for the core's own per-message paths: sealing or opening a message
 * reads the key, IV and Partial IV, and a copy of each would cost more allocation than the rest of
 * the envelope.
 *
 * <p>What these methods return is the holder's own state, shared with every message made from it:
 * read it, never change it, and never hand it to a caller. The module exports this package only to
 * its own modules that need it ({@code module-info}). The key and header packages register their
 * readers when their classes initialise.
 */
public final class RawAccess {
  /** Reads a key's parameters; implemented in the key package. */
  public interface KeyReader {
    /**
     * Returns a byte string parameter as held.
     *
     * @param key the key
     * @param label the parameter label
     * @return the key's own array, or null if absent or not a byte string
     */
    byte[] bytes(CoseKey key, long label);

    /**
     * Returns the key instance's state for the message package, made on first use.
     *
     * @param key the key
     * @return the state, the same object for every call on this instance
     */
    KeyState state(CoseKey key);
  }

  /** Reads header values; implemented in the header package. */
  public interface HeaderReader {
    /**
     * Returns a byte string header from whichever bucket holds it, a text kid as its UTF-8 bytes.
     *
     * @param headers the headers
     * @param label the label
     * @return the bucket's own array, or null if absent
     */
    byte[] bytes(Headers headers, long label);

    /**
     * Returns a header value from whichever bucket holds it.
     *
     * @param headers the headers
     * @param label the label
     * @return the bucket's own value, or null if absent
     */
    CBORObject value(Headers headers, long label);

    /**
     * Returns a header value of one bucket.
     *
     * @param map the bucket
     * @param label the label
     * @return the bucket's own value, or null if absent
     */
    CBORObject value(HeaderMap map, long label);
  }

  /** Reads a message's content as received; implemented in the message package. */
  public interface MessageReader {
    /**
     * Returns the payload or ciphertext as held.
     *
     * @param message the message
     * @return the message's own array, or null if detached
     */
    byte[] content(CoseMessage<?> message);
  }

  // Set once each, by the static initialisers of CoseKey, HeaderMap and CoseMessage. Whoever holds
  // a key or a
  // bucket caused that initialiser to run; the fallback below only covers a thread that was handed
  // one without a happens-before edge to it.
  private static KeyReader keys;
  private static HeaderReader headers;
  private static MessageReader messages;

  private RawAccess() {}

  /**
   * Registers the key reader; only the key package calls this, and only once.
   *
   * @param reader the reader
   */
  public static synchronized void register(KeyReader reader) {
    if (keys != null) {
      throw new IllegalStateException("the key reader is registered already");
    }
    keys = reader;
  }

  /**
   * Registers the header reader; only the header package calls this, and only once.
   *
   * @param reader the reader
   */
  public static synchronized void register(HeaderReader reader) {
    if (headers != null) {
      throw new IllegalStateException("the header reader is registered already");
    }
    headers = reader;
  }

  /**
   * Registers the message reader; only the message package calls this, and only once.
   *
   * @param reader the reader
   */
  public static synchronized void register(MessageReader reader) {
    if (messages != null) {
      throw new IllegalStateException("the message reader is registered already");
    }
    messages = reader;
  }

  /**
   * Returns the payload or ciphertext of a message that has not been verified, for the test
   * vectors, peers and conformance checks that compare or relay received bytes. An application
   * reads content only from {@code verify} or {@code decrypt}.
   *
   * @param message the message
   * @return a copy of the content, or null if detached
   */
  public static byte[] unverifiedContent(CoseMessage<?> message) {
    MessageReader r = messages;
    if (r == null) {
      initialise(CoseMessage.class);
      r = messages;
    }
    byte[] c = r.content(message);
    return c == null ? null : c.clone();
  }

  /**
   * Returns a key's byte string parameter without copying it; see the class comment.
   *
   * @param key the key
   * @param label the parameter label
   * @return the key's own array, or null if absent or not a byte string
   */
  public static byte[] keyBytes(CoseKey key, long label) {
    return keyReader().bytes(key, label);
  }

  /**
   * Returns a key instance's state for the message package.
   *
   * @param key the key
   * @return the state
   */
  public static KeyState keyState(CoseKey key) {
    return keyReader().state(key);
  }

  /**
   * Returns a byte string header without copying it; see the class comment.
   *
   * @param h the headers
   * @param label the label
   * @return the bucket's own array, or null if absent
   */
  public static byte[] headerBytes(Headers h, long label) {
    return headerReader().bytes(h, label);
  }

  /**
   * Returns a header value without copying it; see the class comment.
   *
   * @param h the headers
   * @param label the label
   * @return the bucket's own value, or null if absent
   */
  public static CBORObject headerValue(Headers h, long label) {
    return headerReader().value(h, label);
  }

  /**
   * Returns a value of one bucket without copying it; see the class comment.
   *
   * @param map the bucket
   * @param label the label
   * @return the bucket's own value, or null if absent
   */
  public static CBORObject headerValue(HeaderMap map, long label) {
    return headerReader().value(map, label);
  }

  private static KeyReader keyReader() {
    KeyReader r = keys;
    if (r == null) {
      initialise(CoseKey.class);
      r = keys;
    }
    return r;
  }

  private static HeaderReader headerReader() {
    HeaderReader r = headers;
    if (r == null) {
      initialise(HeaderMap.class);
      r = headers;
    }
    return r;
  }

  /**
   * Runs a class's initialiser unless done, which registers its reader; waiting on the class's
   * initialisation lock also makes that registration visible to this thread. Not synchronized on
   * this class: the initialiser it may wait for takes that lock to register.
   */
  private static void initialise(Class<?> c) {
    try {
      Class.forName(c.getName(), true, c.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(c.getName() + " is missing from the core", e);
    }
  }
}
