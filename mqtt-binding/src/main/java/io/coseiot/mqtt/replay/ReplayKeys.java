package io.coseiot.mqtt.replay;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The keys under which {@link ReplayState} implementations file their state: each part
 * length-prefixed, so that different splits of the same bytes never collide.
 */
public final class ReplayKeys {
  private ReplayKeys() {}

  /**
   * Returns the key of one sender's window, for in-memory maps.
   *
   * @param kid the key id
   * @param epoch the key epoch
   * @param senderId the sender id
   * @return the key, with equality and hash code by content
   */
  public static ByteBuffer sender(byte[] kid, long epoch, byte[] senderId) {
    ByteBuffer b = ByteBuffer.allocate(4 + kid.length + 4 + 8 + 4 + senderId.length);
    b.putInt(kid.length).put(kid).putInt(8).putLong(epoch).putInt(senderId.length).put(senderId);
    return b.flip();
  }

  /**
   * Returns the key of one message identifier.
   *
   * @param kid the key id
   * @param messageId the IV, signature or MAC tag
   * @return the key
   */
  public static byte[] message(byte[] kid, byte[] messageId) {
    ByteBuffer b = ByteBuffer.allocate(4 + kid.length + 4 + messageId.length);
    return b.putInt(kid.length).put(kid).putInt(messageId.length).put(messageId).array();
  }

  /**
   * Returns the text form of a sender's key, for stores keyed by strings: {@code
   * hex(kid).epoch.hex(sid)}, unambiguous since hex has no dots.
   *
   * @param kid the key id
   * @param epoch the key epoch
   * @param senderId the sender id
   * @return the text
   */
  public static String senderText(byte[] kid, long epoch, byte[] senderId) {
    HexFormat h = HexFormat.of();
    return h.formatHex(kid) + "." + epoch + "." + h.formatHex(senderId);
  }

  /**
   * Returns the text form of a message identifier's key: {@code hex(kid).hex(id)}.
   *
   * @param kid the key id
   * @param messageId the IV, signature or MAC tag
   * @return the text
   */
  public static String messageText(byte[] kid, byte[] messageId) {
    HexFormat h = HexFormat.of();
    return h.formatHex(kid) + "." + h.formatHex(messageId);
  }
}
