package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.CoseException;
import java.util.HexFormat;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the exact exception class, not just any subclass of it. */
final class Strict {
  private Strict() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  /** Asserts that {@code e} throws exactly {@code type} (not a subclass) and returns it. */
  static <T extends CoseException> T throwsExactly(Class<T> type, Executable e) {
    CoseException thrown = assertThrows(CoseException.class, e);
    assertEquals(type, thrown.getClass(), () -> "got " + thrown);
    return type.cast(thrown);
  }
}
