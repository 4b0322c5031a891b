/**
 * The peers the TCK runs vectors against: other COSE implementations (pyCOSE, COSE-JAVA, the C
 * device library, peers a peers file adds) driven through the line protocol of {@code
 * docs/peer-protocol.md}, and the exchange of one vector with one peer in each direction.
 */
package io.coseiot.interop;
