package io.coseiot.cose.message;

/**
 * Whether a received message must, may or must not carry its COSE CBOR tag. The expected message
 * type always comes from the context (the decode method called), so a tag for another type is an
 * error under every policy.
 */
public enum TagPolicy {
  /** The message must start with the tag of the expected type. */
  REQUIRED,
  /** The tag of the expected type may be present or absent. */
  OPTIONAL,
  /** The message must not be tagged. */
  PROHIBITED
}
