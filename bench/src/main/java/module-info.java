/**
 * cose-iot bench: JMH benchmarks of the COSE messages against the bare primitives, the wire
 * overhead of each profile, and the runner behind {@code cose-tck bench}.
 */
module io.coseiot.bench {
  requires io.coseiot.cose;
  requires io.coseiot.interop;
  requires jmh.core;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;

  exports io.coseiot.bench;
  // JMH's generated harness lives beside the benchmarks and is loaded reflectively.
  exports io.coseiot.bench.jmh_generated;
}
