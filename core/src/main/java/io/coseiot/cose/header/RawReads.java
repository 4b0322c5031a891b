package io.coseiot.cose.header;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.internal.RawAccess;

/** The header package's side of {@link RawAccess}: the buckets' own values, uncopied. */
final class RawReads implements RawAccess.HeaderReader {
  @Override
  public byte[] bytes(Headers headers, long label) {
    return headers.bytes(label);
  }

  @Override
  public CBORObject value(Headers headers, long label) {
    return headers.value(label);
  }

  @Override
  public CBORObject value(HeaderMap map, long label) {
    return map.value(label);
  }
}
