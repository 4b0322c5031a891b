/**
 * COSE header buckets (RFC 9052 §3): {@link io.coseiot.cose.header.HeaderMap}, one immutable bucket
 * with typed builder setters for the common parameters, {@link io.coseiot.cose.header.Headers}, the
 * protected and unprotected pair as sent, and {@link io.coseiot.cose.header.HeaderLabel}, the
 * registered labels. Messages fill {@code alg} and {@code kid} from the key; headers are for what
 * the key cannot say, such as a content type.
 */
package io.coseiot.cose.header;
