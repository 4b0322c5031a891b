/** cose-tck: the command line that runs conformance suites against cose-iot. */
module io.coseiot.tck {
  requires io.coseiot.interop;
  requires info.picocli;

  // picocli fills the command classes' annotated fields reflectively.
  opens io.coseiot.tck to
      info.picocli;
}
